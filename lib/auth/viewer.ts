import type { Role } from "@/lib/generated/prisma/enums";

/** Who is asking: carried in the session token and in every GraphQL context. */
export interface Viewer {
  id: string;
  name: string;
  email: string;
  role: Role;
  clinicId: string;
  clinicName: string;
}

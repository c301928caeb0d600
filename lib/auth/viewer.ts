import type { Role } from "@/lib/generated/prisma/enums";

/** Who is asking: read from the live session row on every request (lib/auth/sessions.ts), never from the token or arguments. */
export interface Viewer {
  id: string;
  name: string;
  email: string;
  role: Role;
  clinicId: string;
  clinicName: string;
  /** The therapy service a THERAPIST works for; null for everyone else. */
  serviceId: string | null;
}

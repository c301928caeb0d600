import { z } from "zod";
import { normaliseEmail } from "@/lib/auth/credentials";
import { newPasswordSchema } from "@/lib/auth/password-policy";
import { Role } from "@/lib/generated/prisma/enums";
import { optionalPhone } from "@/lib/validation";

export const createUserSchema = z.object({
  email: z.email("Email is not a valid address").max(320).transform(normaliseEmail),
  name: z.string().trim().min(1, "Name is required").max(100, "Name must be at most 100 characters"),
  role: z.enum(Role),
  serviceId: z.uuid("serviceId is not a valid id").nullish(),
  password: newPasswordSchema,
})
  .refine((user) => user.role !== "THERAPIST" || user.serviceId, { message: "Choose the service a therapist works for", path: ["serviceId"] })
  .refine((user) => user.role === "THERAPIST" || !user.serviceId, { message: "Only therapists belong to a service", path: ["serviceId"] });

export type NewUser = z.output<typeof createUserSchema>;

export { newPasswordSchema };

/** What a user may change of their own contact details. */
export const ownContactSchema = z.object({ workPhone: optionalPhone("Work phone") });

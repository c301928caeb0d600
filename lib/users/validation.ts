import { z } from "zod";
import { normaliseEmail } from "@/lib/auth/credentials";
import { newPasswordSchema } from "@/lib/auth/password-policy";
import { Role } from "@/lib/generated/prisma/enums";

export const createUserSchema = z.object({
  email: z.email("Email is not a valid address").max(320).transform(normaliseEmail),
  name: z.string().trim().min(1, "Name is required").max(100, "Name must be at most 100 characters"),
  role: z.enum(Role),
  password: newPasswordSchema,
});

export type NewUser = z.output<typeof createUserSchema>;

export { newPasswordSchema };

import { z } from "zod";
import { Discipline } from "@/lib/generated/prisma/enums";

export const serviceFilterSchema = z.object({
  discipline: z.enum(Discipline).nullish(),
  search: z.string().trim().max(100, "search must be at most 100 characters").nullish(),
});

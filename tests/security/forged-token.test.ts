import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { createTestClinic, testViewer } from "../support/db";
import { graphql } from "../support/http";
import { refusedBy } from "../support/attacks";
import { url } from "../support/browser";

/** A session cookie the server did not issue must count as no session at all. */

let viewer: Viewer;
beforeAll(async () => {
  const { clinic, users } = await createTestClinic([{ role: "ADMIN" }]);
  const user = users[0]!;
  // A real user's details: the forgery fails on the signature, not on an unknown user.
  viewer = testViewer(user, clinic);
});

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

const FORGERIES: [string, () => Promise<string>][] = [
  ["a random string", async () => randomBytes(48).toString("base64url")],
  [
    "a token encrypted with another secret",
    async () =>
      encode({
        token: { sub: viewer.id, name: viewer.name, email: viewer.email, viewer },
        secret: randomBytes(32).toString("base64url"),
        maxAge: 60 * 60,
      }),
  ],
  [
    "an unsigned JWT (alg none)",
    async () => `${base64url({ alg: "none", typ: "JWT" })}.${base64url({ sub: viewer.id, viewer, exp: Math.floor(Date.now() / 1000) + 3600 })}.`,
  ],
];

describe("forged session tokens", () => {
  it.each(FORGERIES)("attack: %s as the session cookie is UNAUTHENTICATED at /api/graphql", async (_what, forge) => {
    const cookie = `next-auth.session-token=${await forge()}`;
    const result = await graphql("query { me { id email clinic { name } } }", { cookie });
    expect(result.status).toBe(401);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
    expect(JSON.stringify(result)).not.toContain(viewer.email);
    refusedBy("authentication", result);
  });

  it.each(FORGERIES)("attack: %s as the session cookie is sent from a portal page to /login", async (_what, forge) => {
    const response = await fetch(url("/patients"), { redirect: "manual", headers: { cookie: `next-auth.session-token=${await forge()}` } });
    expect(response.status).toBeGreaterThanOrEqual(300);
    expect(response.status).toBeLessThan(400);
    expect(new URL(response.headers.get("location")!, url("/")).pathname).toBe("/login");
    expect(await response.text()).not.toContain(viewer.name);
    refusedBy("authentication", { defence: "authentication", code: String(response.status) });
  });
});

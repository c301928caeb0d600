import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApolloServer } from "@/graphql/server";
import type { Viewer } from "@/lib/auth/viewer";
import { createRequestContext } from "@/lib/request/context";
import { createTestClinic, statementLoggingClient, testViewer } from "../support/db";

/**
 * `me` after the session check, which has just read the viewer's row: the
 * columns it read are not read again; anything else is.
 */
const statements: string[] = [];
const counted = statementLoggingClient((event) => statements.push(event.query));

const server = createApolloServer();
let viewer: Viewer;

beforeAll(async () => {
  await server.start();
  const { clinic, users } = await createTestClinic([{ role: "ADMIN" }]);
  const user = users[0]!;
  viewer = testViewer(user, clinic);
});
afterAll(async () => {
  await server.stop();
  await counted.$disconnect();
});

async function me(selection: string) {
  statements.length = 0;
  const response = await server.executeOperation({ query: `{ me { ${selection} } }` }, { contextValue: createRequestContext({ prisma: counted, viewer }) });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  expect(response.body.singleResult.errors).toBeUndefined();
  return { me: (response.body.singleResult.data as { me: Record<string, unknown> }).me, statements: statements.length };
}

describe("me", () => {
  it("answers the columns the session check read without reading the row again", async () => {
    const answer = await me("id name email role active permissions");
    expect(answer.statements).toBe(0);
    expect(answer.me).toMatchObject({ id: viewer.id, name: viewer.name, email: viewer.email, role: "ADMIN", active: true });
    expect(answer.me.permissions).toContain("ADMINISTER_USERS");
  });

  it("reads the row when asked for more than that (the clinic)", async () => {
    const answer = await me("id clinic { name }");
    expect(answer.statements).toBe(1);
    expect(answer.me).toEqual({ id: viewer.id, clinic: { name: viewer.clinicName } });
  });
});

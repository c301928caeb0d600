import type { ObjectRef } from "@pothos/core";
import { builder, type PortalTypes } from "@/graphql/builder";
import type { NewestFirstKey } from "@/lib/db/keyset";
import { badInput } from "@/lib/errors";
import type { PatientKey } from "@/lib/patients";

/**
 * Keyset pagination for the API: a cursor is the sort key of the last row
 * seen, opaque to clients (base64url JSON). Pages never use OFFSET and never
 * count. The domain functions take the decoded key (lib/db/keyset.ts).
 */

const AFTER = ["after"];

export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The key inside a cursor this API gave out, or BAD_USER_INPUT on `after`. Every
 * key ends with the row's id: one that is not a UUID would reach PostgreSQL's uuid
 * comparison and fail there as an internal error.
 */
export function decodeCursor(cursor: string, length: number): string[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(key) && key.length === length && key.every((part) => typeof part === "string") && UUID.test(String(key.at(-1)))) return key;
  } catch {
    // falls through to the error below
  }
  return badInput("after is not a cursor this API gave out", AFTER);
}

/**
 * A time inside a cursor, as toISOString wrote it, within the years PostgreSQL
 * and JavaScript share (1 to 9999): a forged one outside them (year -100000, say)
 * would fail in the database as an internal error.
 */
export function cursorTime(text: string): Date {
  const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(text) ? new Date(text) : null;
  if (!time || Number.isNaN(time.getTime()) || time.getUTCFullYear() < 1) badInput("after is not a cursor this API gave out", AFTER);
  return time;
}

/** The cursor of lists ordered newest first by (createdAt, id): referrals, the audit trail. */
export const newestFirstCursor = {
  encode: (row: NewestFirstKey) => encodeCursor([row.createdAt.toISOString(), row.id]),
  decode(cursor: string | null | undefined): NewestFirstKey | null {
    if (!cursor) return null;
    const [createdAtText, id] = decodeCursor(cursor, 2) as [string, string];
    return { createdAt: cursorTime(createdAtText), id };
  },
};

/** The cursor of the patient list, ordered by family name, given name, id. */
export const patientCursor = {
  encode: (patient: PatientKey) => encodeCursor([patient.familyName, patient.givenName, patient.id]),
  decode(cursor: string | null | undefined): PatientKey | null {
    if (!cursor) return null;
    const [familyName, givenName, id] = decodeCursor(cursor, 3) as [string, string, string];
    return { familyName, givenName, id };
  },
};

export interface Page<Node> {
  edges: { cursor: string; node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Builds a page from up to `first + 1` rows: the extra row only says there is a next page. */
export function toPage<Node>(rows: Node[], first: number, cursorOf: (node: Node) => string): Page<Node> {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}

export const PageInfo = builder.objectRef<Page<unknown>["pageInfo"]>("PageInfo").implement({
  fields: (t) => ({
    hasNextPage: t.exposeBoolean("hasNextPage"),
    endCursor: t.exposeString("endCursor", { nullable: true }),
  }),
});

/** The `<Name>Connection` and `<Name>Edge` types of a list of `node`. */
export function connection<Node>(name: string, node: ObjectRef<PortalTypes, Node>) {
  const Edge = builder.objectRef<Page<Node>["edges"][number]>(`${name}Edge`).implement({
    fields: (t) => ({
      cursor: t.exposeString("cursor"),
      // Pothos cannot resolve its result type through the generic Node; the ref and the edge agree by construction.
      node: t.field({ type: node, resolve: (edge) => edge.node as never }),
    }),
  });
  return builder.objectRef<Page<Node>>(`${name}Connection`).implement({
    fields: (t) => ({
      edges: t.field({ type: [Edge], resolve: (page) => page.edges }),
      pageInfo: t.field({ type: PageInfo, resolve: (page) => page.pageInfo }),
    }),
  });
}

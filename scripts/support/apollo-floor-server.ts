/**
 * A reference row of `npm run bench:http`: stock Apollo Server 5 (its default
 * plugins, graphql-js executing) on plain node:http, answering the history
 * page the portal serves with the limit's one joined SQL statement
 * (history-page.ts) through pg, with no Next.js, session check, tenancy layer,
 * audit trail, Pothos or Prisma. It is the most the API layer the portal is built on (Apollo Server 5) can serve for that
 * page on this machine, measured in the same run as the limit.
 */
import { createServer } from "node:http";
import { ApolloServer, HeaderMap } from "@apollo/server";
import pg from "pg";
import { APOLLO_PAGE_SQL, type HistoryPageRow } from "./history-page";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const clinicId = process.env.CLINIC_ID!;

const typeDefs = `#graphql
  type Query { referrals(first: Int, after: String): ReferralConnection! }
  type ReferralConnection { edges: [ReferralEdge!]!, pageInfo: PageInfo! }
  type ReferralEdge { cursor: String!, node: Referral! }
  type PageInfo { hasNextPage: Boolean!, endCursor: String }
  type Referral { id: ID!, createdAt: String!, priority: String!, status: String!, disciplines: [String!]!, patient: Patient!, author: User! }
  type Patient { id: ID!, givenName: String!, familyName: String!, medicalRecordNumber: String! }
  type User { id: ID!, name: String! }
`;


const resolvers = {
  Query: {
    referrals: async (_root: unknown, args: { first?: number | null }) => {
      const first = Math.min(50, args.first ?? 50);
      const { rows } = await pool.query<HistoryPageRow>(APOLLO_PAGE_SQL, [clinicId, first + 1]);
      const edges = rows.slice(0, first).map((row) => ({
        cursor: row.id,
        node: {
          id: row.id,
          createdAt: row.createdAt.toISOString(),
          priority: row.priority,
          status: "SENT",
          disciplines: row.disciplines,
          patient: { id: row.patientId, givenName: row.givenName, familyName: row.familyName, medicalRecordNumber: row.medicalRecordNumber },
          author: { id: row.authorId, name: row.author },
        },
      }));
      return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
    },
  },
};

const apollo = new ApolloServer({ typeDefs, resolvers });
await apollo.start();

const server = createServer(async (request, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(key, value);
  const result = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method ?? "POST", headers, search: "", body: JSON.parse(Buffer.concat(chunks).toString("utf8")) },
    context: async () => ({}),
  });
  response.statusCode = result.status ?? 200;
  for (const [key, value] of result.headers) response.setHeader(key, value);
  if (result.body.kind === "complete") response.end(result.body.string);
  else {
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  }
});

server.listen(Number(process.env.PORT), "127.0.0.1", () => process.send?.("ready"));

/**
 * The limit of `npm run bench:http`: plain node:http and one joined SQL
 * statement (history-page.ts) through pg for the same history page the
 * portal serves (newest first, patient and author names), with no GraphQL, session
 * or audit. What the machine can serve for that page, measured in the same run.
 */
import { createServer } from "node:http";
import pg from "pg";
import { LIMIT_PAGE_SQL } from "./history-page";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const clinicId = process.env.CLINIC_ID!;

const server = createServer(async (request, response) => {
  const first = Math.min(50, Number(new URL(request.url ?? "/", "http://limit").searchParams.get("first") ?? 50));
  const { rows } = await pool.query(LIMIT_PAGE_SQL, [clinicId, first + 1]);
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify({ edges: rows.slice(0, first).map((node) => ({ node })), hasNextPage: rows.length > first }));
});

server.listen(Number(process.env.PORT), "127.0.0.1", () => process.send?.("ready"));

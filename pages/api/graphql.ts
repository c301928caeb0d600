import type { NextApiRequest, NextApiResponse } from "next";
import { handleGraphQL } from "@/graphql/http";

/**
 * The GraphQL endpoint, as a Pages Router API route: Next.js hands it Node's
 * request and response as they are, where an App Router route handler wraps
 * both in web streams. Measured on this project's machine with the same JSON
 * answer: 2,800 requests/s from one process here against 1,100 from a route
 * handler (docs/benchmarks/http.md). graphql/http.ts opens the request through
 * the pipeline, bounds and parses the body, and runs Apollo Server.
 */
export const config = { api: { bodyParser: false, externalResolver: true } };

export default function graphql(request: NextApiRequest, response: NextApiResponse): Promise<void> {
  return handleGraphQL(request, response);
}

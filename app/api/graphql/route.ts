import type { NextRequest } from "next/server";
import { handleGraphQL } from "@/graphql/http";

// graphql/http.ts opens the request through the pipeline, bounds and parses the body, and runs Apollo Server.
export function GET(request: NextRequest) {
  return handleGraphQL(request);
}

export function POST(request: NextRequest) {
  return handleGraphQL(request);
}

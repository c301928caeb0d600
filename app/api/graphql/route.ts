import { startServerAndCreateNextHandler } from "@as-integrations/next";
import type { NextRequest } from "next/server";
import type { GraphQLContext } from "@/graphql/context";
import { createApolloServer } from "@/graphql/server";
import { openRequest } from "@/lib/request/pipeline";

// The request pipeline opens every request (session, viewer, clinic scope); the server's audit plugin closes it.
const handler = startServerAndCreateNextHandler<NextRequest, GraphQLContext>(createApolloServer(), {
  context: (request) => openRequest(request),
});

export async function GET(request: NextRequest) {
  return handler(request);
}

export async function POST(request: NextRequest) {
  return handler(request);
}

import { startServerAndCreateNextHandler } from "@as-integrations/next";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { createContext, type GraphQLContext } from "@/graphql/context";
import { createApolloServer } from "@/graphql/server";
import { resolveSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { requestOrigin } from "@/lib/request-origin";

const handler = startServerAndCreateNextHandler<NextRequest, GraphQLContext>(createApolloServer(), {
  // The viewer comes from the session token on every request, never from arguments.
  context: async (request) => {
    const token = await getToken({ req: request });
    const live = await resolveSession(db(), token?.sessionId);
    return createContext({ prisma: db(), viewer: live?.viewer ?? null, origin: requestOrigin(request.headers) });
  },
});

export async function GET(request: NextRequest) {
  return handler(request);
}

export async function POST(request: NextRequest) {
  return handler(request);
}

import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { GraphQLContext } from "@/graphql/context";
import { formatError } from "@/graphql/errors";
import { schema } from "@/graphql/schema";
import { unauthenticated } from "@/lib/errors";

/** Every operation needs a session: refused here once, before any resolver runs. */
const requireSession: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue }) {
        if (contextValue.viewer) return;
        const error = unauthenticated();
        throw new GraphQLError(error.userMessage, { originalError: error, extensions: { http: { status: 401 } } });
      },
    };
  },
};

export function createApolloServer(): ApolloServer<GraphQLContext> {
  return new ApolloServer<GraphQLContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: process.env.NODE_ENV !== "production",
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    plugins: [requireSession],
  });
}

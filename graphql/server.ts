import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError } from "graphql";
import { auditPatientData, auditTrailPlugin } from "@/graphql/audit";
import type { GraphQLContext } from "@/graphql/context";
import { refuseControlCharacters } from "@/graphql/control-characters";
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

/** The schema has no subscriptions; graphql-js would only fail at execution, with an error that reads as our fault. */
const refuseSubscriptions: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation !== "subscription") return;
        throw new GraphQLError("This API has no subscriptions.", { extensions: { code: "BAD_REQUEST", http: { status: 400 } } });
      },
    };
  },
};

/**
 * OWASP GraphQL limits. The portal's own deepest operation (a referral with its
 * timeline's actors' clinic) is 6 levels and about 150 tokens; these leave room
 * for that and refuse the abusive shapes.
 */
export const GRAPHQL_LIMITS = {
  maxDepth: 10,
  maxAliases: 10,
  maxTokens: 2_000,
  maxDirectives: 10,
  maxCost: 5_000,
} as const;

const armor = new ApolloArmor({
  maxDepth: { n: GRAPHQL_LIMITS.maxDepth, ignoreIntrospection: false },
  // armor skips __typename by default; 660 of them in one query are still 660 fields to answer.
  maxAliases: { n: GRAPHQL_LIMITS.maxAliases, allowList: [] },
  maxTokens: { n: GRAPHQL_LIMITS.maxTokens },
  maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives },
  costLimit: { maxCost: GRAPHQL_LIMITS.maxCost },
  blockFieldSuggestion: { enabled: true },
});

export function createApolloServer(): ApolloServer<GraphQLContext> {
  const production = process.env.NODE_ENV === "production";
  const protection = armor.protect();
  return new ApolloServer<GraphQLContext>({
    // Every field that returns patient data notes what it returned for the audit trail.
    schema: auditPatientData(schema),
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: !production,
    allowBatchedHttpRequests: false,
    // The portal's own client sends whole documents; a hash cache only adds a surface (and a mismatch answered 500).
    persistedQueries: false,
    csrfPrevention: true,
    validationRules: protection.validationRules,
    plugins: [
      ...(protection.plugins as ApolloServerPlugin<GraphQLContext>[]),
      refuseSubscriptions,
      requireSession,
      refuseControlCharacters,
      // Writes what the request read or wrote to the audit trail before the response leaves.
      auditTrailPlugin,
      // Nothing here is cacheable (every answer is per user), and the plugin ran a hook on every field.
      ApolloServerPluginCacheControlDisabled(),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
}

import type { RequestContext } from "@/lib/request/context";

/** The GraphQL context is the request pipeline's context (lib/request): nothing of its own. */
export type GraphQLContext = RequestContext;

import SchemaBuilder from "@pothos/core";
import PrismaPlugin from "@pothos/plugin-prisma";
import type PrismaTypes from "@/lib/generated/pothos-types";
import { getDatamodel } from "@/lib/generated/pothos-types";
import type { GraphQLContext } from "@/graphql/context";
import type { PrismaClient } from "@/lib/generated/prisma/client";

interface PortalSchema {
  Context: GraphQLContext;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  Scalars: {
    Date: { Input: string; Output: Date | string };
    DateTime: { Input: string; Output: Date };
    JSON: { Input: never; Output: object };
  };
}

/** The schema's types as Pothos sees them, for helpers generic over object types (graphql/pagination.ts). */
export type PortalTypes = PothosSchemaTypes.ExtendDefaultTypes<PortalSchema>;

export const builder = new SchemaBuilder<PortalSchema>({
  plugins: [PrismaPlugin],
  defaultFieldNullability: false,
  prisma: {
    // The clinic-scoped client: every query Pothos makes is confined to the viewer's clinic.
    client: (context) => context.db as unknown as PrismaClient,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === "production" ? null : "warn",
  },
});

builder.queryType({});
builder.mutationType({});

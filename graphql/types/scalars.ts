import { GraphQLError } from "graphql";
import { builder } from "@/graphql/builder";

builder.scalarType("DateTime", {
  description: "An instant, ISO 8601 in UTC.",
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    if (typeof value !== "string" || Number.isNaN(Date.parse(value))) throw new GraphQLError("DateTime must be an ISO 8601 string");
    return value;
  },
});

builder.scalarType("Date", {
  description: "A calendar date, YYYY-MM-DD.",
  serialize: (value) => (typeof value === "string" ? value : value.toISOString().slice(0, 10)),
  // Only the shape here; whether the date is real and allowed is checked with the field's zod schema.
  parseValue: (value) => {
    if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new GraphQLError("Date must be written YYYY-MM-DD");
    return value;
  },
});

builder.scalarType("JSON", {
  description: "A JSON document given whole, such as a FHIR resource. Output only: no argument takes one.",
  serialize: (value) => value,
  parseValue: () => {
    throw new GraphQLError("JSON is not accepted as input");
  },
  parseLiteral: () => {
    throw new GraphQLError("JSON is not accepted as input");
  },
});

import { readFileSync } from "node:fs";
import {
  buildSchema,
  getNamedType,
  isInputObjectType,
  isLeafType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLObjectType,
} from "graphql";

/**
 * The API's attack surface, read from the checked-in printed schema, so that a
 * field added tomorrow is attacked by the security suite without anyone listing it.
 */
export const apiSchema = buildSchema(readFileSync(new URL("../../graphql/schema.graphql", import.meta.url), "utf8"));

export type AnyField = GraphQLField<unknown, unknown>;
export const fieldKey = (parent: GraphQLNamedType, field: { name: string }) => `${parent.name}.${field.name}`;

export function rootFields(operation: "query" | "mutation"): AnyField[] {
  const root = operation === "query" ? apiSchema.getQueryType() : apiSchema.getMutationType();
  return root ? Object.values(root.getFields()) : [];
}

/** A record of a clinic: an object type with an id. Everything with an id belongs to one clinic. */
export function isClinicOwned(type: GraphQLNamedType): type is GraphQLObjectType {
  return isObjectType(type) && getNamedType(type.getFields().id?.type)?.name === "ID";
}

/** Whether a value of this type can hold a clinic's record (directly, or through connections and edges). */
export function reachesClinicData(type: GraphQLNamedType, seen = new Set<string>()): boolean {
  if (isClinicOwned(type)) return true;
  if (!isObjectType(type) || seen.has(type.name)) return false;
  seen.add(type.name);
  return Object.values(type.getFields()).some((field) => reachesClinicData(getNamedType(field.type), seen));
}

const isIdLike = (entry: GraphQLArgument | GraphQLInputField) =>
  getNamedType(entry.type).name === "ID" || /^id$|Id$/.test(entry.name);

/** Paths to every argument leaf, through input objects, that passes a record's id (id, patientId, …). */
export function idArgumentPaths(args: readonly (GraphQLArgument | GraphQLInputField)[], prefix: string[] = []): string[][] {
  return args.flatMap((arg) => {
    const type = getNamedType(arg.type);
    if (isInputObjectType(type)) return idArgumentPaths(Object.values(type.getFields()), [...prefix, arg.name]);
    return isIdLike(arg) ? [[...prefix, arg.name]] : [];
  });
}

/** Paths to every free-text argument leaf (String, not an id), through input objects. */
export function textArgumentPaths(args: readonly (GraphQLArgument | GraphQLInputField)[], prefix: string[] = []): string[][] {
  return args.flatMap((arg) => {
    const type = getNamedType(arg.type);
    if (isInputObjectType(type)) return textArgumentPaths(Object.values(type.getFields()), [...prefix, arg.name]);
    return type.name === "String" && !isIdLike(arg) ? [[...prefix, arg.name]] : [];
  });
}

/** Every field below `type` that a query can reach, each once, keyed "Type.field". */
export function reachableFields(type: GraphQLNamedType, found = new Map<string, AnyField>()): Map<string, AnyField> {
  if (!isObjectType(type)) return found;
  for (const field of Object.values(type.getFields())) {
    const key = fieldKey(type, field);
    if (found.has(key)) continue;
    found.set(key, field);
    reachableFields(getNamedType(field.type), found);
  }
  return found;
}

/** One field of a selection set, with the fields selected below it (none for a leaf). */
export interface Selection {
  call: string;
  children?: Selection[];
}

/**
 * Every field below `type`, stopping where a record type would repeat on the
 * path (Referral → patient → referrals → node is not selected again).
 * `argumentsOf` gives literal arguments for a field, e.g. `(after: "…")`.
 */
export function selectionTree(
  type: GraphQLNamedType,
  argumentsOf: (key: string) => string = () => "",
  path: readonly string[] = [],
): Selection[] {
  if (!isObjectType(type)) return [];
  const onPath = [...path, type.name];
  return Object.values(type.getFields()).flatMap((field): Selection[] => {
    const named = getNamedType(field.type);
    const call = `${field.name}${argumentsOf(fieldKey(type, field))}`;
    if (isLeafType(named)) return [{ call }];
    if (isClinicOwned(named) && onPath.includes(named.name)) return [];
    const children = selectionTree(named, argumentsOf, onPath);
    return children.length ? [{ call, children }] : [];
  });
}

export function printSelection(selection: Selection): string {
  return selection.children ? `${selection.call} { ${selection.children.map(printSelection).join(" ")} }` : selection.call;
}

/** graphql-armor's cost of a field (its defaults: object 2, scalar 1, ×1.5 per level below). */
export function costOf(selection: Selection): number {
  if (!selection.children) return 1;
  return selection.children.reduce((cost, child) => cost + 1.5 * costOf(child), 2);
}

/**
 * The same fields as `selection`, spread over as many selections as it takes for
 * each to cost at most `budget`: a whole tree of every field is over the server's
 * cost limit, and an attack refused by that limit would prove nothing.
 */
export function splitByCost(selection: Selection, budget: number): Selection[] {
  const branches = selection.children?.filter((child) => child.children) ?? [];
  if (costOf(selection) <= budget || branches.length === 0) return [selection];
  const leaves = selection.children!.filter((child) => !child.children);
  // Each part keeps the leaves (the ids among them) so every record in it is identified.
  const innerBudget = (budget - 2 - 1.5 * leaves.length) / 1.5;
  return branches.flatMap((branch) =>
    splitByCost(branch, innerBudget).map((part) => ({ call: selection.call, children: [...leaves, part] })),
  );
}

/** The operation's variable definitions for all of a field's arguments, e.g. `($id: ID!, $note: String)`. */
export function variableDefinitions(field: AnyField): string {
  return field.args.length ? `(${field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(", ")})` : "";
}

/** `field(id: $id, note: $note)` for all of a field's arguments. */
export function callWithVariables(field: AnyField): string {
  return field.args.length ? `${field.name}(${field.args.map((arg) => `${arg.name}: $${arg.name}`).join(", ")})` : field.name;
}

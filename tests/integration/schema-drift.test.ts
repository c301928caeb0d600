import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";

/**
 * The migrated database must be exactly what prisma/schema.prisma describes.
 * The model side is Prisma's own parse of the schema (lib/generated/datamodel.json,
 * written by prisma/datamodel-generator.mjs at `prisma generate`).
 */

interface DmmfField {
  name: string;
  kind: "scalar" | "object" | "enum" | "unsupported";
  type: string;
  isList: boolean;
  isRequired: boolean;
  dbName?: string | null;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
}
interface DmmfModel { name: string; dbName: string | null; fields: DmmfField[] }
interface DmmfIndex { model: string; type: "id" | "unique" | "normal" | "fulltext"; fields: { name: string }[] }
interface Datamodel {
  models: DmmfModel[];
  enums: { name: string; values: { name: string }[] }[];
  indexes: DmmfIndex[];
}

const datamodel = JSON.parse(
  readFileSync(new URL("../../lib/generated/datamodel.json", import.meta.url), "utf8"),
) as Datamodel;

const client = new pg.Client({ connectionString: inject("databaseUrl") });
beforeAll(() => client.connect());
afterAll(() => client.end());

const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
const columnOf = (model: DmmfModel, fieldName: string) => {
  const field = model.fields.find((candidate) => candidate.name === fieldName);
  return field?.dbName ?? fieldName;
};
const storedFields = (model: DmmfModel) => model.fields.filter((field) => field.kind !== "object");

/** The PostgreSQL type Prisma's migrate would create for a field. */
function expectedType(field: DmmfField): string {
  const native = field.nativeType;
  if (field.kind === "enum") return field.type;
  if (native) {
    const [name, args] = native;
    const withPrecision: Record<string, string> = { Timestamptz: "timestamptz", Timestamp: "timestamp", Time: "time" };
    if (withPrecision[name]) return `${withPrecision[name]}(${args[0] ?? 6})`;
    const plain: Record<string, string> = { Uuid: "uuid", Date: "date", Text: "text", Citext: "citext", Inet: "inet" };
    if (plain[name]) return plain[name];
    if (name === "VarChar") return args.length ? `varchar(${args[0]})` : "varchar";
    throw new Error(`add native type ${name} to the drift test`);
  }
  const defaults: Record<string, string> = {
    String: "text", Int: "int4", BigInt: "int8", Boolean: "bool", DateTime: "timestamp(3)",
    Float: "float8", Json: "jsonb", Decimal: "numeric(65,30)", Bytes: "bytea",
  };
  const type = defaults[field.type];
  if (!type) throw new Error(`add scalar type ${field.type} to the drift test`);
  return type;
}

async function actualColumns(table: string) {
  const { rows } = await client.query<{ column_name: string; type: string; nullable: boolean; is_array: boolean }>(
    `SELECT a.attname AS column_name,
            regexp_replace(format_type(a.atttypid, a.atttypmod), '\\[\\]$', '') AS type,
            NOT a.attnotnull AS nullable,
            t.typcategory = 'A' AS is_array
       FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
      WHERE a.attrelid = format('%I', $1::text)::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
    [table],
  );
  return rows;
}

/** format_type spells types long; map them to the short names used above. */
function shortType(type: string): string {
  return type
    .replace(/^timestamp\((\d)\) with time zone$/, "timestamptz($1)")
    .replace(/^timestamp\((\d)\) without time zone$/, "timestamp($1)")
    .replace(/^text$/, "text")
    .replace(/^integer$/, "int4")
    .replace(/^bigint$/, "int8")
    .replace(/^boolean$/, "bool")
    .replace(/^double precision$/, "float8")
    .replace(/^character varying/, "varchar")
    .replace(/^"(.*)"$/, "$1");
}

describe("the migrated database matches schema.prisma", () => {
  it("has exactly the tables of the models", async () => {
    const { rows } = await client.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    expect(rows.map((row) => row.tablename).sort()).toEqual(datamodel.models.map(tableOf).sort());
  });

  it("has exactly the enums of the schema, with the same values in order", async () => {
    const { rows } = await client.query<{ name: string; values: string[] }>(
      `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    const expected = datamodel.enums.map((entry) => ({ name: entry.name, values: entry.values.map((value) => value.name) }));
    expect(rows.sort((a, b) => a.name.localeCompare(b.name))).toEqual(expected.sort((a, b) => a.name.localeCompare(b.name)));
  });

  for (const model of datamodel.models) {
    it(`${model.name}: every column with its type and nullability, and no other column`, async () => {
      const columns = await actualColumns(tableOf(model));
      const actual = columns
        .map((column) => ({ column: column.column_name, type: shortType(column.type), nullable: column.nullable, list: column.is_array }))
        .sort((a, b) => a.column.localeCompare(b.column));
      const expected = storedFields(model)
        // Prisma creates scalar-list columns without NOT NULL (it reads NULL as an empty list).
        .map((field) => ({ column: field.dbName ?? field.name, type: expectedType(field), nullable: field.isList || !field.isRequired, list: field.isList }))
        .sort((a, b) => a.column.localeCompare(b.column));
      expect(actual).toEqual(expected);
    });

    it(`${model.name}: primary key, unique constraints and indexes as declared, and no others`, async () => {
      const { rows } = await client.query<{ primary: boolean; unique: boolean; columns: string[] }>(
        `SELECT i.indisprimary AS primary, i.indisunique AS unique,
                array(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY k(attnum, n)
                        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns
           FROM pg_index i WHERE i.indrelid = format('%I', $1::text)::regclass`,
        [tableOf(model)],
      );
      const kind = (primary: boolean, unique: boolean) => (primary ? "id" : unique ? "unique" : "normal");
      const actual = rows.map((row) => `${kind(row.primary, row.unique)}(${row.columns.join(",")})`).sort();
      const expected = datamodel.indexes
        .filter((index) => index.model === model.name)
        .map((index) => `${index.type}(${index.fields.map((field) => columnOf(model, field.name)).join(",")})`)
        .sort();
      expect(actual).toEqual(expected);
    });

    it(`${model.name}: a foreign key for every relation it holds`, async () => {
      const { rows } = await client.query<{ columns: string[]; target: string; target_columns: string[] }>(
        `SELECT array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
                        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns,
                c.confrelid::regclass::text AS target,
                array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n)
                        JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n) AS target_columns
           FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid = format('%I', $1::text)::regclass`,
        [tableOf(model)],
      );
      const actual = rows.map((row) => `${row.columns.join(",")}->${row.target.replace(/"/g, "")}(${row.target_columns.join(",")})`).sort();
      const expected = model.fields
        .filter((field) => field.kind === "object" && field.relationFromFields?.length)
        .map((field) => {
          const target = datamodel.models.find((candidate) => candidate.name === field.type)!;
          const from = field.relationFromFields!.map((name) => columnOf(model, name));
          const to = field.relationToFields!.map((name) => columnOf(target, name));
          return `${from.join(",")}->${tableOf(target)}(${to.join(",")})`;
        })
        .sort();
      expect(actual).toEqual(expected);
    });
  }
});

import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * Typed documents for the portal's React components, from the printed schema:
 * `graphql()` in components/ returns a document whose result and variables types
 * come from the schema, and codegen refuses a document the schema does not allow.
 * The output is generated at install and before typecheck, never committed.
 */
const config: CodegenConfig = {
  schema: "graphql/schema.graphql",
  documents: ["components/**/*.{ts,tsx}"],
  ignoreNoDocuments: false,
  errorsOnly: true,
  generates: {
    "lib/generated/graphql/": {
      preset: "client",
      // Components read the fields their query names, fragments included, without unmasking.
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        scalars: { ID: "string", DateTime: "string", Date: "string", JSON: "unknown" },
      },
    },
  },
};

export default config;

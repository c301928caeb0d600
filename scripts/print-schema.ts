/**
 * `npm run schema:print` writes graphql/schema.graphql from the code-first schema;
 * `npm run schema:check` fails when the checked-in file is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { printSchema } from "graphql";
import { schema } from "@/graphql/schema";

const FILE = "graphql/schema.graphql";
const printed = `${printSchema(schema)}\n`;

if (process.argv.includes("--check")) {
  if (readFileSync(FILE, "utf8") !== printed) {
    console.error(`${FILE} is stale: run \`npm run schema:print\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${FILE} is current.`);
} else {
  writeFileSync(FILE, printed);
  console.log(`wrote ${FILE}`);
}

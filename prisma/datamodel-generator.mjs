#!/usr/bin/env node
// A Prisma generator: writes the parsed datamodel (DMMF) of schema.prisma to
// the output file, for tests/integration/schema-drift.test.ts.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import generatorHelper from "@prisma/generator-helper";

generatorHelper.generatorHandler({
  onManifest: () => ({ prettyName: "Datamodel snapshot", defaultOutput: "../lib/generated/datamodel.json" }),
  onGenerate: async (options) => {
    const output = options.generator.output?.value;
    if (!output) throw new Error("datamodel generator needs an output path");
    mkdirSync(path.dirname(output), { recursive: true });
    writeFileSync(output, JSON.stringify(options.dmmf.datamodel, null, 2));
  },
});

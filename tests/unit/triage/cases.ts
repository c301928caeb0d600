/**
 * Written triage cases: what a clinician would expect for a referral. Used by
 * the table test and by scripts/triage-agreement.ts.
 */
import type { Assertion, ConditionCode, NeedCode, Recommendation, TriageResult } from "@/lib/triage";

/** A span of the notes that must be matched to a rule. */
export interface ExpectedSpan {
  readonly rule: string;
  readonly text: string;
  readonly start: number;
}

export interface TriageCase {
  readonly name: string;
  readonly needs?: readonly NeedCode[];
  readonly conditions?: readonly ConditionCode[];
  readonly notes?: string;
  readonly expected: {
    readonly recommendation: Recommendation;
    /** Rules that must be among the matched rules. */
    readonly rules?: readonly string[];
    /** Rules that must not be matched. */
    readonly absent?: readonly string[];
    readonly spans?: readonly ExpectedSpan[];
    /** No rule at all may match. */
    readonly noEvidence?: boolean;
    /** Findings set aside, each with its rule, the words of the notes and why ("ABSENT", "NORMAL", "SOMEONE_ELSE", ...). */
    readonly setAside?: readonly { readonly rule: string; readonly text: string; readonly assertion: Exclude<Assertion, "PRESENT"> }[];
    /** For assess first: the discipline the seed associates with the conditions named. */
    readonly hint?: TriageResult["hint"];
  };
}

export const TRIAGE_CASES: readonly TriageCase[] = [
  // Codes alone
  { name: "self-care need alone is occupational therapy", needs: ["SELF_CARE"], expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },
  { name: "pain need alone is physiotherapy", needs: ["PAIN"], expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.pain"] } },
  { name: "a stroke code alone is assessed first", conditions: ["STROKE"], expected: { recommendation: "NEEDS_ASSESSMENT", rules: ["ot.stroke"] } },
  {
    name: "sports injury as need and condition is one physiotherapy rule",
    needs: ["SPORTS_INJURY"],
    conditions: ["SPORTS_INJURY"],
    expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.sports-injuries"] },
  },
  { name: "a mental health condition code alone is assessed first", conditions: ["MENTAL_HEALTH_CONDITION"], expected: { recommendation: "NEEDS_ASSESSMENT", rules: ["ot.mental-health"] } },
  { name: "mobility and balance need leans physiotherapy", needs: ["MOBILITY_BALANCE"], expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },

  // Nothing usable
  { name: "blank notes give no evidence", notes: "   \n  ", expected: { recommendation: "NEEDS_ASSESSMENT", noEvidence: true } },
  {
    name: "injury alone decides nothing",
    notes: "Injury to the left knee last week.",
    expected: { recommendation: "NEEDS_ASSESSMENT", rules: ["shared.injury-or-illness"], spans: [{ rule: "shared.injury-or-illness", text: "Injury", start: 0 }] },
  },
  {
    name: "where an injury happened decides nothing",
    notes: "Injury at work last week; hurt at school as a child.",
    expected: { recommendation: "NEEDS_ASSESSMENT", absent: ["ot.work-and-school"] },
  },
  {
    name: "what the injury stops the person doing decides",
    notes: "Injury at work last week, now unable to work.",
    expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.work-and-school", "shared.injury-or-illness"] },
  },
  { name: "injury and illness alone decide nothing", notes: "Recovering from an illness and an injury.", expected: { recommendation: "NEEDS_ASSESSMENT", rules: ["shared.injury-or-illness"] } },
  { name: "German notes give no evidence", notes: "Der Patient hat starke Schmerzen im Knie und kann nicht gehen.", expected: { recommendation: "NEEDS_ASSESSMENT", noEvidence: true } },
  { name: "French notes give no evidence", notes: "La patiente a des douleurs au genou et marche difficilement.", expected: { recommendation: "NEEDS_ASSESSMENT", noEvidence: true } },
  { name: "Japanese notes give no evidence", notes: "患者は膝の痛みがあり、歩行が困難です。", expected: { recommendation: "NEEDS_ASSESSMENT", noEvidence: true } },
  {
    name: "only shared evidence needs assessment",
    notes: "Wants a better quality of life and function.",
    expected: { recommendation: "NEEDS_ASSESSMENT", rules: ["shared.quality-of-life", "shared.movement-and-function"] },
  },
  {
    name: "one supporting hint alone needs assessment",
    notes: "Tried hydrotherapy last year.",
    expected: { recommendation: "NEEDS_ASSESSMENT", spans: [{ rule: "pt.hydrotherapy", text: "hydrotherapy", start: 6 }] },
  },
  { name: "wound dressing is not self-care", notes: "Wound dressing changed today.", expected: { recommendation: "NEEDS_ASSESSMENT", noEvidence: true } },
  { name: "a diagnostic ultrasound scan is not therapy", notes: "Ultrasound scan showed a small effusion.", expected: { recommendation: "NEEDS_ASSESSMENT", noEvidence: true } },

  // Negation
  { name: "no pain", notes: "No pain.", expected: { recommendation: "NEEDS_ASSESSMENT", noEvidence: true } },
  { name: "denies pain", notes: "Denies pain at rest or at night", expected: { recommendation: "NEEDS_ASSESSMENT", noEvidence: true } },
  { name: "pain-free with a hyphen", notes: "Pain-free since Tuesday", expected: { recommendation: "NEEDS_ASSESSMENT", noEvidence: true } },
  { name: "pain free with a space", notes: "pain free on stairs", expected: { recommendation: "NEEDS_ASSESSMENT", noEvidence: true } },
  { name: "pain resolved", notes: "Knee pain resolved.", expected: { recommendation: "NEEDS_ASSESSMENT", noEvidence: true } },
  {
    name: "negation covers the whole list",
    notes: "No difficulty with washing, dressing or cooking.",
    expected: { recommendation: "NEEDS_ASSESSMENT", noEvidence: true },
  },
  { name: "without trouble walking", notes: "Without trouble walking, no falls.", expected: { recommendation: "NEEDS_ASSESSMENT", noEvidence: true } },
  {
    name: "but ends a negation",
    notes: "No difficulty dressing but can't cook.",
    expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["ot.daily-living"], spans: [{ rule: "ot.everyday-activities", text: "can't cook", start: 27 }] },
  },
  {
    name: "a semicolon ends a negation",
    notes: "Denies pain; stiff shoulder in the mornings.",
    expected: { recommendation: "PHYSIOTHERAPY", absent: ["pt.pain"], spans: [{ rule: "pt.range-of-motion", text: "stiff shoulder", start: 13 }] },
  },
  {
    name: "however ends a negation",
    notes: "No falls, however walks with a stick outdoors.",
    expected: { recommendation: "PHYSIOTHERAPY", spans: [{ rule: "pt.mobility", text: "walks with a stick", start: 18 }] },
  },
  {
    name: "a line break ends a negation",
    notes: "No pain\nStiffness in the mornings",
    expected: { recommendation: "PHYSIOTHERAPY", absent: ["pt.pain"], spans: [{ rule: "pt.range-of-motion", text: "Stiffness", start: 8 }] },
  },
  {
    name: "a new assertion ends a negation",
    notes: "Independent with washing and dressing, struggles with cooking.",
    expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["ot.daily-living"], spans: [{ rule: "ot.everyday-activities", text: "cooking", start: 54 }] },
  },
  {
    name: "no longer is a loss, not a denial",
    notes: "No longer able to get dressed without help.",
    expected: { recommendation: "OCCUPATIONAL_THERAPY", spans: [{ rule: "ot.daily-living", text: "get dressed", start: 18 }] },
  },
  {
    name: "a postfix negation does not spill over the clause",
    notes: "Pain nil, mobilising with frame.",
    expected: { recommendation: "PHYSIOTHERAPY", absent: ["pt.pain"], spans: [{ rule: "pt.mobility", text: "mobilising", start: 10 }] },
  },
  {
    name: "not independent is a need",
    notes: "Not independent with ADLs since admission.",
    expected: { recommendation: "OCCUPATIONAL_THERAPY", spans: [{ rule: "ot.daily-living", text: "ADLs", start: 21 }] },
  },

  // Capitals, punctuation and spelling
  {
    name: "capitals match",
    notes: "PAIN IN LOWER BACK, STIFFNESS WHEN BENDING",
    expected: {
      recommendation: "PHYSIOTHERAPY",
      spans: [
        { rule: "pt.pain", text: "PAIN", start: 0 },
        { rule: "pt.range-of-motion", text: "STIFFNESS", start: 20 },
      ],
    },
  },
  {
    name: "brackets and counts do not hide words",
    notes: "Mobilising (slowly) with zimmer frame, 2x/day.",
    expected: {
      recommendation: "PHYSIOTHERAPY",
      spans: [
        { rule: "pt.mobility", text: "Mobilising", start: 0 },
        { rule: "pt.mobility", text: "zimmer frame", start: 25 },
      ],
    },
  },
  {
    name: "a comma splits a phrase",
    notes: "Cooking, cleaning, walking, stick nearby.",
    expected: { recommendation: "BOTH", spans: [{ rule: "pt.mobility", text: "walking", start: 19 }] },
  },
  {
    name: "American spelling matches a British phrase",
    notes: "Mobilizing on the ward, socializing less since her stroke.",
    expected: {
      recommendation: "BOTH",
      spans: [
        { rule: "pt.mobility", text: "Mobilizing", start: 0 },
        { rule: "ot.leisure-and-social", text: "socializing", start: 24 },
        { rule: "ot.stroke", text: "stroke", start: 51 },
      ],
    },
  },
  {
    name: "curly apostrophes match",
    notes: "Alzheimer’s disease; can’t cook any more.",
    expected: {
      recommendation: "OCCUPATIONAL_THERAPY",
      spans: [
        { rule: "ot.alzheimers", text: "Alzheimer’s disease", start: 0 },
        { rule: "ot.everyday-activities", text: "can’t cook", start: 21 },
      ],
    },
  },

  // Clinician shorthand
  {
    name: "s/p TKR with FWB and ROM",
    notes: "s/p TKR, FWB, ROM 0-90.",
    expected: {
      recommendation: "PHYSIOTHERAPY",
      spans: [
        { rule: "pt.after-surgery", text: "TKR", start: 4 },
        { rule: "pt.mobility", text: "FWB", start: 9 },
        { rule: "pt.range-of-motion", text: "ROM", start: 14 },
      ],
    },
  },
  {
    name: "#NOF and THR",
    notes: "Admitted with #NOF, THR on day 2, now mobilising.",
    expected: {
      recommendation: "PHYSIOTHERAPY",
      spans: [
        { rule: "pt.injury-or-chronic-physical-condition", text: "#NOF", start: 14 },
        { rule: "pt.after-surgery", text: "THR", start: 20 },
        { rule: "pt.mobility", text: "mobilising", start: 38 },
      ],
    },
  },
  {
    name: "c/o is context, LBP is evidence",
    notes: "c/o LBP for 3/12",
    expected: { recommendation: "PHYSIOTHERAPY", spans: [{ rule: "pt.pain", text: "LBP", start: 4 }] },
  },
  {
    name: "hx is context, CVA and ADLs are evidence",
    notes: "Hx of CVA, needs help with ADLs and IADLs.",
    expected: {
      recommendation: "OCCUPATIONAL_THERAPY",
      spans: [
        { rule: "ot.stroke", text: "CVA", start: 6 },
        { rule: "ot.daily-living", text: "ADLs", start: 27 },
        { rule: "ot.daily-living", text: "IADLs", start: 36 },
      ],
    },
  },
  {
    name: "MS in capitals is multiple sclerosis",
    notes: "Dx MS 2015, fatigue.",
    expected: { recommendation: "NEEDS_ASSESSMENT", spans: [{ rule: "ot.multiple-sclerosis", text: "MS", start: 3 }] },
  },
  {
    name: "Ms and ms are not multiple sclerosis",
    notes: "Ms Jones attended; reaction time 300 ms.",
    expected: { recommendation: "NEEDS_ASSESSMENT", noEvidence: true },
  },
  {
    name: "PD with freezing of gait is physiotherapy: the condition alone gives no need",
    notes: "Known PD, freezing of gait.",
    expected: {
      recommendation: "PHYSIOTHERAPY",
      spans: [
        { rule: "ot.parkinsons", text: "PD", start: 6 },
        { rule: "pt.mobility", text: "gait", start: 22 },
      ],
    },
  },
  {
    name: "SCI is spinal cord injury, not a bare injury",
    notes: "T10 SCI 2019; spinal cord injury clinic follow-up.",
    expected: { recommendation: "NEEDS_ASSESSMENT", absent: ["shared.injury-or-illness"], spans: [{ rule: "ot.spinal-cord-injury", text: "SCI", start: 4 }] },
  },
  { name: "Hep B is not a home exercise programme", notes: "Hep B positive, otherwise well.", expected: { recommendation: "NEEDS_ASSESSMENT", noEvidence: true } },

  // Everyday words
  {
    name: "a knee replacement named alone is assessed first",
    notes: "Left knee replacement in March.",
    expected: { recommendation: "NEEDS_ASSESSMENT", spans: [{ rule: "pt.after-surgery", text: "knee replacement", start: 5 }] },
  },
  {
    name: "sprained ankle",
    notes: "Sprained ankle playing netball.",
    expected: { recommendation: "PHYSIOTHERAPY", absent: ["shared.injury-or-illness"], spans: [{ rule: "pt.sports-injuries", text: "Sprained ankle", start: 0 }] },
  },
  {
    name: "getting dressed, forgetful and back to work",
    notes: "Struggles getting dressed, forgetful, wants to get back to work.",
    expected: {
      recommendation: "OCCUPATIONAL_THERAPY",
      spans: [
        { rule: "ot.daily-living", text: "getting dressed", start: 10 },
        { rule: "ot.cognitive-rehabilitation", text: "forgetful", start: 27 },
        { rule: "ot.work-and-school", text: "back to work", start: 51 },
      ],
    },
  },
  {
    name: "two supporting techniques are clear evidence",
    notes: "Uses TENS and heat packs.",
    expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.electrical-stimulation", "pt.heat-or-cold"] },
  },

  // Both sides
  { name: "self-care and pain need both", needs: ["SELF_CARE", "PAIN"], expected: { recommendation: "BOTH", rules: ["ot.daily-living", "pt.pain"] } },
  {
    name: "MS with weakness and falls is physiotherapy: the condition code alone adds no need",
    needs: ["STRENGTH", "MOBILITY_BALANCE"],
    conditions: ["MULTIPLE_SCLEROSIS"],
    expected: { recommendation: "PHYSIOTHERAPY" },
  },
  {
    name: "stroke, walking stick and cooking need both",
    conditions: ["STROKE"],
    notes: "Walks with a stick since the stroke and can't cook.",
    expected: {
      recommendation: "BOTH",
      spans: [
        { rule: "pt.mobility", text: "Walks with a stick", start: 0 },
        { rule: "ot.stroke", text: "stroke", start: 29 },
        { rule: "ot.everyday-activities", text: "can't cook", start: 40 },
      ],
    },
  },
  {
    name: "hip replacement living alone needs both",
    notes: "THR last month; mobilising with crutches. Lives alone and worried about managing at home, struggling with bathing.",
    expected: { recommendation: "BOTH", rules: ["pt.after-surgery", "pt.mobility", "ot.independence", "ot.daily-living"] },
  },

  // Dominance: only over a side with no functional need of its own (ruleset 2026-12-01.1)
  {
    name: "a single pain need beside several occupational therapy needs is both",
    needs: ["COGNITION", "SELF_CARE", "HOUSEHOLD_TASKS", "PAIN"],
    conditions: ["ALZHEIMERS"],
    expected: { recommendation: "BOTH", rules: ["pt.pain"] },
  },
  {
    name: "a single self-care need beside several physiotherapy needs is both",
    needs: ["PAIN", "RANGE_OF_MOTION", "STRENGTH", "POST_SURGICAL", "SELF_CARE"],
    expected: { recommendation: "BOTH", rules: ["ot.daily-living"] },
  },
  {
    name: "physiotherapy dominates an occupational therapy side with only a diagnosis",
    needs: ["PAIN", "RANGE_OF_MOTION", "STRENGTH"],
    conditions: ["STROKE"],
    expected: { recommendation: "PHYSIOTHERAPY", rules: ["ot.stroke"] },
  },
];

/** How a result differs from a case's expectations; empty when they agree. */
export function disagreements(triageCase: TriageCase, result: TriageResult): string[] {
  const { expected } = triageCase;
  const problems: string[] = [];
  // What the rules read as a finding of the patient (present, or named as history), counted or not; findings set
  // aside (denied, normal, resolved, possible, someone else's) are not matches.
  const read = result.findings.filter((finding) => finding.assertion === "PRESENT" || finding.assertion === "HISTORICAL");
  const matched = new Set(read.map((finding) => finding.ruleId));
  if (result.recommendation !== expected.recommendation) {
    problems.push(`recommendation ${result.recommendation}, expected ${expected.recommendation}`);
  }
  for (const rule of expected.rules ?? []) if (!matched.has(rule)) problems.push(`rule ${rule} not matched`);
  for (const rule of expected.absent ?? []) if (matched.has(rule)) problems.push(`rule ${rule} matched`);
  if (expected.noEvidence && matched.size > 0) problems.push(`evidence found: ${[...matched].join(", ")}`);
  for (const span of expected.spans ?? []) {
    const found = read.some(
      (finding) =>
        finding.ruleId === span.rule &&
        finding.evidence.kind === "NOTES" &&
        finding.evidence.start === span.start &&
        finding.evidence.end === span.start + span.text.length &&
        finding.evidence.text === span.text,
    );
    if (!found) problems.push(`span "${span.text}" at ${span.start} not matched to ${span.rule}`);
  }
  for (const aside of expected.setAside ?? []) {
    const found = result.findings.some(
      (finding) =>
        finding.ruleId === aside.rule &&
        finding.assertion === aside.assertion &&
        finding.evidence.kind === "NOTES" &&
        finding.evidence.text === aside.text,
    );
    if (!found) problems.push(`"${aside.text}" not set aside as ${aside.assertion} for ${aside.rule}`);
  }
  if (expected.hint !== undefined && result.hint !== expected.hint) problems.push(`hint ${result.hint}, expected ${expected.hint}`);
  return problems;
}

/**
 * The need catalogue: the codes a clinician can log for a patient, and the
 * sentences of the seed text (seed.txt) that the triage rules rest on.
 */

/** Sentences of seed.txt, verbatim (curly quotes included); tests prove each occurs in the file. */
export const SEED_SENTENCES = {
  otDefinition:
    "Occupational therapy is a type of therapy that helps people to recover from an injury or illness and return to their everyday activities.",
  otAssociationDefinition:
    "The Occupational Therapy Association defines occupational therapy as “the art and science of helping people to do the things they want and need to do through the therapeutic use of daily activities (occupations).”",
  otIndependence:
    "Occupational therapists work with patients to help them regain their independence and live as independently as possible.",
  otQualityOfLife:
    "They may also work with patients who have disabilities or chronic health conditions to help them improve their quality of life.",
  otConditions:
    "Occupational therapy can be used to treat a wide variety of conditions, including Alzheimer’s disease, cerebral palsy, Multiple Sclerosis, Parkinson’s disease, stroke, and spinal cord injury.",
  ptDefinition:
    "Physiotherapy therapy is a type of physical therapy that uses exercises and massage to promote healing and mobility.",
  ptConditions:
    "It can be used to treat a wide range of conditions, from sports injuries to chronic pain.",
  ptGoals:
    "The goal of physiotherapy therapy is to reduce pain, increase range of motion, and improve overall function.",
  ptTechniques:
    "Physiotherapy therapists use a variety of techniques, including stretching, strength training, and electrical stimulation.",
  ptMoreTechniques: "They may also use heat or cold therapy, ultrasound, and hydrotherapy.",
  ptAlongsideTreatment:
    "Physiotherapy therapy is often used in combination with other forms of treatment, such as medication or surgery.",
  bothImproveQualityOfLife:
    "Occupational Therapy and Physiotherapy are both health professions that aim to improve the quality of life for their patients.",
  differentFocus:
    "Occupational Therapy focuses on helping patients perform activities of daily living, while Physiotherapy focuses on treating physical impairments.",
  differentPatients:
    "Occupational Therapists often work with patients who have developmental disabilities or mental health conditions, while Physiotherapists typically work with patients who have suffered an injury or have a chronic physical condition.",
  otHolisticApproach:
    "Occupational Therapy usually takes a more holistic approach, incorporating elements such as cognitive rehabilitation and emotional support into treatment plans.",
  ptPhysicalFocus:
    "Physiotherapy, on the other hand, tends to focus primarily on physical exercises and manual techniques.",
  bothMovementAndFunction:
    "Although both Occupational Therapy and Physiotherapy aim to improve movement and function, they have different focuses.",
  assessFirst:
    "If you are experiencing an injury or illness that is impacting your ability to do everyday activities, it’s important to seek the help of a professional who can assess what type of therapy would be best for you.",
} as const;

export type SeedSentence = (typeof SEED_SENTENCES)[keyof typeof SEED_SENTENCES];

export const NEED_CODES = [
  "SELF_CARE",
  "HOUSEHOLD_TASKS",
  "WORK_OR_SCHOOL",
  "LEISURE_AND_SOCIAL",
  "INDEPENDENT_LIVING",
  "COGNITION",
  "EMOTIONAL_WELLBEING",
  "DEVELOPMENTAL",
  "PAIN",
  "RANGE_OF_MOTION",
  "STRENGTH",
  "MOBILITY_BALANCE",
  "SPORTS_INJURY",
  "POST_SURGICAL",
  "MUSCULOSKELETAL_INJURY",
] as const;

export type NeedCode = (typeof NEED_CODES)[number];

export const CONDITION_CODES = [
  "ALZHEIMERS",
  "CEREBRAL_PALSY",
  "MULTIPLE_SCLEROSIS",
  "PARKINSONS",
  "STROKE",
  "SPINAL_CORD_INJURY",
  "DEVELOPMENTAL_DISABILITY",
  "MENTAL_HEALTH_CONDITION",
  "CHRONIC_PAIN",
  "SPORTS_INJURY",
] as const;

export type ConditionCode = (typeof CONDITION_CODES)[number];

/** Headings the UI groups codes under; needs and conditions use separate groups. */
export const DOMAIN_GROUPS = [
  "Daily activities",
  "Mind and wellbeing",
  "Movement and body",
  "Recovery",
  "Neurological conditions",
  "Development and mental health",
  "Pain and injury",
] as const;

export type DomainGroup = (typeof DOMAIN_GROUPS)[number];

export interface CatalogEntry<Code extends string> {
  readonly code: Code;
  readonly label: string;
  readonly description: string;
  readonly group: DomainGroup;
  /** The seed sentence the code comes from. */
  readonly source: SeedSentence;
}

export type NeedEntry = CatalogEntry<NeedCode>;
export type ConditionEntry = CatalogEntry<ConditionCode>;

type EntryDetails = Omit<CatalogEntry<string>, "code">;

const S = SEED_SENTENCES;

// Keyed by code so the compiler proves every code has an entry.
const NEED_DETAILS: Record<NeedCode, EntryDetails> = {
  SELF_CARE: {
    label: "Self-care",
    description: "Dressing, bathing, eating and toileting.",
    group: "Daily activities",
    source: S.differentFocus,
  },
  HOUSEHOLD_TASKS: {
    label: "Household tasks",
    description: "Cooking, cleaning and shopping.",
    group: "Daily activities",
    source: S.otDefinition,
  },
  WORK_OR_SCHOOL: {
    label: "Work or school",
    description: "Getting back to a job, study or school.",
    group: "Daily activities",
    source: S.otAssociationDefinition,
  },
  LEISURE_AND_SOCIAL: {
    label: "Leisure and social life",
    description: "Hobbies, going out and seeing people.",
    group: "Daily activities",
    source: S.otAssociationDefinition,
  },
  INDEPENDENT_LIVING: {
    label: "Independent living",
    description: "Living at home safely, with home adaptations or equipment.",
    group: "Daily activities",
    source: S.otIndependence,
  },
  COGNITION: {
    label: "Memory and thinking",
    description: "Memory, attention and planning.",
    group: "Mind and wellbeing",
    source: S.otHolisticApproach,
  },
  EMOTIONAL_WELLBEING: {
    label: "Emotional wellbeing",
    description: "Mood, worry and confidence in coping.",
    group: "Mind and wellbeing",
    source: S.otHolisticApproach,
  },
  DEVELOPMENTAL: {
    label: "Development",
    description: "A child's or adult's developmental needs.",
    group: "Mind and wellbeing",
    source: S.differentPatients,
  },
  PAIN: {
    label: "Pain",
    description: "Pain that limits movement or rest.",
    group: "Movement and body",
    source: S.ptGoals,
  },
  RANGE_OF_MOTION: {
    label: "Range of motion",
    description: "Stiff or restricted joints.",
    group: "Movement and body",
    source: S.ptGoals,
  },
  STRENGTH: {
    label: "Strength",
    description: "Muscle weakness or loss of strength.",
    group: "Movement and body",
    source: S.ptTechniques,
  },
  MOBILITY_BALANCE: {
    label: "Mobility and balance",
    description: "Walking, balance, falls and transfers.",
    group: "Movement and body",
    source: S.ptDefinition,
  },
  SPORTS_INJURY: {
    label: "Sports injury",
    description: "Recovery from an injury sustained in sport or exercise.",
    group: "Recovery",
    source: S.ptConditions,
  },
  POST_SURGICAL: {
    label: "After surgery",
    description: "Rehabilitation after an operation, such as a joint replacement.",
    group: "Recovery",
    source: S.ptAlongsideTreatment,
  },
  MUSCULOSKELETAL_INJURY: {
    label: "Musculoskeletal injury",
    description: "A fracture, sprain, strain or other injury to bones, joints or muscles.",
    group: "Recovery",
    source: S.differentPatients,
  },
};

const CONDITION_DETAILS: Record<ConditionCode, EntryDetails> = {
  ALZHEIMERS: {
    label: "Alzheimer’s disease",
    description: "Alzheimer’s disease or another dementia affecting daily life.",
    group: "Neurological conditions",
    source: S.otConditions,
  },
  CEREBRAL_PALSY: {
    label: "Cerebral palsy",
    description: "Cerebral palsy at any age.",
    group: "Neurological conditions",
    source: S.otConditions,
  },
  MULTIPLE_SCLEROSIS: {
    label: "Multiple sclerosis",
    description: "Multiple sclerosis (MS).",
    group: "Neurological conditions",
    source: S.otConditions,
  },
  PARKINSONS: {
    label: "Parkinson’s disease",
    description: "Parkinson’s disease (PD).",
    group: "Neurological conditions",
    source: S.otConditions,
  },
  STROKE: {
    label: "Stroke",
    description: "Stroke (CVA), recent or past.",
    group: "Neurological conditions",
    source: S.otConditions,
  },
  SPINAL_CORD_INJURY: {
    label: "Spinal cord injury",
    description: "Spinal cord injury (SCI), including paraplegia and tetraplegia.",
    group: "Neurological conditions",
    source: S.otConditions,
  },
  DEVELOPMENTAL_DISABILITY: {
    label: "Developmental disability",
    description: "A developmental disability such as autism or developmental delay.",
    group: "Development and mental health",
    source: S.differentPatients,
  },
  MENTAL_HEALTH_CONDITION: {
    label: "Mental health condition",
    description: "A diagnosed mental health condition such as depression.",
    group: "Development and mental health",
    source: S.differentPatients,
  },
  CHRONIC_PAIN: {
    label: "Chronic pain",
    description: "Pain lasting three months or more.",
    group: "Pain and injury",
    source: S.ptConditions,
  },
  SPORTS_INJURY: {
    label: "Sports injury",
    description: "An injury sustained in sport or exercise.",
    group: "Pain and injury",
    source: S.ptConditions,
  },
};

export interface NeedCatalog {
  readonly needs: readonly NeedEntry[];
  readonly conditions: readonly ConditionEntry[];
}

export const needCatalog: NeedCatalog = {
  needs: NEED_CODES.map((code) => ({ code, ...NEED_DETAILS[code] })),
  conditions: CONDITION_CODES.map((code) => ({ code, ...CONDITION_DETAILS[code] })),
};

export function needEntry(code: NeedCode): NeedEntry {
  return { code, ...NEED_DETAILS[code] };
}

export function conditionEntry(code: ConditionCode): ConditionEntry {
  return { code, ...CONDITION_DETAILS[code] };
}

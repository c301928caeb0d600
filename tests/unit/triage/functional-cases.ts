/**
 * Written cases for the failure classes found on held-out clinician notes
 * (word forms, normal findings, diagnosis weighting, transfers and home
 * tasks, injury words, combined pictures, assertion context, context words
 * counted as needs, general pictures the seed says to assess). Written from
 * the seed and clinical phrasing, not from any evaluation set. Part of the
 * tuning set in scripts/triage-agreement.ts.
 */
import type { TriageCase } from "./cases";

export type FailureClass =
  | "word forms"
  | "normal findings"
  | "diagnosis weighting"
  | "transfers and home tasks"
  | "injury words"
  | "combined pictures"
  | "assertion context"
  | "incidental context"
  | "assess first"
  | "everyday clinical vocabulary";

export interface FunctionalCase extends TriageCase {
  readonly failureClass: FailureClass;
}

export const FUNCTIONAL_CASES: readonly FunctionalCase[] = [
  // 1. Everyday verbs in their plain forms
  { failureClass: "word forms", name: "can't dress herself is self-care", notes: "She can't dress herself any more.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },
  { failureClass: "word forms", name: "unable to cook is a household task", notes: "Lives with husband, unable to cook a meal for them now.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.everyday-activities"] } },
  { failureClass: "word forms", name: "can no longer shower is self-care", notes: "Can no longer shower without her daughter there.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },
  { failureClass: "word forms", name: "struggles to get to the shops is a household task", notes: "Struggles to get to the shops and has stopped seeing friends.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.everyday-activities"] } },
  { failureClass: "word forms", name: "needs help to wash and dress is self-care", notes: "Needs help to wash and dress each morning.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },
  { failureClass: "word forms", name: "finds it hard to feed himself is self-care", notes: "Finds it hard to feed himself, tremor in right hand.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },
  { failureClass: "word forms", name: "cannot bathe is self-care", notes: "Cannot bathe independently.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },
  { failureClass: "word forms", name: "it hurts to bend is pain", notes: "Lifting boxes at work and now it hurts to bend.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.pain"], absent: ["pt.sports-injuries"] } },
  { failureClass: "word forms", name: "cannot remember is memory, and the steps of a task are not stairs", notes: "After a mild stroke he cannot remember the steps for making breakfast. He walks without difficulty.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "word forms", name: "mobilised and walks are mobility", notes: "Mobilised 10 m on the ward today, walks slowly.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },

  // 2. Normal findings, often with the word that says so after the finding
  { failureClass: "normal findings", name: "ROM within normal limits is not a range-of-motion need", notes: "ROM within normal limits. Struggling to manage her housework.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.range-of-motion"] } },
  { failureClass: "normal findings", name: "gait unremarkable is not a mobility need", notes: "Gait unremarkable. Forgetting appointments and meals.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "normal findings", name: "balance intact is not a mobility need", notes: "Balance intact, but low mood and not going out.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "normal findings", name: "managing stairs without problem is not a mobility need", notes: "Managing stairs without problem; needs help with dressing.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "normal findings", name: "walks independently is not a mobility need", notes: "Walks independently. Finds washing and dressing exhausting.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "normal findings", name: "normal findings alone need assessment", notes: "Gait normal, ROM full, strength WNL.", expected: { recommendation: "NEEDS_ASSESSMENT", noEvidence: true } },
  { failureClass: "normal findings", name: "a colon label carries the normal finding back over a list", notes: "Walking, stairs and transfers: independent. Low mood.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility", "ot.daily-living"] } },
  { failureClass: "normal findings", name: "unable to walk independently is a need, not a normal finding", notes: "Unable to walk independently since the operation.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  { failureClass: "normal findings", name: "manages own personal care is not a self-care need", notes: "Manages own personal care; balance poor on stairs.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.daily-living"] } },
  { failureClass: "normal findings", name: "walking well is not a mobility need", notes: "Walking well since the operation. Forgetful and missing meals.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "normal findings", name: "an affirmation later in the segment keeps the finding", notes: "Manages stairs with difficulty.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  { failureClass: "normal findings", name: "mobile independently with no aids is not a mobility need", notes: "Mobile independently with no aids. Poor concentration at work.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "normal findings", name: "walking unaided is not a mobility need", notes: "Walking unaided; struggles to plan and cook meals.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "normal findings", name: "full power on the Oxford scale is not a strength need", notes: "Power 5/5 throughout, gait normal. Low mood since retiring.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.strength-training", "pt.mobility"] } },
  { failureClass: "normal findings", name: "a social-history heading and NAD are not needs", notes: "Presenting complaint: tiredness. Examination: NAD. Social: works, drives, independent.", expected: { recommendation: "NEEDS_ASSESSMENT" } },
  { failureClass: "normal findings", name: "a normal finding does not reach past a comma", notes: "Balance good, knee pain on stairs.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.pain"] } },

  // 3. A diagnosis outweighing the functional picture
  {
    failureClass: "diagnosis weighting",
    name: "knee osteoarthritis does not tip a self-care note with no pain or mobility problem",
    notes: "Known knee osteoarthritis. No pain at present, walks independently. Can't manage washing and dressing since her husband died.",
    expected: { recommendation: "OCCUPATIONAL_THERAPY" },
  },
  {
    failureClass: "diagnosis weighting",
    name: "a past hip replacement does not tip a note about cooking and shopping",
    notes: "Hip replacement 2019, denies pain, mobility fine. Struggling with cooking and shopping.",
    expected: { recommendation: "OCCUPATIONAL_THERAPY" },
  },
  {
    failureClass: "diagnosis weighting",
    name: "a history of stroke does not outweigh a note about gait and falls",
    notes: "Hx of stroke 2015. Three falls in two months, unsteady gait, reduced walking distance.",
    expected: { recommendation: "PHYSIOTHERAPY" },
  },
  {
    failureClass: "diagnosis weighting",
    name: "two neurological diagnoses do not outweigh a note about nothing but balance and falls",
    conditions: ["PARKINSONS", "ALZHEIMERS"],
    notes: "Poor balance and two falls this month.",
    expected: { recommendation: "PHYSIOTHERAPY" },
  },
  {
    failureClass: "diagnosis weighting",
    name: "multiple sclerosis with independent self-care and poor balance is physiotherapy",
    notes: "MS diagnosed 2010. Independent with personal care and meals. Balance poor, falls when tired.",
    expected: { recommendation: "PHYSIOTHERAPY" },
  },
  {
    failureClass: "diagnosis weighting",
    name: "two names for one injury do not outweigh self-care needs",
    notes: "Hip fracture, ORIF, mobilising with frame, needs help with lower body dressing and getting in and out of the shower.",
    expected: { recommendation: "BOTH" },
  },
  {
    failureClass: "diagnosis weighting",
    name: "arthritis behind self-care needs with no other problems is occupational therapy",
    notes: "Can no longer manage to wash her hair or get dressed because of arthritis in her hands; no other problems.",
    expected: { recommendation: "OCCUPATIONAL_THERAPY" },
  },
  { failureClass: "diagnosis weighting", name: "a diagnosis alone is assessed first", notes: "Referred with Parkinson's disease.", expected: { recommendation: "NEEDS_ASSESSMENT" } },
  { failureClass: "diagnosis weighting", name: "a fracture beside affirmed mobility weighs in full", notes: "Wrist fracture, now stiff and weak.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.injury-or-chronic-physical-condition"] } },

  // 4. Transfers and home tasks as self-care
  { failureClass: "transfers and home tasks", name: "getting out of bed is self-care", notes: "Needs her husband's help getting out of bed.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },
  // Since ruleset 2026-12-07.1 rising from a chair is mobility: every labelled note with it gives it to physiotherapy.
  { failureClass: "transfers and home tasks", name: "getting up from a chair is mobility", notes: "Difficulty getting up from a low chair.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  { failureClass: "transfers and home tasks", name: "getting in and out of the bath is self-care", notes: "Unable to get in and out of the bath.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },
  { failureClass: "transfers and home tasks", name: "stepping into the shower is self-care", notes: "Frightened stepping into the shower.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },
  { failureClass: "transfers and home tasks", name: "having a wash in everyday words is self-care", notes: "Can only manage a strip wash at the sink.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },
  { failureClass: "transfers and home tasks", name: "coping at home after discharge is everyday activities", notes: "Not coping at home after discharge from hospital.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.everyday-activities"] } },
  { failureClass: "transfers and home tasks", name: "transferred to a ward is not a transfer task", notes: "Transferred to ward 5 yesterday.", expected: { recommendation: "NEEDS_ASSESSMENT", noEvidence: true } },
  { failureClass: "transfers and home tasks", name: "gait re-education and walking distance remain physiotherapy", notes: "For gait re-education and balance work to build walking distance.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.daily-living"] } },

  // 5. Injury vocabulary
  { failureClass: "injury words", name: "a sprain is a sports injury", notes: "Sprains her ankle every few months.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.sports-injuries"] } },
  { failureClass: "injury words", name: "a knee that gives way is an injured joint", notes: "Left knee keeps giving way on uneven ground.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.injury-or-chronic-physical-condition"] } },
  { failureClass: "injury words", name: "a shoulder that feels unstable is an injured joint", notes: "Shoulder feels unstable when reaching overhead.", expected: { recommendation: "PHYSIOTHERAPY" } },
  { failureClass: "injury words", name: "an injury in a named sport is a sports injury", notes: "Hurt his knee playing rugby on Saturday.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.sports-injuries"] } },
  { failureClass: "injury words", name: "a strained calf while running is a sports injury", notes: "Strained calf while running a half marathon.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.sports-injuries"] } },
  { failureClass: "injury words", name: "a hamstring tear is a sports injury, not tearfulness", notes: "Hamstring tear while sprinting, can't run.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.sports-injuries"], absent: ["ot.emotional-support"] } },
  { failureClass: "injury words", name: "in tears is emotional, not an injury", notes: "In tears at clinic, not coping.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.sports-injuries"] } },
  { failureClass: "injury words", name: "carer strain is not a muscle strain", notes: "Carer strain reported by wife.", expected: { recommendation: "NEEDS_ASSESSMENT", absent: ["pt.sports-injuries"] } },

  // 6. Combined pictures
  {
    failureClass: "combined pictures",
    name: "deconditioning after a long admission with help to wash and dress is both",
    notes: "Deconditioned after a six-week admission with pneumonia. Needs help to wash and dress.",
    expected: { recommendation: "BOTH", rules: ["pt.strength-training", "ot.daily-living"] },
  },
  {
    failureClass: "combined pictures",
    name: "reduced stamina after intensive care with showering help is both",
    notes: "Three weeks in ICU, stamina much reduced, needs a carer to help her shower.",
    expected: { recommendation: "BOTH" },
  },
  {
    failureClass: "combined pictures",
    name: "knee pain with trouble getting to the shops is both",
    notes: "Painful knees, can't get to the shops any more.",
    expected: { recommendation: "BOTH" },
  },
  {
    failureClass: "combined pictures",
    name: "stroke with a weak arm and trouble dressing is both",
    notes: "Left-sided weakness after stroke, cannot do up buttons or dress.",
    expected: { recommendation: "BOTH" },
  },

  // 7. Assertion context (NegEx / ConText)
  { failureClass: "assertion context", name: "a hypothetical finding is not evidence", notes: "Advised to return if pain worsens. Unable to cook.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.pain"] } },
  { failureClass: "assertion context", name: "not only is a pseudo-negation", notes: "Not only knee pain but also stiffness.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.pain", "pt.range-of-motion"] } },
  { failureClass: "assertion context", name: "no improvement is a pseudo-negation", notes: "No improvement in walking since surgery.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  { failureClass: "assertion context", name: "a negated list stops at a termination word", notes: "Denies pain, stiffness or weakness, but falls twice weekly.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"], absent: ["pt.pain", "pt.strength-training"] } },
  { failureClass: "assertion context", name: "denied after a finding negates it", notes: "Falls denied. Washing needs supervision.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  // 8. Context counted as a need: who the person lives with, worry about a physical problem
  { failureClass: "incidental context", name: "living alone beside knee pain is physiotherapy", notes: "Knee pain on stairs. Lives alone with her cat.", expected: { recommendation: "PHYSIOTHERAPY" } },
  { failureClass: "incidental context", name: "worry about falling beside poor balance is physiotherapy", notes: "Poor balance, worried about falling again.", expected: { recommendation: "PHYSIOTHERAPY" } },
  { failureClass: "incidental context", name: "carers and a wheelchair beside self-care needs are occupational therapy", notes: "Wheelchair user, carers twice daily, now can't manage toileting.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.independence", "ot.daily-living"] } },
  { failureClass: "incidental context", name: "a grab rail need is occupational therapy", notes: "Would benefit from grab rails by the front door.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.independent-living"] } },

  { failureClass: "incidental context", name: "a fall named as the event is not a mobility need", notes: "Lost confidence since a fall, stopped going out to see friends, no injuries, walks without aid indoors.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "incidental context", name: "a pastime that brought on the pain is not an occupational need", notes: "Acute LBP after gardening, spasm, difficulty bending, otherwise independent.", expected: { recommendation: "PHYSIOTHERAPY" } },
  { failureClass: "incidental context", name: "a stair rail is home equipment, not a stairs problem", notes: "Needs a home visit to assess for grab rails and stair rail. No pain, walking well.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "incidental context", name: "living alone and a worried daughter alone are not clear evidence", notes: "Lives alone, daughter worried. Two falls this winter.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["ot.independence", "ot.emotional-cues"] } },

  // 9. An injury or illness affecting everyday activities in general: the seed says to assess first
  { failureClass: "assess first", name: "an illness affecting everyday activities in general needs assessment", notes: "Since his illness he has struggled with everyday activities.", expected: { recommendation: "NEEDS_ASSESSMENT", rules: ["shared.everyday-activities"] } },
  { failureClass: "assess first", name: "an injury affecting day-to-day life needs assessment", notes: "Injury in March is affecting her day-to-day life.", expected: { recommendation: "NEEDS_ASSESSMENT" } },
  { failureClass: "assess first", name: "daily activities with a named task is occupational therapy", notes: "Daily activities are hard, especially cooking.", expected: { recommendation: "OCCUPATIONAL_THERAPY" } },

  { failureClass: "assertion context", name: "not after a comma starts a new assertion", notes: "Lives alone, no family nearby, not washing, low mood.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living", "ot.emotional-support"] } },
  { failureClass: "assertion context", name: "a history of falls alone is set aside as past", notes: "History of falls, uses a walking frame.", expected: { recommendation: "NEEDS_ASSESSMENT", rules: ["pt.mobility"] } },

  // 10. Everyday clinical vocabulary and shorthand (rulesets 2026-12-01.14 and .15: proactive reviews of each rule's phrases)
  { failureClass: "everyday clinical vocabulary", name: "BADLs in ward shorthand are self-care", notes: "BADLs: requires full assistance, A x2.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },
  { failureClass: "everyday clinical vocabulary", name: "a cup of tea and a dosette box are household tasks", notes: "Can no longer make a cup of tea safely and keeps missing doses from her dosette box.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.everyday-activities"] } },
  { failureClass: "everyday clinical vocabulary", name: "can no longer use the bus is a loss, not a need given up", notes: "Since the stroke he can no longer use public transport.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.leisure-and-social"] } },
  { failureClass: "everyday clinical vocabulary", name: "a key safe is equipment, not a normal finding", notes: "Lives alone, would benefit from a key safe and a second stair rail.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.independent-living"] } },
  { failureClass: "everyday clinical vocabulary", name: "a hoist and a profiling bed are home equipment", notes: "Now bedbound; needs a profiling bed and a hoist for transfers at home.", expected: { recommendation: "BOTH", rules: ["ot.independent-living", "pt.mobility"] } },
  { failureClass: "everyday clinical vocabulary", name: "poor insight and safety awareness are cognition", notes: "Impulsive on the ward, poor safety awareness and limited insight.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.cognitive-rehabilitation"] } },
  { failureClass: "everyday clinical vocabulary", name: "lacking motivation and withdrawn is mood", notes: "Lacks motivation and has become withdrawn since her husband died.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.emotional-support"] } },
  { failureClass: "everyday clinical vocabulary", name: "a stick and a limp are gait", notes: "Uses a stick outdoors and limps on the left.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  { failureClass: "everyday clinical vocabulary", name: "stick as a verb is no walking aid", notes: "Asked him to stick to the plan agreed with the memory clinic.", expected: { recommendation: "NEEDS_ASSESSMENT", absent: ["pt.mobility"] } },
  { failureClass: "everyday clinical vocabulary", name: "a productive cough he cannot clear is respiratory", notes: "Day 2 post laparotomy, productive cough, struggling to clear his chest.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.respiratory"] } },
  { failureClass: "everyday clinical vocabulary", name: "fracture shorthand and a knee that will not straighten", notes: "#ankle 8/52, cannot straighten her knee fully either.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.injury-or-chronic-physical-condition", "pt.range-of-motion"] } },
  { failureClass: "everyday clinical vocabulary", name: "dyspnoea on exertion in American spelling is breathlessness", notes: "Dyspnea on exertion after two flights of stairs.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.physical-impairments"] } },
  { failureClass: "everyday clinical vocabulary", name: "no c/o pain denies pain", notes: "No c/o pain. Struggling with laundry and housework.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.pain"] } },
  { failureClass: "everyday clinical vocabulary", name: "stairs not applicable and satisfactory findings are no needs", notes: "Stairs: N/A, bungalow. Transfers satisfactory. Continent, self-caring.", expected: { recommendation: "NEEDS_ASSESSMENT", absent: ["pt.mobility", "ot.daily-living"] } },
  { failureClass: "everyday clinical vocabulary", name: "able to manage the stairs is a normal finding", notes: "She is able to manage the stairs with one rail. Low mood and not going out.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  // Ruleset 2026-12-01.15: a second proactive review (denials and normal findings, body regions, neurological and
  // cardiorespiratory physiotherapy, hand, perception, fatigue and equipment in occupational therapy)
  { failureClass: "everyday clinical vocabulary", name: "no deficits and all fine after a heading are normal findings", notes: "Mobility: no deficits. Stairs: all fine. Personal care: nil of note.", expected: { recommendation: "NEEDS_ASSESSMENT", absent: ["pt.mobility", "ot.daily-living"] } },
  { failureClass: "everyday clinical vocabulary", name: "no difficulties and no help needed deny the task", notes: "Walking no difficulties, dressing no help needed; low mood since retiring.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility", "ot.daily-living"] } },
  { failureClass: "everyday clinical vocabulary", name: "a knee that keeps locking is an injured joint", notes: "My knee keeps locking when I get up off the floor.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.injury-or-chronic-physical-condition"] } },
  { failureClass: "everyday clinical vocabulary", name: "pins and needles down the leg and a clicking shoulder are physical impairments", notes: "Pins and needles down the left leg for a month; also a clicking shoulder.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.physical-impairments"] } },
  { failureClass: "everyday clinical vocabulary", name: "touch weight bearing in shorthand is mobility", notes: "Ankle ORIF 2/52 ago, TWB only, in a moon boot.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  { failureClass: "everyday clinical vocabulary", name: "adhesive capsulitis and pelvic girdle pain are named in examination words", notes: "Adhesive capsulitis R shoulder. Separately, PGP at 28 weeks.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.range-of-motion", "pt.pain"] } },
  { failureClass: "everyday clinical vocabulary", name: "desaturating on exertion and ICU-acquired weakness after critical care", notes: "Six weeks on ICU, ICU-acquired weakness, desaturates to 88% on mobilising.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.strength-training", "pt.physical-impairments"] } },
  { failureClass: "everyday clinical vocabulary", name: "unable to sit unsupported is sitting balance", notes: "Unable to sit unsupported on the edge of the bed, trunk control poor.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  { failureClass: "everyday clinical vocabulary", name: "letter formation and written work are schoolwork", notes: "Year 3, letter formation is poor and he avoids written work in class.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.work-and-school"] } },
  { failureClass: "everyday clinical vocabulary", name: "sensory overload is sensory processing", notes: "Sensory overload in busy places and tactile defensiveness with clothing labels.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },
  { failureClass: "everyday clinical vocabulary", name: "left neglect and visuospatial problems are cognition and perception", notes: "After the TBI: left neglect and visuospatial difficulties, bumps into things on his left.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.cognitive-rehabilitation"] } },
  { failureClass: "everyday clinical vocabulary", name: "a pressure sore is pressure care, not pain", notes: "Grade 2 pressure sore on the sacrum, sits in the same chair all day.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"], absent: ["pt.pain"] } },
  { failureClass: "everyday clinical vocabulary", name: "unsuitable housing and a moving and handling assessment are independent living", notes: "First-floor flat now unsuitable housing; carers ask for a moving and handling assessment.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.independent-living"] } },
  { failureClass: "everyday clinical vocabulary", name: "a mobility scooter is equipment, not walking", notes: "Uses a mobility scooter outdoors; struggling to cook and clean.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "everyday clinical vocabulary", name: "a vague request for input and rehab gives no discipline", notes: "Please see and treat, would benefit from some therapy input and rehab. Assess and advise.", expected: { recommendation: "NEEDS_ASSESSMENT" } },
];

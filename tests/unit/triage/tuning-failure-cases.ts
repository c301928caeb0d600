/**
 * Written cases for the failure classes found on the tuning sets
 * (tests/triage-tuning: independent.json and fresh.json, once evaluation sets
 * for ruleset 2026-11-30.1, holdout-2.json, once the blind set for
 * 2026-12-01.8, holdout-3.json, for 2026-12-01.9, holdout-4.json, for
 * 2026-12-01.10, holdout-5.json, for 2026-12-01.11, holdout-6.json, for
 * 2026-12-01.12, holdout-7.json, for 2026-12-01.12 to .15, and
 * holdout-8.json, for 2026-12-01.16; fixed in 2026-12-01.12, 2026-12-01.13,
 * 2026-12-01.16 and 2026-12-01.17). Each case
 * is written in a clinician's words for the class, not copied from a tuning
 * note. Part of the unit cases in
 * scripts/triage-agreement.ts.
 */
import type { TriageCase } from "./cases";

export type TuningFailureClass =
  | "a word is not a problem"
  | "negated after the fact"
  | "someone else's problem"
  | "not yet, or only feared"
  | "resolved or past"
  | "one side denied, the other clear"
  | "unrelated complaints"
  | "the reach of a set-aside finding"
  | "shorthand normal findings"
  | "resolved problems"
  | "hypothetical and unexamined"
  | "medical presentations"
  | "requirements denied"
  | "diagnosis without function"
  | "a normal finding negated"
  | "function on both sides"
  | "everyday vocabulary"
  | "named sports as pastimes"
  | "one fall is an event"
  | "a need on each side"
  | "past function on a denied side"
  | "a risk is a concern"
  | "the body site of weakness"
  | "an indirect question is no condition"
  | "a lone denial answers the segment before"
  | "a task done is a normal finding"
  | "a pronoun's contraction"
  | "a queried finding"
  | "respiratory physiotherapy"
  | "exercise as the goal"
  | "how long the present problem has lasted"
  | "the physical side denied"
  | "equipment in place"
  | "everything denied, then listed"
  | "shorthand arrows"
  | "a discipline already finished"
  | "consequences of the main problem"
  | "a negation over a list"
  | "a double negative"
  | "going home is a setting"
  | "normal findings in other words"
  | "a task to learn or improve"
  | "not examined or not recorded"
  | "a list a normal finding covers"
  | "a goal is a need"
  | "a problem that affects a task"
  | "done on one's own"
  | "a wish is no normal finding"
  | "an activity done every day"
  | "a return goal beside the main problem"
  | "a possessive mobile is a phone"
  | "a treatment declined or tried"
  | "a day without structure"
  | "back to the usual level"
  | "a normal finding before a list"
  | "a wish over its list"
  | "amputation and prosthetic rehabilitation"
  | "a rehabilitation programme named as the treatment"
  | "the shoulder after breast surgery"
  | "duties changed at work"
  | "a negative contraction is not"
  | "still managing is a normal finding"
  | "a fall from a height is an event"
  | "a recovery made is over"
  | "mobile is a normal finding"
  | "the side in shorthand"
  | "a fitness statement";

export interface TuningFailureCase extends TriageCase {
  readonly failureClass: TuningFailureClass;
}

export const TUNING_FAILURE_CASES: readonly TuningFailureCase[] = [
  // "indep", reflexives, "self-caring", "+" lists, "fully", baseline: what is normal is not a need
  { failureClass: "shorthand normal findings", name: "indep after a task is a normal finding", notes: "Washing and dressing indep. Hip pain on stairs.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.daily-living"] } },
  { failureClass: "shorthand normal findings", name: "indep w/ before a task is a normal finding", notes: "Indep w/ personal care. Unsteady gait, 2 falls this month.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.daily-living"] } },
  { failureClass: "shorthand normal findings", name: "a plus joins a list a normal finding covers", notes: "Indep self-care + housework. Knee stiff, ROM 10-70.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.daily-living", "ot.everyday-activities"] } },
  { failureClass: "shorthand normal findings", name: "a task done by the person themselves is a normal finding", notes: "Dresses herself in the mornings; shoulder painful and stiff.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.daily-living"] } },
  { failureClass: "shorthand normal findings", name: "self-caring is a normal finding", notes: "Self-caring at home. Back pain limiting walking.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.daily-living"] } },
  { failureClass: "shorthand normal findings", name: "fully mobile is a normal finding", notes: "Fully mobile. Not attending to personal care since his wife died.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "shorthand normal findings", name: "mobility at its usual level is a normal finding", notes: "Mobility back to usual with her frame. Can't get in or out of the bath.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "shorthand normal findings", name: "gait unchanged from baseline is a normal finding", notes: "Gait unchanged from baseline. Needs prompting to wash.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "shorthand normal findings", name: "still doing a task is a normal finding", notes: "Still doing her own shopping. Two falls this month, unsteady.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.everyday-activities"] } },
  { failureClass: "shorthand normal findings", name: "a bracketed baseline is a normal finding for what it follows", notes: "Walks 20 m with a frame (baseline). Needs help to get dressed.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "shorthand normal findings", name: "baseline labelling the usual state negates nothing", notes: "Mobility: baseline independent, now needs 1 assist with frame.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  { failureClass: "shorthand normal findings", name: "ind after a task is a normal finding", notes: "ADLs ind. Pain and stiffness R shoulder, ROM reduced.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.daily-living"] } },
  { failureClass: "shorthand normal findings", name: "has not fallen denies falls", notes: "Has not fallen since the last review. Struggling with cooking.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "shorthand normal findings", name: "mobility worse than usual is a need", notes: "Mobility worse than usual this week.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  { failureClass: "shorthand normal findings", name: "a pain score of nought is a normal finding", notes: "Pain 0/10. Struggles with meal preparation.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.pain"] } },

  // A problem over: negated back over its clause, but not over a need the clause affirms
  { failureClass: "resolved problems", name: "a past problem that has resolved is not evidence", notes: "History of neck pain, now resolved.", expected: { recommendation: "NEEDS_ASSESSMENT", absent: ["pt.pain"] } },
  { failureClass: "resolved problems", name: "healed reaches back over but", notes: "Knee pain after a fall in the spring, but it has healed completely.", expected: { recommendation: "NEEDS_ASSESSMENT", absent: ["pt.pain", "pt.mobility"] } },
  { failureClass: "resolved problems", name: "recovered takes back what it follows", notes: "His walking has recovered well. Needs help to get dressed.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "resolved problems", name: "resolved does not take back a need its clause affirms", notes: "Unable to walk far, swelling resolved.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"], absent: ["pt.physical-impairments"] } },
  { failureClass: "resolved problems", name: "recovering is not recovered", notes: "Recovering from a knee operation, knee still stiff.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.range-of-motion"] } },

  // What might happen, or was not examined, is no finding
  { failureClass: "hypothetical and unexamined", name: "should she deteriorate is hypothetical", notes: "Managing well. Should she deteriorate she may need help with bathing.", expected: { recommendation: "NEEDS_ASSESSMENT", absent: ["ot.daily-living"] } },
  { failureClass: "hypothetical and unexamined", name: "may need in future is hypothetical", notes: "May need a walking aid in future.", expected: { recommendation: "NEEDS_ASSESSMENT", absent: ["pt.mobility"] } },
  { failureClass: "hypothetical and unexamined", name: "unable to assess is not a finding", notes: "Unable to assess mobility, too drowsy today.", expected: { recommendation: "NEEDS_ASSESSMENT", absent: ["pt.mobility"] } },

  // Chest pain is a medical presentation, not pain a therapist treats
  { failureClass: "medical presentations", name: "chest pain is not a pain need", notes: "Admitted with chest pain, now pain free. Struggling to cook since.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.pain"] } },

  // Not required, not needed, don't have
  { failureClass: "requirements denied", name: "stairs not required is not a stairs need", notes: "Ground-floor flat, stairs not required. Needs help with showering.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "requirements denied", name: "has not needed time off work is not a work need", notes: "Low back pain for a month; has not needed time off work.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.work-context"] } },
  { failureClass: "requirements denied", name: "don't have any pain denies pain", notes: "I don't have any pain but I can't get in the bath.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.pain"] } },
  { failureClass: "requirements denied", name: "doesn't need help denies the need", notes: "Doesn't need help with washing or dressing. Knee pain on stairs.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.daily-living"] } },
  { failureClass: "requirements denied", name: "no longer needs help is a gain, not a loss", notes: "No longer needs help with dressing. Knee pain on stairs.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.daily-living"] } },
  { failureClass: "requirements denied", name: "does not use a walking aid denies the aid", notes: "Does not use a walking aid. Can't get in or out of the bath.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "requirements denied", name: "managing at home is a normal finding", notes: "Managing at home. Sciatica down the left leg.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.everyday-activities"] } },
  { failureClass: "requirements denied", name: "not managing at home is a household need", notes: "Not managing at home since her husband died.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.everyday-activities"] } },

  // A named condition without what it stops the person doing: assessed first since ruleset 2026-12-07.1 (decided
  // December 2026, as every blind reader labels it), with the discipline the seed gives it as a hint; until then its
  // discipline unless the note denied a functional problem or named it only as history (ruleset 2026-12-01.8)
  { failureClass: "diagnosis without function", name: "a stroke named alone is assessed first", notes: "Had a stroke last year, referred for therapy.", expected: { recommendation: "NEEDS_ASSESSMENT", rules: ["ot.stroke"] } },
  { failureClass: "diagnosis without function", name: "a diagnosis beside only denied function needs assessment", notes: "Had a stroke last year. Walks independently, no pain.", expected: { recommendation: "NEEDS_ASSESSMENT", rules: ["ot.stroke"] } },
  { failureClass: "diagnosis without function", name: "a diagnosis with nothing else wrong needs assessment", notes: "Dx MS 2015, otherwise well.", expected: { recommendation: "NEEDS_ASSESSMENT", rules: ["ot.multiple-sclerosis"] } },
  { failureClass: "diagnosis without function", name: "dementia named alone needs assessment", notes: "PMH dementia, HTN. Therapy to see.", expected: { recommendation: "NEEDS_ASSESSMENT", rules: ["ot.alzheimers"] } },
  { failureClass: "diagnosis without function", name: "fibromyalgia named alone is assessed first", notes: "Diagnosed with fibromyalgia.", expected: { recommendation: "NEEDS_ASSESSMENT", rules: ["pt.chronic-physical-conditions"] } },
  { failureClass: "diagnosis without function", name: "a fracture named alone is an injury to recover from (the seed's 'suffered an injury')", notes: "Fractured wrist, plaster off last week.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.injury-or-chronic-physical-condition"] } },
  { failureClass: "diagnosis without function", name: "an injury with nothing else wrong is still an injury to recover from", notes: "Sprained ankle last week, otherwise well.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.sports-injuries"] } },
  { failureClass: "diagnosis without function", name: "an injury only as history is not a need", notes: "Hx of ankle sprain. Otherwise well.", expected: { recommendation: "NEEDS_ASSESSMENT", rules: ["pt.sports-injuries"] } },
  { failureClass: "diagnosis without function", name: "a head injury in a named sport is a brain injury, not a sports injury", notes: "Head injury in a cycling accident; forgets appointments.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.disability-and-chronic-conditions"], absent: ["pt.sports-injuries"] } },
  { failureClass: "diagnosis without function", name: "a named sport with an injury word is a sports injury", notes: "Knee injury at football on Saturday.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.sports-injuries", "pt.named-sports"] } },
  { failureClass: "diagnosis without function", name: "a logged condition code alone is assessed first", conditions: ["MULTIPLE_SCLEROSIS"], expected: { recommendation: "NEEDS_ASSESSMENT" } },
  { failureClass: "diagnosis without function", name: "a diagnosis beside a functional problem does not add its own side", notes: "Parkinson's disease with falls and a shuffling gait.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["ot.parkinsons"] } },

  // A denied normal finding is a need
  { failureClass: "a normal finding negated", name: "not cooking for herself is a household need", notes: "Low mood, not cooking for herself.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.everyday-activities"] } },
  { failureClass: "a normal finding negated", name: "not walking independently is a mobility need", notes: "Not walking independently since the fall.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },

  // Affirmed function on each side is both, however much more one side has
  { failureClass: "function on both sides", name: "one self-care problem beside a full physiotherapy picture is both", notes: "Knee OA, pain 8/10, ROM 5-80, walking 50 m with a stick. Can't get into the bath.", expected: { recommendation: "BOTH", rules: ["ot.daily-living"] } },
  { failureClass: "function on both sides", name: "falls beside a full self-care picture are both", notes: "Needs help to wash, dress and use the toilet; forgets meals. Two falls this month.", expected: { recommendation: "BOTH", rules: ["pt.mobility"] } },

  // BOTH asks for a need on each side: on a side the notes deny, one bare mention is how the person is, not a need
  { failureClass: "a need on each side", name: "a bare walk on a side whose pain is denied is context", notes: "Walks the dog daily and has no pain. Not coping with cooking or washing since her husband died.", expected: { recommendation: "OCCUPATIONAL_THERAPY", setAside: [{ rule: "pt.mobility", text: "Walks", assertion: "NORMAL" }] } },
  { failureClass: "a need on each side", name: "a pastime task beside self-care managed is context", notes: "Hip pain on stairs, ROM reduced, walking 200 m. Manages her own personal care; shops at the market every Saturday.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["ot.everyday-activities"] } },
  { failureClass: "a need on each side", name: "walking normally beside cognitive needs is context", notes: "Physically well, walks to the shops daily, no falls. Forgets appointments and has left the gas on; cannot plan meals.", expected: { recommendation: "OCCUPATIONAL_THERAPY" } },
  { failureClass: "a need on each side", name: "two problems on a side the notes partly deny are still a need", notes: "No pain. Weak legs and unsteady walking. Can't wash or dress.", expected: { recommendation: "BOTH" } },
  { failureClass: "a need on each side", name: "a function qualified as impaired is a need on a partly denied side", notes: "No pain. Reduced mobility since admission. Needs help to wash and dress.", expected: { recommendation: "BOTH", rules: ["pt.mobility"] } },
  { failureClass: "a need on each side", name: "falls and unsteadiness name a problem by themselves on a partly denied side", notes: "No pain. Unsteady on her feet and has fallen twice. Needs help to dress.", expected: { recommendation: "BOTH", rules: ["pt.mobility"] } },
  { failureClass: "a need on each side", name: "a problem an affirmation stands beside is a need on a partly denied side", notes: "No pain, but can't walk far. Needs help to wash and dress.", expected: { recommendation: "BOTH" } },
  { failureClass: "a normal finding negated", name: "too breathless to wash himself is a need, not a normal finding", notes: "Too breathless to wash himself; walks 10 m then stops, legs weak.", expected: { recommendation: "BOTH", rules: ["ot.daily-living", "pt.physical-impairments"] } },

  // Function mentioned only as history, on a side whose current function the notes deny, is not a need
  { failureClass: "past function on a denied side", name: "a history of falls with walking and pain denied now needs assessment", notes: "History of falls, none in the last year; walks independently, no pain.", expected: { recommendation: "NEEDS_ASSESSMENT" } },
  { failureClass: "past function on a denied side", name: "a history of falls alone is set aside as past, with living alone", notes: "Hx of falls. Lives alone.", expected: { recommendation: "NEEDS_ASSESSMENT", rules: ["pt.mobility"] } },

  // A fall risk is a concern about what may happen: in full beside a physiotherapy problem, alone supporting only
  { failureClass: "a risk is a concern", name: "a fall risk alone needs assessment", notes: "Noted to be at high risk of falls.", expected: { recommendation: "NEEDS_ASSESSMENT", rules: ["pt.fall-risk"] } },
  { failureClass: "a risk is a concern", name: "a fall risk beside unsteady walking counts", notes: "Unsteady walking, high falls risk.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility", "pt.fall-risk"] } },

  // Words clinicians use for functions
  { failureClass: "everyday vocabulary", name: "doing up a coat is dressing", notes: "Struggles to do up his coat and zips.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },
  { failureClass: "everyday vocabulary", name: "a knife and fork is eating", notes: "Cannot manage a knife and fork.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },
  { failureClass: "everyday vocabulary", name: "poor grip and dropping things are hand function", notes: "Poor grip, keeps dropping things.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },
  { failureClass: "everyday vocabulary", name: "housebound is an occupation lost", notes: "Has become housebound over the winter.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.leisure-and-social"] } },
  { failureClass: "everyday vocabulary", name: "rails are home equipment", notes: "Needs rails fitted by the front door.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.independent-living"] } },
  { failureClass: "everyday vocabulary", name: "getting upstairs is stairs", notes: "Can only get upstairs on her bottom.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  { failureClass: "everyday vocabulary", name: "unable to kneel is range of motion", notes: "Unable to kneel or squat since the knee replacement.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.range-of-motion"] } },
  { failureClass: "everyday vocabulary", name: "a frame in ward shorthand is a walking aid", notes: "Mob 10 m with ZF, slow.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  { failureClass: "everyday vocabulary", name: "mob and a quad stick are mobility, hemi is hemiparesis", notes: "L hemi, mob 5 m with quad stick.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility", "pt.physical-impairments"] } },
  { failureClass: "everyday vocabulary", name: "SOBOE is breathlessness on exertion", notes: "SOBOE after 20 m.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.physical-impairments"] } },
  { failureClass: "everyday vocabulary", name: "lay words for back and joint pain are pain", notes: "Put my back out lifting a box and my hip is killing me.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.pain"] } },
  { failureClass: "everyday vocabulary", name: "a job given up or not done is work", notes: "Had to give up my job; the tremor stops me doing my job safely.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.work-and-school"] } },
  { failureClass: "everyday vocabulary", name: "can't run is mobility", notes: "Calf tear, can't run.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  { failureClass: "everyday vocabulary", name: "a knee giving way is an injury to recover from, not a diagnosis", notes: "Knee gives way when dancing; otherwise well.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.injury-or-chronic-physical-condition"] } },

  // A named sport is a setting or a pastime: in full beside a physiotherapy problem, otherwise supporting
  { failureClass: "named sports as pastimes", name: "a sport played is not a physiotherapy need", notes: "Plays tennis twice a week. Since the stroke he cannot do up buttons or cut his food.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["pt.named-sports"] } },
  { failureClass: "named sports as pastimes", name: "a sport beside a physiotherapy problem counts", notes: "Knee pain since starting parkrun.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.pain", "pt.named-sports"] } },

  // One fall is the event a problem followed; falls are a pattern
  { failureClass: "one fall is an event", name: "a single fall with everything normal since needs assessment", notes: "Had a fall last week, no injury, walking normally, no pain.", expected: { recommendation: "NEEDS_ASSESSMENT", rules: ["pt.fall-event"], absent: ["pt.mobility"] } },
  { failureClass: "one fall is an event", name: "a single fall beside a physiotherapy problem counts in full", notes: "Tripped over a kerb, now knee pain.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.fall-event", "pt.pain"] } },
  { failureClass: "one fall is an event", name: "falls as a pattern are mobility", notes: "Fell twice this month; high fall risk.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"], absent: ["pt.fall-event"] } },

  // The body site decides weakness: the hand or upper limb is hand use (OT), unless a current injury is recovering
  { failureClass: "the body site of weakness", name: "a weak hand after a stroke is hand use, not strength training", notes: "Stroke last year. Mobilises well outdoors. Left hand remains weak, so he cannot fasten his shirt.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"], absent: ["pt.strength-training"] } },
  { failureClass: "the body site of weakness", name: "upper-limb weakness in shorthand is hand use", notes: "L UL weak post CVA, gait NAD.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"], absent: ["pt.strength-training"] } },
  { failureClass: "the body site of weakness", name: "weak legs are still strength training", notes: "Legs weak after a long admission, struggling with stairs.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.strength-training"] } },
  { failureClass: "the body site of weakness", name: "a weak grip after a hand injury is its recovery", notes: "Fractured her hand in a fall, now grip weak and fingers stiff.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.strength-training"], absent: ["ot.daily-living"] } },

  // "Asking if" is a request: the finding it names is evidence, not a hypothetical
  { failureClass: "an indirect question is no condition", name: "asking if there is help for balance is a balance need", notes: "Manages at home. She is asking if there is anything for her balance.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  { failureClass: "an indirect question is no condition", name: "review if is still hypothetical", notes: "Review if balance worsens.", expected: { recommendation: "NEEDS_ASSESSMENT", absent: ["pt.mobility"] } },

  // "no issues" alone after a comma answers what came before it
  { failureClass: "a lone denial answers the segment before", name: "self-care on his own, no problems, beside knee pain", notes: "Knee pain on stairs. Washing and dressing on his own, no problems.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.pain"] } },
  { failureClass: "a lone denial answers the segment before", name: "a denial followed by words still reads forward", notes: "Washing with help, no problem with walking.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },

  // "Copes with", "completes": a task the person does is a normal finding
  { failureClass: "a task done is a normal finding", name: "copes with personal care beside breathlessness", notes: "Breathless walking 50 m. Copes with personal care.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.physical-impairments"] } },

  // "we'll" is not "well", "I'll" not "ill"
  { failureClass: "a pronoun's contraction", name: "I'll beside a sport is not an injury", notes: "Worried I'll lose my job: can't manage work tasks since the stroke. I play football at weekends.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.work-and-school"], absent: ["pt.sports-injuries", "shared.injury-or-illness"] } },

  // "?falls" in shorthand queries the finding: hypothetical; "?Mobility:" heads a label and is read as one
  { failureClass: "a queried finding", name: "queried problems are not evidence", notes: "Daughter worried. ?stairs ?washing. Please see.", expected: { recommendation: "NEEDS_ASSESSMENT", absent: ["pt.mobility", "ot.daily-living"] } },
  { failureClass: "a queried finding", name: "a queried heading still reads its findings", notes: "?Mobility: unable to climb stairs, unsteady.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  // Clearing the chest is physiotherapy: secretions, a weak cough, breathing exercises, airway clearance
  { failureClass: "respiratory physiotherapy", name: "retained secretions and a weak cough are physiotherapy", notes: "Retained secretions and a weak cough after pneumonia. Washes and dresses herself.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.respiratory"], absent: ["ot.daily-living"] } },
  { failureClass: "respiratory physiotherapy", name: "breathing exercises and airway clearance asked for are physiotherapy", notes: "Independent with all care. Please teach ACBT and breathing exercises.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.respiratory"] } },

  // Exercise named as the goal of the referral is the treatment asked for, not a hint
  { failureClass: "exercise as the goal", name: "a return to sport asked for is physiotherapy", notes: "Mobile and self-caring; would like help with a return to sport after a calf injury.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.exercise-rehabilitation"] } },
  { failureClass: "exercise as the goal", name: "a core stability programme asked for is physiotherapy", notes: "No problems with daily tasks. Core stability programme please.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.exercise-rehabilitation"] } },

  // "6-week hx of" is how long the present problem has lasted, not a past problem
  { failureClass: "how long the present problem has lasted", name: "a duration before hx is the present complaint", notes: "Six-week hx of neck pain; walks normally.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.pain"] } },
  { failureClass: "how long the present problem has lasted", name: "a duration in weeks before hx in shorthand", notes: "3/52 hx of heel pain, otherwise well.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.pain"] } },

  // "Physically well", "no physical problems" deny the physiotherapy side
  { failureClass: "the physical side denied", name: "physically well beside a walk is no physiotherapy need", notes: "Physically well and walks to the shop daily. Struggling to keep up with her bills since her husband died.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.everyday-activities"] } },
  { failureClass: "the physical side denied", name: "self-neglect with no physical problems is occupational therapy", notes: "No physical problems. Self-neglect since losing his job, flat in poor state.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },

  // Equipment fitted, sorted or in place is the state of the home, not a need
  { failureClass: "equipment in place", name: "rails fitted and a chair in place are no need", notes: "Grab rails fitted last year and a shower chair already in place. Knee stiff and sore on stairs.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.independent-living"] } },
  { failureClass: "equipment in place", name: "a home all sorted is no need", notes: "Washing and dressing and the bathroom all sorted. Shoulder painful reaching up.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.daily-living"] } },

  // "Fine with everything else, A and B" denies the list that follows
  { failureClass: "everything denied, then listed", name: "a list after fine with everything is denied", notes: "Fine with everything else, cooking and washing included, but her ankle keeps giving way.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.everyday-activities", "ot.daily-living"] } },

  // "↓" in ward shorthand is "reduced": an affirmation
  { failureClass: "shorthand arrows", name: "a down arrow affirms the problem it qualifies", notes: "Pre-adm indep mob. Now ↓ standing tolerance. Needs help to shower.", expected: { recommendation: "BOTH", rules: ["pt.mobility", "ot.daily-living"] } },

  // Vocabulary of the holdout-3 and holdout-4 notes, in other words
  { failureClass: "everyday vocabulary", name: "a toilet frame is home equipment, not a walking frame", notes: "Would benefit from a toilet frame and bed raisers; walks well indoors.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.independent-living"], absent: ["pt.mobility"] } },
  { failureClass: "everyday vocabulary", name: "an operative is a worker, not an operation", notes: "Machine operative with a tremor, can't do up buttons.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.after-surgery"] } },
  { failureClass: "everyday vocabulary", name: "muddled is confusion and a recipe is cooking", notes: "Muddled with tablets and can't follow a recipe.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.cognitive-rehabilitation", "ot.everyday-activities"] } },
  { failureClass: "everyday vocabulary", name: "sit to stand is mobility", notes: "Sit to stand takes three attempts.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  { failureClass: "a task done is a normal finding", name: "coping at work is a normal finding", notes: "Coping at work and at home. Achilles tendinopathy, sore when running.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.work-and-school"] } },

  // A discipline the referrer says has finished, cleared the person or is already involved: the referral is for
  // what is left
  { failureClass: "a discipline already finished", name: "physio happy with walking leaves occupational therapy", notes: "Physio happy with his walking and stairs. Struggling to cook and to keep track of his tablets.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.everyday-activities"] } },
  { failureClass: "a discipline already finished", name: "a finished physio course leaves the hand tasks", notes: "Osteoarthritis in both hands; her course of physiotherapy has finished. Can't manage buttons or open tins.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },
  { failureClass: "a discipline already finished", name: "equipment the OT sorted leaves physiotherapy", notes: "Rails and a commode already from the OT. Unsteady on his feet, two falls since Easter.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },

  // On a side the notes deny, the other side's words in a clause about the main problem are its consequence
  { failureClass: "consequences of the main problem", name: "breathless when washing beside walking well is occupational therapy", notes: "Walks outdoors without difficulty. Gets breathless when she washes and dresses, wants a perching stool.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },
  { failureClass: "consequences of the main problem", name: "a stiff hip stopping car transfers beside home tasks done is physiotherapy", notes: "Manages his own cooking and washing. Hip still stiff, so he can't get into the car.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.range-of-motion"] } },

  // A negation reaches past a comma only over a list of findings
  { failureClass: "a negation over a list", name: "no routine, then self-neglect, is no list", notes: "Physically well. No routine, self-neglect at home per his brother.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },
  { failureClass: "a negation over a list", name: "a list of denials goes on past a negation in it", notes: "Independent with washing and dressing, OT not needed, perching stool at home. Knee rehab for ROM and strength.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.independent-living"] } },

  // "Without" after "can't" is a double negative: the finding is present
  { failureClass: "a double negative", name: "can't kneel without pain is pain", notes: "Can't kneel down without pain since the summer.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.pain"] } },

  // Going home from hospital is where everyday activities resume, not a need of its own
  { failureClass: "going home is a setting", name: "discharged home alone is assessed first", notes: "Discharged home yesterday after a chest infection. Please see.", expected: { recommendation: "NEEDS_ASSESSMENT", rules: ["ot.home-after-discharge"] } },

  // Normal findings: "excellent", "age-appropriate", "gives him no trouble"
  { failureClass: "normal findings in other words", name: "feeding age-appropriate beside late walking is physiotherapy", notes: "Two-year-old, still not walking; feeding and play are age-appropriate.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.daily-living"] } },
  { failureClass: "normal findings in other words", name: "excellent strength beside a kitchen out of reach is occupational therapy", notes: "Upper body strength excellent. Can't reach the kitchen worktops from his wheelchair.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.strength-training"] } },
  { failureClass: "normal findings in other words", name: "an old fracture giving no trouble is no need", notes: "Her old ankle fracture gives her no trouble. Struggling with shopping and housework since her husband died.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.injury-or-chronic-physical-condition"] } },

  // A task to learn or to improve is a need: "wants to learn to cook", "to improve her balance"
  { failureClass: "a task to learn or improve", name: "learning to cook independently is a need", notes: "Wants to learn to cook for himself independently.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.everyday-activities"] } },
  { failureClass: "a task to learn or improve", name: "exercises safe to improve balance are physiotherapy", notes: "Would like to know which exercises are safe to improve her balance.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },

  // Vocabulary of the holdout-2 to holdout-5 notes, in other words
  { failureClass: "everyday vocabulary", name: "falling behind at school is no fall", notes: "Falling behind with schoolwork because his handwriting is so slow.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "everyday vocabulary", name: "SOB is breathlessness", notes: "SOB walking to the car; needs help to bath.", expected: { recommendation: "BOTH", rules: ["pt.physical-impairments", "ot.daily-living"] } },
  { failureClass: "everyday vocabulary", name: "pacing is energy conservation", notes: "Walks well. Would like advice on pacing her week.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.independent-living"] } },
  { failureClass: "everyday vocabulary", name: "lateral epicondylitis is a physiotherapy condition, alone assessed first", notes: "Lateral epicondylitis, 6/52.", expected: { recommendation: "NEEDS_ASSESSMENT", rules: ["pt.chronic-physical-conditions"] } },
  { failureClass: "everyday vocabulary", name: "imbalance is a mobility problem", notes: "Imbalance on turning his head; independent with ADLs.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  { failureClass: "everyday vocabulary", name: "help with everything is self-care", notes: "Off legs since admission and now needs help with everything.", expected: { recommendation: "BOTH", rules: ["ot.daily-living", "pt.mobility"] } },
  { failureClass: "everyday vocabulary", name: "a hand task at work limited by swollen fingers is occupational therapy", notes: "Walking is no problem. Fingers so swollen she can't hold the scissors at the salon.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },
  { failureClass: "everyday vocabulary", name: "a bad hip is pain", notes: "Bad hip, waiting for a replacement.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.pain"] } },
  { failureClass: "everyday vocabulary", name: "raising the arm is range of motion", notes: "Can't raise his arm since the fall.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.range-of-motion"] } },
  { failureClass: "everyday vocabulary", name: "a job at risk is work", notes: "Worried he will lose his job; asking for a work assessment.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.work-and-school"] } },
  { failureClass: "everyday vocabulary", name: "the bus is community access; a wish alone names no difficulty", notes: "Wants to use the bus on his own.", expected: { recommendation: "NEEDS_ASSESSMENT", rules: ["ot.leisure-and-social"] } },
  { failureClass: "resolved problems", name: "a bad knee completely gone is resolved", notes: "Bad knee last year, completely gone now.", expected: { recommendation: "NEEDS_ASSESSMENT", absent: ["pt.pain"] } },
  // Not examined, seen or recorded: neither evidence nor a denial, before or after the words that say so
  { failureClass: "not examined or not recorded", name: "a finding labelled not documented is no finding", notes: "Mobility: not documented. Washing and dressing: not documented.", expected: { recommendation: "NEEDS_ASSESSMENT", absent: ["pt.mobility", "ot.daily-living"] } },
  { failureClass: "not examined or not recorded", name: "what staff have not seen is no finding", notes: "New admission; the nurses haven't seen him walk or get washed yet.", expected: { recommendation: "NEEDS_ASSESSMENT", absent: ["pt.mobility", "ot.daily-living"] } },
  // A normal finding after "A, B and C" covers the items before the commas; a problem before the list is kept
  { failureClass: "a list a normal finding covers", name: "a normal finding after a list covers each item", notes: "Walking, stairs and getting about outdoors are all normal. Can't cut up her food or do her buttons.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "a list a normal finding covers", name: "a problem before a listed normal finding stays", notes: "Knee pain, washing and dressing independent.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.pain"], absent: ["ot.daily-living"] } },
  // A goal names what is to be achieved: a normal-finding word under it is the goal, not how the person is
  { failureClass: "a goal is a need", name: "a goal of independent self-care is self-care", notes: "T4 paraplegia, own power chair. Goal: indep dressing + bathing.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"], absent: ["pt.strength-training"] } },
  // "Affecting" says the problem is present, so "himself" after it is no normal finding
  { failureClass: "a problem that affects a task", name: "poor concentration affecting a task done by oneself", notes: "Poor concentration since the head injury is affecting his studies and getting himself organised.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.work-and-school"] } },
  // "On his own" is unaided, like "himself"
  { failureClass: "done on one's own", name: "walking on his own is a normal finding", notes: "Walks to the end of the road on his own. Can't follow a recipe or use the washing machine.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  // What the person wants to do is no normal finding, and no affirmed problem either
  { failureClass: "a wish is no normal finding", name: "a wish to cook independently again", notes: "Walking is fine. Would like to cook independently again.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.everyday-activities"] } },
  // An activity done every day is done; a problem every day is still a problem
  { failureClass: "an activity done every day", name: "walking the dog every day is how the person is", notes: "Walks the dog every day. Since the bereavement she has stopped cooking and seeing friends.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "an activity done every day", name: "stiff every morning is still a problem", notes: "Very stiff every morning in both hips.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.range-of-motion"] } },
  // A return to work wanted beside a physical problem is what treating it achieves; unable to return is a need
  { failureClass: "a return goal beside the main problem", name: "keen to get back to work beside neck pain", notes: "Six weeks of neck pain and stiffness after a car accident; keen to get back to work.", expected: { recommendation: "PHYSIOTHERAPY" } },
  { failureClass: "a return goal beside the main problem", name: "unable to return to work is a need of its own", notes: "Six weeks of neck pain and stiffness after a car accident; unable to return to work.", expected: { recommendation: "BOTH", rules: ["ot.work-and-school", "pt.pain"] } },
  // "His mobile" is a phone, not mobility
  { failureClass: "a possessive mobile is a phone", name: "using his mobile is no mobility", notes: "Can't work out how to use his mobile or the microwave.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  // A treatment declined or tried before is no need of its own
  { failureClass: "a treatment declined or tried", name: "an exercise programme declined and tried", notes: "Not looking for an exercise programme, I have tried graded exercise before. I need help pacing my day so I can wash and cook.", expected: { recommendation: "OCCUPATIONAL_THERAPY" } },
  // A day without shape is a problem, not a denial that starts a list
  { failureClass: "a day without structure", name: "no daily structure is a problem", notes: "Physically well. Since losing his job, no daily structure, not opening his post.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.everyday-activities"] } },
  // Back to normal or to baseline is how the person is now, before or after the function it names
  { failureClass: "back to the usual level", name: "back to baseline before the function is a normal finding", notes: "Back to baseline mobility with her rollator. She can no longer get in and out of the bath.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "back to the usual level", name: "back to normal walking is a normal finding", notes: "Back to normal walking outdoors with a stick; struggling to prepare meals.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "back to the usual level", name: "a wish to get back to normal is no normal finding", notes: "Keen to get back to normal walking after the knee replacement.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  // The discipline as the subject of its own finish, or the caseload the person is on
  { failureClass: "a discipline already finished", name: "the physio who discharged her leaves the hand tasks", notes: "Uses a stick outdoors; the physio discharged her in August. Can't fasten her bra or cut up her food.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },
  { failureClass: "a discipline already finished", name: "a physiotherapist who signed him off leaves the kitchen", notes: "The ward physiotherapist signed him off yesterday, walking with a frame. Needs a kitchen assessment before discharge.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.everyday-activities"] } },
  { failureClass: "a discipline already finished", name: "known to OT leaves physiotherapy", notes: "Known to OT. Struggles with buttons since the stroke, and has knee pain climbing stairs.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.pain"] } },
  // A normal finding before a list ("manages washing, dressing and cooking") covers its activities, not a problem
  { failureClass: "a normal finding before a list", name: "manages before a list covers each activity", notes: "Manages her own washing, dressing and cooking. Three falls this month, unsteady turning.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.daily-living", "ot.everyday-activities"] } },
  { failureClass: "a normal finding before a list", name: "a problem in the list after a normal finding stays", notes: "Independent transfers, unsteady on her feet.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"], absent: ["ot.daily-living"] } },
  // A wish reaches over the activities it lists, so a normal-finding word at the list's end names the wish
  { failureClass: "a wish over its list", name: "a wish to shower, dress and shop independently", notes: "Since the stroke she wants to be able to shower, dress and get to the shops independently. Both knees stiff in the mornings.", expected: { recommendation: "BOTH", rules: ["ot.daily-living", "ot.everyday-activities", "pt.range-of-motion"] } },
  { failureClass: "a wish over its list", name: "a comma after a wish can start a normal finding", notes: "Keen to get back to the gym, mobility independent.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["pt.mobility"] } },
  // A limb amputated (BKA, transfemoral) and walking again on a prosthesis are physiotherapy
  { failureClass: "amputation and prosthetic rehabilitation", name: "a below-knee amputation awaiting limb fitting", notes: "L BKA last week. Transfers indep with a slide board; awaiting limb fitting.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.after-surgery", "pt.mobility"] } },
  { failureClass: "amputation and prosthetic rehabilitation", name: "a transfemoral amputee's limb fitting review", notes: "Transfemoral amputee, new socket, needs limb fitting review. Managing self-care from the wheelchair.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  // Cardiac, pulmonary and vestibular rehabilitation asked for are the exercise treatment, not a hint
  { failureClass: "a rehabilitation programme named as the treatment", name: "vestibular rehabilitation asked for", notes: "BPPV confirmed; otherwise well. Referred for vestibular rehabilitation.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.exercise-rehabilitation"] } },
  { failureClass: "a rehabilitation programme named as the treatment", name: "cardiac rehab asked for beside full independence", notes: "Stents placed after a heart attack last month; fully independent. Please enrol in cardiac rehab.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.exercise-rehabilitation"] } },
  { failureClass: "a rehabilitation programme named as the treatment", name: "cardiac rehab already attended leaves the toilet", notes: "Attending cardiac rehab twice a week and walking a mile. Can't get on and off the low toilet since the sternotomy.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },
  // Shoulder movement after breast or axillary surgery, and the cords that limit it
  { failureClass: "the shoulder after breast surgery", name: "axillary cording and reduced abduction after a mastectomy", notes: "Since her mastectomy she has axillary cording and reduced shoulder abduction; managing at home.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.range-of-motion", "pt.after-surgery"] } },
  // Occupational health's modified or light duties are work adapted to the person
  { failureClass: "duties changed at work", name: "modified duties are work; a request for advice alone names no difficulty", notes: "Occupational health: teacher returning after a breakdown, asking for advice on modified duties.", expected: { recommendation: "NEEDS_ASSESSMENT", rules: ["ot.work-and-school"] } },
  // "Wasn't", "aren't", "doesn't" are their verb and "not": a normal finding contracted with "n't" is denied
  { failureClass: "a negative contraction is not", name: "wasn't managing is a need, not a normal finding", notes: "Her son says she wasn't managing her washing or meals before this admission. Walks independently.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living", "ot.everyday-activities"] } },
  { failureClass: "a negative contraction is not", name: "aren't a problem is a normal finding", notes: "Stairs aren't a problem for him; since the stroke he can't fasten his buttons.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "a negative contraction is not", name: "doesn't need help still denies the tasks", notes: "He doesn't need any help with washing or dressing; knees stiff and painful on stairs.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.daily-living"] } },
  { failureClass: "a negative contraction is not", name: "did not need after a finding is no denial of it", notes: "She keeps missing doses of her tablets and bought a boiler service she didn't need.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.everyday-activities"] } },
  // "Still" ends a negation's reach, but a normal finding straight after it is read with it
  { failureClass: "still managing is a normal finding", name: "tasks the person still manages are no need", notes: "Shopping and cleaning she still manages herself; knee pain on stairs.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.everyday-activities"] } },
  { failureClass: "still managing is a normal finding", name: "still independent with a list denies it", notes: "Hip pain when walking, still independent with washing and dressing.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.daily-living"] } },
  { failureClass: "still managing is a normal finding", name: "still managing with difficulty is a need", notes: "Still managing to wash with difficulty; walks outdoors with a frame.", expected: { recommendation: "BOTH", rules: ["ot.daily-living", "pt.mobility"] } },
  // A fall off a ladder, a bike or a horse is how an injury happened, not falls as a pattern; "fell for" a scam is no fall
  { failureClass: "a fall from a height is an event", name: "a fall off a bike is the event an injury followed", notes: "Broke his collarbone falling off his bike; shoulder stiff and sore since.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.fall-event", "pt.range-of-motion"], absent: ["pt.mobility"] } },
  { failureClass: "a fall from a height is an event", name: "falls from a bed or chair stay falls", notes: "Has fallen out of bed twice and fell from her chair this week.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  { failureClass: "a fall from a height is an event", name: "fell for a scam is no fall", notes: "Fell for a phone scam last month and forgets to take her tablets.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "a fall from a height is an event", name: "fell for the third time is a fall", notes: "Fell for the third time yesterday, out in the garden.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  // A recovery made ("has made a good recovery") is over, like "resolved"; what an affirmation says after it stays
  { failureClass: "a recovery made is over", name: "a good recovery from a stroke leaves the knee", notes: "Had a stroke two years ago and made a good recovery, but knee pain now stops her using the stairs.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.stroke"] } },
  { failureClass: "a recovery made is over", name: "what cannot be done after a recovery stays", notes: "She has made a good recovery from the hip fracture, but cannot walk outdoors without her frame.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  // "Mobile" is how the person gets about, a normal finding like "independent"; less of it, or with help, is a need
  { failureClass: "mobile is a normal finding", name: "mobile with a stick as before is no mobility need", notes: "He is mobile around the house with his stick as he has been for years; can no longer read his post or pay his bills.", expected: { recommendation: "OCCUPATIONAL_THERAPY", absent: ["pt.mobility"] } },
  { failureClass: "mobile is a normal finding", name: "less mobile is a need", notes: "She has become less mobile since the winter and sits most of the day.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  { failureClass: "mobile is a normal finding", name: "mobile with assistance is a need", notes: "Mobile with assistance of one since the fall.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  // "R" and "L" name the side and are read past, like an article; "left" and "right" in words are kept
  { failureClass: "the side in shorthand", name: "a ruptured R Achilles is an injury", notes: "Ruptured R Achilles at five-a-side, surgical repair last month.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.injury-or-chronic-physical-condition", "pt.after-surgery"] } },
  { failureClass: "the side in shorthand", name: "a broken L wrist is an injury", notes: "Broken L wrist three weeks ago.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.injury-or-chronic-physical-condition"] } },
  { failureClass: "the side in shorthand", name: "left neglect keeps its side", notes: "Left neglect since the stroke; walks independently.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.cognitive-rehabilitation"] } },
  // "Fit for light duties" says what the person can do now, like a normal finding; "not fit" or "unfit" is a need
  { failureClass: "a fitness statement", name: "fit for light duties is no work need", notes: "Fit for light duties; neck pain and stiffness since the accident.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.work-and-school"] } },
  { failureClass: "a fitness statement", name: "unfit for light duties is a work need", notes: "Unfit for light duties at present, low mood and poor sleep.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.work-and-school"] } },
  // Vocabulary
  { failureClass: "everyday vocabulary", name: "a foot dragging is gait", notes: "MS; his left foot keeps dragging on the pavement.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility", "ot.multiple-sclerosis"] } },
  { failureClass: "everyday vocabulary", name: "leaking when coughing after a baby is pelvic floor", notes: "Since my son was born I leak when I sneeze.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.physical-impairments"] } },
  { failureClass: "everyday vocabulary", name: "scar tightening is range of motion", notes: "Burns to the forearm; scar tightening at the elbow.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.range-of-motion"] } },
  { failureClass: "everyday vocabulary", name: "missed medication is managing medication", notes: "Missed medication three times this week. Walks to the shops independently.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.everyday-activities"], absent: ["pt.mobility"] } },
  { failureClass: "everyday vocabulary", name: "a clumsy hand and fiddly tasks are hand function", notes: "Since the stroke her right hand is clumsy and she gives up on fiddly tasks; walking well.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"], absent: ["pt.mobility"] } },
  { failureClass: "everyday vocabulary", name: "clumsy on her feet is no hand problem", notes: "A bit clumsy on her feet lately, trips on the rugs.", expected: { recommendation: "PHYSIOTHERAPY", absent: ["ot.daily-living"] } },
  { failureClass: "everyday vocabulary", name: "a move from bed to wheelchair is a transfer", notes: "Her husband can no longer help her from bed to wheelchair; legs weak and stiff.", expected: { recommendation: "BOTH", rules: ["ot.daily-living", "pt.strength-training"] } },
  { failureClass: "everyday vocabulary", name: "without any bother is a normal finding", notes: "She walks round the park without any bother. Leaves the gas on.", expected: { recommendation: "NEEDS_ASSESSMENT", absent: ["pt.mobility"] } },
  // Issue 21's failure classes (ruleset 2026-12-07.1): each finding carries its assertion, and only present ones count.
  // 1. A word is not a problem: a topic or a normal finding in shorthand or a template.
  { failureClass: "a word is not a problem", name: "a template of normal values is assessed first", notes: "Pain: 0/10\nFalls: nil\nADLs: indep\nCognition: NAD", expected: { recommendation: "NEEDS_ASSESSMENT", setAside: [{ rule: "pt.pain", text: "Pain", assertion: "NORMAL" }, { rule: "pt.mobility", text: "Falls", assertion: "ABSENT" }, { rule: "ot.daily-living", text: "ADLs", assertion: "NORMAL" }, { rule: "ot.cognitive-rehabilitation", text: "Cognition", assertion: "NORMAL" }] } },
  { failureClass: "a word is not a problem", name: "a template field left open is not known", notes: "Mobility: ?\nADLs: not asked\nReason: 'help'", expected: { recommendation: "NEEDS_ASSESSMENT", setAside: [{ rule: "pt.mobility", text: "Mobility", assertion: "HYPOTHETICAL" }, { rule: "ot.daily-living", text: "ADLs", assertion: "HYPOTHETICAL" }] } },
  { failureClass: "a word is not a problem", name: "a key with a difficulty as its value is a problem", notes: "Mobility: poor, needs a frame. Washing: needs help.", expected: { recommendation: "BOTH", rules: ["pt.mobility", "ot.daily-living"] } },
  { failureClass: "a word is not a problem", name: "a normal finding before a list covers the list", notes: "Independent at home, drives, cooks. Knee gives way on stairs.", expected: { recommendation: "PHYSIOTHERAPY", setAside: [{ rule: "ot.everyday-activities", text: "cooks", assertion: "NORMAL" }] } },
  { failureClass: "a word is not a problem", name: "a verb before a normal finding does not hide it", notes: "His balance has been steady. Cannot fasten buttons or tie laces.", expected: { recommendation: "OCCUPATIONAL_THERAPY", setAside: [{ rule: "pt.mobility", text: "balance", assertion: "NORMAL" }] } },
  // 2. Negated after the fact.
  { failureClass: "negated after the fact", name: "a denial closing its field answers it", notes: "Back pain - denies. Memory concerns - denies. Struggling to cook since the move.", expected: { recommendation: "OCCUPATIONAL_THERAPY", setAside: [{ rule: "pt.pain", text: "Back pain", assertion: "ABSENT" }, { rule: "ot.cognitive-rehabilitation", text: "Memory", assertion: "ABSENT" }] } },
  { failureClass: "negated after the fact", name: "a worry a visit did not bear out is denied", notes: "Son worried about falls and forgetfulness, not borne out at today's visit.", expected: { recommendation: "NEEDS_ASSESSMENT", setAside: [{ rule: "pt.mobility", text: "falls", assertion: "ABSENT" }] } },
  { failureClass: "negated after the fact", name: "no problems there after a list of tasks", notes: "Does his own washing, dressing and meals, no problems there. Hip stiff and painful on walking.", expected: { recommendation: "PHYSIOTHERAPY", setAside: [{ rule: "ot.daily-living", text: "washing", assertion: "NORMAL" }] } },
  { failureClass: "negated after the fact", name: "not straight before a problem denies it", notes: "Her hands aren't painful now; can't manage her medication or read her post since her sight went.", expected: { recommendation: "OCCUPATIONAL_THERAPY", setAside: [{ rule: "pt.pain", text: "painful", assertion: "ABSENT" }] } },
  // 3. Someone else's problem.
  { failureClass: "someone else's problem", name: "the condition of the person the patient cares for", notes: "Cares for his mum, who has Parkinson's and falls often. He is well.", expected: { recommendation: "NEEDS_ASSESSMENT", setAside: [{ rule: "ot.parkinsons", text: "Parkinson's", assertion: "SOMEONE_ELSE" }, { rule: "pt.mobility", text: "falls", assertion: "SOMEONE_ELSE" }] } },
  { failureClass: "someone else's problem", name: "a spouse's condition beside the patient's own need", notes: "Her husband has dementia; she is struggling with her own shoulder pain when lifting.", expected: { recommendation: "PHYSIOTHERAPY", setAside: [{ rule: "ot.alzheimers", text: "dementia", assertion: "SOMEONE_ELSE" }] } },
  { failureClass: "someone else's problem", name: "a relative who helps is no experiencer", notes: "Needs her daughter's help to get in the bath.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },
  // 4. Not yet, or only feared.
  { failureClass: "not yet, or only feared", name: "a fall feared one day is not a fall", notes: "Worried she might fall one day. Walks to the shops daily.", expected: { recommendation: "NEEDS_ASSESSMENT", setAside: [{ rule: "pt.fall-event", text: "fall", assertion: "HYPOTHETICAL" }] } },
  { failureClass: "not yet, or only feared", name: "what is unclear whether is only possible", notes: "Unclear whether it is her memory or her mobility that is the problem.", expected: { recommendation: "NEEDS_ASSESSMENT", setAside: [{ rule: "ot.cognitive-rehabilitation", text: "memory", assertion: "HYPOTHETICAL" }] } },
  { failureClass: "not yet, or only feared", name: "not yet mobilised on a ward is not known", notes: "Admitted overnight, not yet mobilised, baseline unknown.", expected: { recommendation: "NEEDS_ASSESSMENT", absent: ["pt.mobility"] } },
  // 5. Resolved or past.
  { failureClass: "resolved or past", name: "pain that has settled is resolved", notes: "Back pain last spring, resolved with exercises. Now can't manage the stairs to her bedroom or her bath.", expected: { recommendation: "BOTH", setAside: [{ rule: "pt.pain", text: "Back pain", assertion: "RESOLVED" }] } },
  { failureClass: "resolved or past", name: "a history of falls alone is past", notes: "Hx of falls 2019. Otherwise well.", expected: { recommendation: "NEEDS_ASSESSMENT" } },
  { failureClass: "resolved or past", name: "falls that have stopped are over", notes: "The falls have stopped. Struggles to cook and shop.", expected: { recommendation: "OCCUPATIONAL_THERAPY", setAside: [{ rule: "pt.mobility", text: "falls", assertion: "RESOLVED" }] } },
  // 6. One side denied, the other clear.
  { failureClass: "one side denied, the other clear", name: "physiotherapy signed off leaves the daily tasks", notes: "Physio signed him off, walking 40 m with a stick. Can't get his socks on or wash his feet.", expected: { recommendation: "OCCUPATIONAL_THERAPY" } },
  { failureClass: "one side denied, the other clear", name: "self-care normal beside a knee problem", notes: "Washes and dresses herself, cooks daily. Knee swollen and gives way on the stairs.", expected: { recommendation: "PHYSIOTHERAPY" } },
  // 7. Unrelated complaints.
  { failureClass: "unrelated complaints", name: "a sore throat is no pain a therapist treats", notes: "Sore throat for three days, blood pressure check due. Nothing else.", expected: { recommendation: "NEEDS_ASSESSMENT", absent: ["pt.pain"] } },
  { failureClass: "unrelated complaints", name: "an ambulance is no walking", notes: "Brought in by ambulance after a faint; obs normal.", expected: { recommendation: "NEEDS_ASSESSMENT", absent: ["pt.mobility"] } },
  // Not too far: a need stays a need.
  { failureClass: "the reach of a set-aside finding", name: "less mobile stays a mobility need", notes: "Less mobile since the winter, no pain.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  { failureClass: "the reach of a set-aside finding", name: "needs assistance of one stays a need", notes: "Needs assistance of one to wash and dress; mobile indoors.", expected: { recommendation: "OCCUPATIONAL_THERAPY", rules: ["ot.daily-living"] } },
  { failureClass: "the reach of a set-aside finding", name: "a relative's condition does not reach past a new subject", notes: "His wife has MS, and he can't lift his arm above his shoulder.", expected: { recommendation: "PHYSIOTHERAPY", setAside: [{ rule: "ot.multiple-sclerosis", text: "MS", assertion: "SOMEONE_ELSE" }] } },
  { failureClass: "the reach of a set-aside finding", name: "a denial does not reach a problem after a comma and a new subject", notes: "No falls, and she can't get up from her chair without help.", expected: { recommendation: "PHYSIOTHERAPY", rules: ["pt.mobility"] } },
  { failureClass: "the reach of a set-aside finding", name: "an ankle that has stopped swelling still has stiffness", notes: "Ankle swelling has stopped; still stiff and can't run.", expected: { recommendation: "PHYSIOTHERAPY", setAside: [{ rule: "pt.physical-impairments", text: "swelling", assertion: "RESOLVED" }] } },
];
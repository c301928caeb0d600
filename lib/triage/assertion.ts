/**
 * Assertion triggers: the words that say whether a finding in a note is
 * present, absent, hypothetical or historical. Data, read by text.ts.
 *
 * The approach is NegEx / ConText (Chapman et al., "A simple algorithm for
 * identifying negated findings and diseases in discharge summaries", J Biomed
 * Inform 2001; Harkema et al., "ConText", J Biomed Inform 2009), whose trigger
 * categories and directions medspaCy publishes in
 * github.com/medspacy/medspacy resources/context_rules.json (FORWARD,
 * BACKWARD, TERMINATE; NEGATED_EXISTENCE, HYPOTHETICAL, HISTORICAL). This is a
 * focused table for therapy referrals, not a copy: it adds the normal-finding
 * words clinicians write after a finding ("gait unremarkable", "ROM WNL") and
 * leaves out triggers that mean a need here ("not" alone: "not walking").
 *
 * Words are matched like rule phrases: as word stems, any case, articles and
 * possessives skipped ("without any problems" is "without problem"). A phrase
 * starting with "=" matches only in the form written.
 */

/**
 * How a trigger acts on the findings around it. A clause ends at . ; ! ? or a
 * line break; a segment also ends at a comma, a bracket, a colon or a
 * termination word.
 * - PRE_NEGATION: negates the findings after it, to the end of the clause
 *   ("no difficulty with washing, dressing or cooking"). ConText FORWARD.
 *   Past a comma only as a list: once it, or a negation before it in its
 *   segment, has denied a finding ("no pain, stiffness"; "no daily structure,
 *   self-neglect" is no list).
 * - POST_NEGATION: negates the findings before it in its segment, and after
 *   it to the end of the segment ("gait unremarkable", "normal gait"). Straight
 *   after a colon it reaches back over the whole clause ("Washing, dressing:
 *   independent"). ConText BACKWARD.
 * - EITHER_NEGATION: POST_NEGATION when a finding precedes it in its segment
 *   ("pain nil"), PRE_NEGATION otherwise ("nil pain, stiffness"); alone in a
 *   segment it ends, also back over the segment before ("Dressing on his
 *   own, no issues").
 * - WITHOUT: a pre-negation ("without pain"), except in a segment an
 *   affirmation has opened, where it is a double negative: "can't raise her
 *   arm without pain" is pain whenever she tries.
 * - EVERYTHING_DENIED: a pre-negation that denies everything, then lists
 *   it: it reaches over the list after a comma ("fine with everything else,
 *   school work and dressing").
 * - PSEUDO: looks like a trigger but is not one ("not only", "no change"):
 *   read as a unit so its words trigger nothing.
 * - TERMINATION: ends every negation's reach and starts a new segment ("but").
 * - AFFIRMATION: says a problem is present, so a normal-finding word later in
 *   the segment describes what cannot be done ("unable to walk independently",
 *   "no longer able to dress without help"). Looks-alike negations such as
 *   "no longer" and "not independent" are affirmations.
 * - AFFIRMING_TERMINATION: both of the above ("struggles", "needs").
 * - HYPOTHETICAL: the findings after it in its segment may never happen
 *   ("if pain worsens"): neither evidence nor a denial. ConText HYPOTHETICAL.
 * - UNKNOWN: not examined, seen or recorded ("Mobility: not documented",
 *   "staff haven't seen her mobilise", "transfers not assessed"): the
 *   findings it follows in its segment (its clause, straight after a colon)
 *   and those after it to the segment's end are neither evidence nor a
 *   denial.
 * - GOAL: what follows is what the person is to achieve, so a need
 *   ("Goal: indep feeding + writing", "aim is to walk independently"): it
 *   affirms its segment and every segment after it in its clause, so a
 *   normal-finding word there names the goal, not how the person is.
 * - HABITUAL: an activity done every day is done: "walks the dog every
 *   day" is how the person is. Back over its segment, unless an affirmation
 *   stands in it ("needs help to dress every morning"); a phrase naming a
 *   problem by itself stays ("very stiff every morning").
 * - WISH: what the person wants to do ("wants to use the bus on his own",
 *   "keen to walk independently again"): a normal-finding word in its
 *   segment names the wish, not how the person is, so it negates nothing;
 *   unlike an affirmation it says no problem is present (a wish to get back
 *   to work is no difficulty at work).
 * - OTHERS_DENIED: the note denies any problem besides those it names ("no
 *   other problems", "otherwise well"): a side with no affirmed functional
 *   problem counts as denied (see policy.ts).
 * - RESOLUTION: the findings before it in its clause are over ("Hx LBP,
 *   resolved", "hurt my hip but it has healed"): negated back over the whole
 *   clause, across commas and termination words, except segments an
 *   affirmation says are present ("cannot kneel, swelling resolved"), and
 *   forward to the end of its segment like a post-negation.
 * - BASELINE: the usual state, a normal finding: back over its segment like
 *   a post-negation ("gait at baseline"); alone in a segment of its own, back
 *   over the segment before ("mobilising with a frame (baseline)", "... =
 *   baseline"). Straight after a colon, or followed by more words ("Mobility:
 *   baseline independent, now 1 assist"), it labels the usual state and
 *   negates nothing.
 * - BACK_TO_USUAL: the person is at the usual level again ("walking is back
 *   to normal", "back to baseline mobility with one stick"): a normal finding
 *   back over its segment and on to the segment's end, like a post-negation
 *   (straight after a colon, back over the clause); alone at the end of a
 *   segment, back over the segment before, like a lone baseline
 *   ("mobilising with a frame, back to baseline"). Unlike BASELINE it never
 *   only labels the usual state. A wish or an affirmation in its segment
 *   says it is not there yet ("keen to get back to normal", "not back to
 *   normal").
 * - HISTORICAL: the findings after it in its clause are past ("hx of CVA"):
 *   still evidence, but a past diagnosis alone weighs less (see policy.ts).
 *   ConText HISTORICAL.
 */
export type AssertionRole =
  | "PRE_NEGATION"
  | "POST_NEGATION"
  | "EITHER_NEGATION"
  | "WITHOUT"
  | "EVERYTHING_DENIED"
  | "PSEUDO"
  | "TERMINATION"
  | "AFFIRMATION"
  | "AFFIRMING_TERMINATION"
  | "HYPOTHETICAL"
  | "UNKNOWN"
  | "GOAL"
  | "HABITUAL"
  | "WISH"
  | "OTHERS_DENIED"
  | "RESOLUTION"
  | "BASELINE"
  | "BACK_TO_USUAL"
  | "HISTORICAL"
  | "SOMEONE_ELSE"
  | "LOSS"
  | "REFUTED"
  | "ALL_NORMAL"
  | "UNCERTAIN"
  | "LACK";

export interface AssertionTrigger {
  readonly role: AssertionRole;
  readonly phrases: readonly string[];
}

/**
 * Words that, first after a comma, start a new assertion and so end a
 * negation carried over from before the comma: "no falls, lives alone" (the
 * person lives alone) against "no pain, stiffness or swelling" (a list).
 * Exact forms: "not" ("no family nearby, not washing"), a subject, or a
 * verb in the third person or a modal.
 */
export const NEW_ASSERTION_STARTS: readonly string[] = [
  "not",
  "she",
  "he",
  "they",
  "pt",
  "patient",
  "lives",
  "walks",
  "mobilises",
  "mobilizes",
  "uses",
  "needs",
  "requires",
  "has",
  "is",
  "was",
  "remains",
  "reports",
  "struggles",
  "manages",
  "finds",
  "feels",
  "gets",
  "goes",
  "wants",
  "enjoys",
  "attends",
  "can",
  "cannot",
  "cant",
  "unable",
  "currently",
  "also",
  "able",
  "would",
  "will",
  "keen",
];

/**
 * A normal finding after its verb, which would otherwise end the segment ("has" and "is" are terminations): "his
 * walking has been steady", "balance is fine", "transfers remain independent".
 */
const STATED_NORMAL: readonly string[] = ["has been", "have been", "is", "are", "was", "remains", "remain", "seems", "looks"].flatMap(
  (verb) =>
    ["steady", "fine", "good", "ok", "okay", "stable", "normal", "unchanged", "independent", "alright", "great", "excellent", "unaffected", "no problem", "not a problem", "not an issue"].map(
      (normal) => `${verb} ${normal}`,
    ),
);

export const ASSERTION_TRIGGERS: readonly AssertionTrigger[] = [
  {
    role: "PRE_NEGATION",
    phrases: [
      "no",
      "denies",
      "deny",
      "denying",
      "neither",
      "negative for",
      "free of",
      "free from",
      "absence of",
      "not in",
      "not experiencing",
      "not reporting",
      "not complaining of",
      "does not have",
      "doesn't have",
      "do not have",
      "don't have",
      "did not have",
      "never had",
      "not fallen",
      "hasn't fallen",
      // Not needing help is independence: "doesn't need help with washing".
      "does not need",
      "doesn't need",
      "do not need",
      "don't need",
      "no need for",
      "does not require",
      "doesn't require",
      "does not use",
      "doesn't use",
      // "Not using a stick" (a walking aid the person does without).
      "not using",
      "isn't using",
      // A need given up is a gain: "no longer needs help with dressing" ("no longer able" is a loss).
      "no longer needs",
      "no longer requires",
      "no longer uses",
      // Equipment the person has is in place, not needed: "already has a perching stool".
      "already has",
      "already have",
      "managing well with",
      "manages well with",
      // A treatment the person declines is no need: "I'm not looking for an exercise programme".
      "not looking for",
      "not asking for",
      // A treatment the person does not want is no need: "not interested in exercise", "doesn't want to do exercises".
      "not interested in",
      "does not want",
      "doesn't want",
      "do not want",
      "don't want",
      // Ward shorthand: "no c/o pain" (c/o alone affirms and would end the negation).
      "no c/o",
      "nil c/o",
      // A fitness statement (a fit note, occupational health): "fit for modified duties" is work already fitted to
      // the person, "fit for discharge" a ward's; "not fit for work" is a need (affirmation).
      "fit for",
    ],
  },
  {
    // Everything denied, then listed: "fine with everything else, school and dressing and all that".
    role: "EVERYTHING_DENIED",
    phrases: [
      // "Otherwise meeting milestones - pincer grip, feeding, babbling".
      "meeting milestones",
      "meeting all milestones",
      "milestones met",
      "fine with everything",
      "manages everything",
      "managing everything",
      "does everything",
      "doing everything",
      "do everything",
      "can still do everything",
      "can do everything",
    ],
  },
  {
    role: "POST_NEGATION",
    phrases: [
      "free",
      "absent",
      "normal",
      "normally",
      "unremarkable",
      "intact",
      "within normal limits",
      "within functional limits",
      "WNL",
      "NAD",
      "WFL",
      "full",
      "fully",
      "good",
      "steady",
      "unaffected",
      "unimpaired",
      "not affected",
      "not impaired",
      "preserved",
      "independent",
      "independently",
      // Able to get about, as a clinician writes it: "he's mobile", "mobile indoors with her stick", "mobile with a
      // frame (baseline)". Less of it is pt.mobility ("less mobile", "poorly mobile"); "=": "mobility" is a topic.
      "=mobile",
      // Shorthand: "washing + dressing indep", "Indep mobility".
      "indep",
      // Ward shorthand: "ADLs ind", "Mob'ing ind on ward", "Washing/dressing ind at sink".
      "ind",
      // A task done by the person alone: "washing and dressing himself" ("can't dress herself" is affirmed).
      "himself",
      "herself",
      "themselves",
      "myself",
      // "Walking the ward on his own", "showering on her own" ("can't bath on her own" is affirmed).
      "on own",
      "=self caring",
      // No change from how the person usually is: "gait unchanged", "mobility at baseline".
      "unchanged",
      "usual",
      "stable",
      "safe",
      "safely",
      "fine",
      "ok",
      "okay",
      "with ease",
      "not a problem",
      "not an issue",
      "not the issue",
      "not the problem",
      "isn't the issue",
      "isn't the problem",
      "is not the problem",
      "not a concern",
      "not limited",
      "unaided",
      // Oxford scale: full power; a pain score of nothing.
      "5/5",
      "0/10",
      // Still doing a task is doing it: "still doing her own shopping". "Still" ends a negation's reach (ConText
      // TERMINATE), so a normal finding after it is read with it: "dressing and cooking I still manage".
      "still doing",
      "still does",
      "still manage",
      "still cope",
      "still independent",
      // Exact forms: "can only manage a strip wash" is a limit. Tasks done: "copes with personal care",
      // "completes own self-care".
      "=manages",
      "=managing",
      "=copes",
      "=coping",
      "=completes",
      // Equipment or arrangements in place: "grab rails fitted last year", "the house is all sorted".
      "=fitted",
      "=installed",
      "=sorted",
      "in place",
      "already in place",
      "well",
      "controlled",
      "well controlled",
      "well managed",
      // "Strength and chair skills are excellent", "feeding is age-appropriate".
      "excellent",
      "age appropriate",
      "normal for age",
      // Examination and lay words for a finding that needs nothing: "ROM satisfactory", "transfers adequate",
      // "the knee is not troublesome", "able to manage the stairs".
      "satisfactory",
      "adequate",
      "not troublesome",
      "not bothersome",
      "doesn't bother",
      "does not bother",
      "able to manage",
      "can manage",
      // A whole finding normal in one word or two, often after a colon: "Mobility: all fine", "walks unrestricted".
      "unrestricted",
      ...STATED_NORMAL,
      // Lay words for fine: "walks alright with his stick", "legs strong", "cognitively sharp", "switched on".
      "alright",
      "all right",
      "not too bad",
      "not bad",
      "not so bad",
      "=strong",
      "=sharp",
      "switched on",
      "=fit",
      "fit as fiddle",
      // Goals reached: "mobility goals all met" (GOAL alone would affirm).
      "goals met",
      "goal met",
      "goals all met",
      "goals achieved",
      "goals reached",
      "as well as he does",
      "as well as she does",
      "as well as others",
      "as well as anyone",
      "nothing hurts",
      "does all own",
      "doing all own",
      "do all own",
      "as well as other children",
      // An arrangement that works: "his care package meets his needs", "happy with it".
      "meets needs",
      "meets all needs",
      "happy with it",
      "happy with that",
      // Doing a task oneself: "does his own personal care", "doing her own shopping" ("own" is read after these).
      "does own",
      "doing own",
      "do own",
      "did own",
    ],
  },
  {
    // A normal finding over a whole list before it, commas and all: "Fine motor, feeding, play all age appropriate".
    role: "ALL_NORMAL",
    phrases: [
      "all age appropriate",
      "all normal",
      "all fine",
      "all good",
      "all ok",
      "all intact",
      "all WNL",
      "all indep",
      "all independent",
      "all unremarkable",
      "all managed",
      "all of it",
    ],
  },
  {
    // "w/o": without. A double negative after an affirmation: "unable to walk far without pain".
    role: "WITHOUT",
    phrases: ["without", "w/o"],
  },
  {
    role: "EITHER_NEGATION",
    phrases: [
      "nil",
      "none",
      // "denies" (a stem of its own: "deni") reads forward only.
      "=denied",
      // "Independent with washing, dressing" reads forward; "mobile independently with no aids" back.
      "independent with",
      "independent in",
      "independent for",
      "independently with",
      "indep with",
      "indep w",
      "indep in",
      "indep for",
      "ind with",
      "ind w",
      "ind in",
      "ind for",
      // "Stairs not required" (a bungalow); "has not needed any time off work". Exact: "she did not need" (or
      // "didn't need") is no denial of what came before it.
      "=not required",
      "=not needed",
      "without aid",
      "without help",
      "without assistance",
      "no problem",
      "no issue",
      "no concern",
      // "An old knee injury gives him no trouble".
      "no trouble",
      "no bother",
      "without bother",
      "without problem",
      "without difficulty",
      "without issue",
      "without trouble",
      "without concern",
      "with no problem",
      "with no difficulty",
      // Not applicable: "Stairs: N/A (bungalow)".
      "n/a",
      // Denials written as a finding's summary: "Mobility: no deficits", "stairs no difficulties", "walking: nothing
      // of note", "no problems reported with walking" ("difficulty", "limited" and "help" alone affirm).
      "no difficulty",
      "no deficit",
      "no impairment",
      "no limitation",
      "no restriction",
      "without restriction",
      "without limitation",
      "without prompting",
      "without supervision",
      "no abnormality",
      "no abnormality detected",
      "nil of note",
      "nothing of note",
      "nothing to report",
      "nothing abnormal",
      "no worries",
      "no probs",
      "no aid",
      "no aids required",
      "no help needed",
      "no help required",
      "no assistance needed",
      "no assistance required",
      "no problems reported",
      "no difficulties reported",
      "no concerns reported",
      "no issues reported",
      "nothing to change",
      "no change there",
      "no current needs",
      "no current concerns",
      "no new concerns",
      "no needs identified",
      // Content with an arrangement: "happy with how we help with washing".
      "happy with",
      "no changes there",
      "nothing needed",
      "no change needed",
      "no change required",
      "no changes needed",
      "no changes required",
      "no input needed",
      "no input required",
    ],
  },
  {
    // A worry a visit or test did not bear out (ConText "has been ruled out", BACKWARD): back over its clause.
    role: "REFUTED",
    phrases: [
      "not borne out",
      "not born out",
      "not substantiated",
      "unfounded",
      "=ruled out",
      "not confirmed",
      "not the case",
      "found to be nothing",
      "turned out to be nothing",
      "came to nothing",
      "nothing found",
    ],
  },
  {
    role: "PSEUDO",
    phrases: [
      "not only",
      "not just",
      "no increase",
      "no improvement",
      "no change",
      "no better",
      "no relief",
      "no reduction",
      "no progress",
      "full assistance",
      "full assist",
      "full help",
      "full hoist",
      "as well",
      // A comparison with the usual state is a change: "worse than usual", "reduced from baseline".
      "than usual",
      "than baseline",
      "from baseline",
      "below baseline",
      // Worry about coping says nothing is managed: "worried about managing at home".
      "about managing",
      "about coping",
      "return to normal",
      "returning to normal",
      // How long the present problem has lasted, not a past one: "6-week hx of knee pain", "3/12 history of".
      "day hx",
      "week hx",
      "wk hx",
      "month hx",
      "year hx",
      "day history",
      "week history",
      "month history",
      "year history",
      "7 hx",
      "52 hx",
      "12 hx",
      // An indirect question is a request, not a condition: "asking if there are exercises for his balance".
      // Content with, not over: "a wheelchair she has settled with". Saying it plainly: "I want to be clear that".
      "settled with",
      "to be clear",
      // A purpose, not a normal finding: "aids for managing meds", "strategies for coping with fatigue".
      "for managing",
      "for coping",
      "with managing",
      // A relative clause names who has what, it does not end the statement: "his mum, who has Parkinson's".
      // The helper, not the one with the condition: "needs her husband's help getting out of bed".
      "someone s help",
      "someone s support",
      "someone s assistance",
      "someone s care",
      "who has",
      "who had",
      "who is",
      "which has",
      "asking if",
      "asked if",
      "asks if",
      "wondering if",
      "wonders if",
      "know if",
    ],
  },
  {
    role: "TERMINATION",
    phrases: [
      "but",
      "however",
      "although",
      "though",
      "except",
      "yet",
      "whereas",
      "still",
      "apart from",
      "other than",
      "aside from",
      "reports",
      "presents",
      "has",
      "now",
      "since",
      "because",
      "due to",
      "secondary to",
    ],
  },
  {
    role: "AFFIRMATION",
    phrases: [
      // A normal finding denied is a need: "not cooking for herself", "not walking independently".
      "not",
      // A loss or a lack is a need, whatever follows: "no longer able to dress without help".
      "no longer",
      "not independent",
      // "Can no longer use the bus": a loss, not "no longer uses" (a need given up).
      "can no longer",
      "could no longer",
      "not fully independent",
      "not safe",
      "not steady",
      "not managing",
      "not coping",
      "not fit for",
      "unfit for",
      // A task to be learned or improved is a need: "wants to learn to cook", "to improve her balance".
      "learn to",
      "learning to",
      "=improve",
      // "Isn't managing to get washed" is "not managing".
      "isn't managing",
      "isn't coping",
      "unable",
      "cannot",
      "can't",
      "not able",
      "could not",
      "couldn't",
      "difficulty",
      "difficult",
      "hard to",
      // "Daily activities are hard": said of a task, a difficulty.
      "=hard",
      "trouble",
      "problem with",
      "help",
      "only",
      "supervision",
      "prompting",
      "assistance",
      "assist",
      "dependent",
      "reliant",
      // "Too breathless to wash himself", "too painful to walk": the task cannot be done.
      "too",
      // A function qualified as impaired is a problem the note affirms: "reduced mobility", "walking impaired",
      // "gait slow", "mobility worse since admission".
      "reduced",
      "decreased",
      "impaired",
      "poor",
      "slow",
      "unsafe",
      "worse",
      "worsening",
      "deteriorating",
      "deteriorated",
      "declining",
      // A problem said to affect something: "memory problems are affecting his schoolwork".
      "affecting",
      "affects",
      "impacting",
      "impacts",
      "interfering with",
      "getting in way of",
      // Not there yet is a need: "can't yet manage a strip wash", "not yet walking" ("yet" alone ends a clause's
      // negation; "not yet assessed" is unknown).
      "not yet",
      // A need stated as what would help: "would benefit from grab rails".
      "benefit from",
      "would benefit",
      // Not knowing how is an inability, not an uncertainty: "don't know how to organise laundry".
      "don't know how",
      "do not know how",
      "doesn't know how",
      "does not know how",
      // Never done is a need: "has never budgeted, shopped or cooked independently" ("never had" denies).
      "never",
      // Worse than before: "his walking has declined" ("declined a home visit" is a refusal, not read).
      "has declined",
      "have declined",
      "had declined",
      // Fear of an activity is a problem with it: "frightened to walk outside on her own".
      "frightened to",
      "scared to",
      "afraid to",
      "nervous to",
      "anxious about",
      "frightened of",
      "scared of",
      "afraid of",
      "fear of",
      "fully dependent",
      "totally dependent",
      "completely dependent",
      "fully reliant",
      "hard now",
      "difficult now",
      "harder now",
      "frightened",
      "afraid",
    ],
  },
  {
    role: "AFFIRMING_TERMINATION",
    phrases: ["c/o", "complains", "struggles", "struggling", "needs", "requires", "limited"],
  },
  {
    role: "OTHERS_DENIED",
    phrases: [
      "no other problems",
      "no other issues",
      "no other concerns",
      "no other difficulties",
      "nil else",
      "otherwise well",
      "otherwise fit and well",
      "otherwise healthy",
      "otherwise independent",
    ],
  },
  {
    role: "HYPOTHETICAL",
    phrases: [
      "if",
      "in case",
      "unless",
      "as needed",
      "should it",
      "should there",
      "should she",
      "should he",
      "should they",
      "may need",
      "might need",
      "may require",
      "in future",
      "in the future",
      "query",
      // A diagnosis to exclude: "r/o fracture", "to rule out DVT".
      "rule out",
      "r/o",
      // Feared or possible, not present (ConText POSSIBLE_EXISTENCE): "worried she might fall", "could fall one day",
      // "at risk of pressure sores", "to prevent falls".
      "might",
      "one day",
      // Possible, one or the other: "unclear whether it is memory or mobility".
      "whether",
      // Not to be done now: "not for mobs today per medical team".
      "not for",
      "at risk",
      "risk of",
      "prevent",
      "prevention",
      "preventing",
      "worried that",
      "afraid that",
      "scared that",
      "frightened that",
      "fear that",
      "fears that",
    ],
  },
  {
    // Not examined is not a finding: "unable to assess mobility today", "Function: not documented".
    role: "UNKNOWN",
    phrases: [
      // A template field left open, or a ward's "not yet" of process (ruleset 2026-12-07.1): "Pain: not asked",
      // "Mobility: ?" (read as "unknown", text.ts), "not yet mobilised", "reason not disclosed".
      "unknown",
      "not asked",
      "not tested",
      "not checked",
      "not disclosed",
      "declined to answer",
      "refused to answer",
      "would not answer",
      "declining all assessments",
      "declined assessment",
      "declined examination",
      "declined exam",
      "refused assessment",
      "did not see",
      "didn't see",
      "not yet mobilised",
      "=not mobilised",
      "=not mobilized",
      "not yet sat out",
      "not sat out",
      "not yet stood",
      "not yet out of bed",
      "unable to assess",
      "not assessed",
      "not yet assessed",
      "not documented",
      "nothing documented",
      "not recorded",
      "not known",
      "not stated",
      "not seen",
      "not yet seen",
      "haven't seen",
      "hasn't seen",
      "have not seen",
      "has not seen",
      "not observed",
    ],
  },
  {
    // Another person's condition (ConText's FAMILY and EXPERIENCER categories; medspaCy's context_rules.json lists
    // the relatives): "cares for his mum, who has Parkinson's", "her husband has dementia", "FHx of MS". A relative
    // after his, her, their or the patient's reads as SOMEONE (text.ts), so "my husband has MS", where the writer's
    // husband is the patient, stays his. It reaches to the clause's end, or to a new subject after a comma.
    role: "SOMEONE_ELSE",
    phrases: [
      "someone has",
      "someone had",
      "someone with",
      "someone who",
      "someone who has",
      "someone who had",
      "someone who is",
      "someone diagnosed",
      "someone suffers",
      "someone s",
      // The patient cares for a relative ("cares for his mum"; "daughter looks after her" is the patient cared for).
      "cares for someone",
      "caring for someone",
      "carer for someone",
      "looks after someone",
      "looking after someone",
      "main carer for someone",
      "family history",
      "fhx",
      "fh of",
    ],
  },
  {
    // The referrer says what is needed is not known: the seed's "assess what type of therapy would be best". It
    // asserts nothing about the findings; the decision reads how often a note says it (engine.ts).
    role: "UNCERTAIN",
    phrases: [
      "not sure",
      "not certain",
      "unsure",
      "unclear",
      "not clear",
      "uncertain",
      "don't know",
      "do not know",
      "don't really know",
      "clear picture",
      "what support",
      "pending",
      "awaiting",
      "await",
      "when medically stable",
      "once medically stable",
      "when stable",
      "once cleared",
      "to be decided",
      "to decide",
      "wouldn't expand",
      "would not expand",
      "wouldn't say",
      "would not say",
      "won't say",
      "declined to say",
      "didn't want to say",
      "would not elaborate",
      "go into it",
      "talk about it",
      "won't engage",
      "wouldn't engage",
      "who should we talk to",
      "do not really know",
      "not really sure",
      "dont know",
      "no idea",
      "can't tell",
      "cannot tell",
      "hard to say",
      "difficult to say",
      "whoever",
      "right person",
      "which therapy",
      "what would help",
      "what help",
      "where to start",
      "work out what",
      "work out whether",
      "establish what",
      "find out what",
      "vague",
      "non specific",
      "nonspecific",
      "conflicting",
      "contradictory",
      "can't reconcile",
      "didn't say",
      "did not say",
      "couldn't say",
      "could not say",
      "couldn't identify",
      "could not identify",
      "not specified",
      "didn't specify",
      "did not specify",
      "without specifying",
      "no details",
      "no detail",
      "no further details",
      "no further information",
      "no information",
      "no info",
      "little information",
      "nothing specific",
      "not explored",
      "to be determined",
      "some kind of therapy",
      "some sort of therapy",
      "some kind of help",
      "some sort of help",
      "something else",
      "or something",
      "not herself",
      "not himself",
      "not right",
      "isn't right",
      "not quite right",
      "not been right",
      "needs unclear",
      "no specific",
    ],
  },
  {
    // A lack: a task not had is a need, a problem not had is denied ("hasn't had a hot meal in a week" against
    // "has not had any falls"). Forward to the clause's end.
    role: "LACK",
    phrases: ["has not had", "hasn't had", "have not had", "haven't had", "not had"],
  },
  {
    // A task given up is lost: "has stopped cooking", "gave up her allotment" (a need); after a finding, over: "the
    // falls have stopped".
    role: "LOSS",
    phrases: ["stopped", "has stopped", "have stopped", "given up", "gave up", "giving up", "give up", "had to give up"],
  },
  {
    role: "WISH",
    phrases: ["wants to", "want to", "would like to", "hoping to", "hopes to", "keen to"],
  },
  {
    role: "HABITUAL",
    phrases: ["every day", "each day", "every morning", "every evening", "every week", "each week", "most days", "daily", "twice a day", "twice daily"],
  },
  {
    // "Goal: indep feeding", "Goals: back to walking the dog", "aim is to dress independently".
    role: "GOAL",
    phrases: ["goal", "goals", "aim", "aims"],
  },
  {
    role: "BASELINE",
    phrases: [
      "baseline",
      "at baseline",
      "as baseline",
      "same as before",
      "same as ever",
      "as before",
      "pre-existing",
      "always needed",
      "has always needed",
      "always had",
      "hasn't changed",
      "has not changed",
      "not changed",
    ],
  },
  {
    // At the usual level again: "walking is back to normal", "back to baseline mobility with one stick".
    role: "BACK_TO_USUAL",
    phrases: ["back to normal", "back to baseline"],
  },
  {
    role: "RESOLUTION",
    phrases: [
      "resolved",
      "resolving",
      // Exact: "a healing fracture" is not over.
      "=healed",
      // Exact: "recovering from an illness" is not over.
      "=recovered",
      "full recovery",
      "=fully recovered",
      // A recovery made is over ("physically he's made a great recovery"); "expected to make a good recovery" is not.
      "made good recovery",
      "made great recovery",
      "made excellent recovery",
      "made full recovery",
      "full return",
      // Exact: "settling" (a baby settling, "settling in") is not over.
      "=settled",
      // "A bad back years ago, but it's completely gone now."
      "completely gone",
      "gone now",
    ],
  },
  {
    role: "HISTORICAL",
    phrases: [
      "hx",
      "h/o",
      "pmh",
      "pmhx",
      "history of",
      "past medical history",
      "previous",
      "previously",
      "prior",
      "premorbidly",
      "premorbid",
      // "On a background of COPD"; PSH, past surgical history.
      "background of",
      "psh",
      // A treatment tried before: "I've tried graded exercise and it knocked me back".
      "have tried",
      "has tried",
      "had tried",
      "i tried",
      "already tried",
      "=tried",
      // Before the event that brought the referral: "before her hospital stay she walked with her frame".
      "before hospital",
      "before admission",
      "before stroke",
      "before fall",
      "before illness",
      "before operation",
      "before surgery",
      // Past, not now (ruleset 2026-12-07.1): "fell last year", "a bout of depression".
      "years ago",
      "in the past",
      "as a child",
      "bout of",
      "used to",
    ],
  },
];

/**
 * A discipline the referrer says has finished, has cleared the person or is
 * already involved ("no further PT input", "physio happy", "my physio course
 * has finished", "completed a stair assessment with physio", "rails that the
 * OT sorted", "the physio discharged me", "known to OT"): the referral is for what is left, so that side has no need of
 * its own (see policy.ts). Read by text.ts within one clause that names one
 * discipline only ("Dear Physio/OT team" names both and says nothing). Words
 * are lower-case keys, except the shorthand, matched in the case written
 * ("Pt" is the patient).
 */
export const THERAPY_NAMES: Readonly<Record<"OT" | "PT", { readonly words: readonly string[]; readonly shorthand: readonly string[]; readonly pairs: readonly (readonly [string, string])[] }>> = {
  PT: {
    words: ["physio", "physios", "physiotherapy", "physiotherapist", "physiotherapists"],
    shorthand: ["PT", "PTs"],
    // First word, then the start of the second: "pulmonary rehabilitation", "cardiac rehab".
    pairs: [
      ["pulmonary", "rehab"],
      ["cardiac", "rehab"],
    ],
  },
  OT: {
    words: [],
    shorthand: ["OT", "OTs"],
    pairs: [["occupational", "therap"]],
  },
};

/** Anywhere in the clause: "physio course has finished", "completed two years of physiotherapy". */
export const THERAPY_FINISHED_ANYWHERE: readonly string[] = ["finished", "completed"];
/** Straight after the name: "physio happy", "the OT sorted". */
export const THERAPY_FINISHED_AFTER: readonly string[] = ["happy", "satisfied", "sorted", "finished", "completed"];
/** Straight before the name, with "by" or "from" between: "cleared by physio", "discharged from PT". */
export const THERAPY_FINISHED_BY: readonly string[] = ["cleared", "discharged", "off"];
/**
 * A few words after the name, with no comma between, the discipline as the subject: "the physio discharged me",
 * "ward physiotherapy has signed her off", "her physio programme is in place". Lower-case keys in the order
 * written; "her" is skipped like every possessive, "him", "me" and "them" are not.
 */
export const THERAPY_FINISHED_LATER: readonly (readonly string[])[] = [
  ["discharged"],
  ["signed", "off"],
  ["signed", "him", "off"],
  ["signed", "me", "off"],
  ["signed", "them", "off"],
  ["is", "in", "place"],
  ["are", "in", "place"],
];
/** How far after the name a THERAPY_FINISHED_LATER sequence may start, in words. */
export const THERAPY_LATER_REACH = 3;
/** Straight before the name: already on its caseload ("known to OT", "under the physios", "attending cardiac rehab"). */
export const THERAPY_INVOLVED_BEFORE: readonly (readonly string[])[] = [["known", "to"], ["under"], ["attending"], ["attends"]];
/** "no further PT input", "no further physio". */
export const THERAPY_NO_FURTHER: readonly [string, string] = ["no", "further"];
/** A few words before the name: "already given by the fracture clinic physio", "commode already from OT". */
export const THERAPY_ALREADY = "already";
/** How far before the name "already" reaches, in words. */
export const THERAPY_ALREADY_REACH = 6;

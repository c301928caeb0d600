import { stemmer } from "stemmer";
import {
  ASSERTION_TRIGGERS,
  NEW_ASSERTION_STARTS,
  THERAPY_ALREADY,
  THERAPY_ALREADY_REACH,
  THERAPY_FINISHED_AFTER,
  THERAPY_FINISHED_ANYWHERE,
  THERAPY_FINISHED_BY,
  THERAPY_FINISHED_LATER,
  THERAPY_INVOLVED_BEFORE,
  THERAPY_LATER_REACH,
  THERAPY_NAMES,
  THERAPY_NO_FURTHER,
  type AssertionRole,
} from "./assertion";

/**
 * Reading clinicians' free-text notes: words, word stems, shorthand, spelling
 * variants and assertion, in one linear pass over the characters (no
 * backtracking).
 *
 * Notes are split into word tokens, each with its Porter stem (so "dress",
 * "dressed" and "dressing" match one phrase); articles and possessives are
 * skipped. Punctuation either leaves words adjacent (spaces, hyphens,
 * slashes: "pain-free" reads as "pain free"), separates them (commas,
 * brackets, quotes: a phrase never spans them), labels what follows (a colon)
 * or ends a clause (. ; ! ? and line breaks). Phrases are looked up in a word
 * trie built once at module load, longest phrase first.
 *
 * Whether a phrase is asserted follows the trigger table in assertion.ts
 * (NegEx / ConText): pre-negations reach forward to the end of the clause,
 * post-negations back over their segment ("gait unremarkable"), termination
 * words end a negation's reach, hypothetical findings count for nothing and
 * historical ones are marked. Affirmed phrases of a clause are held until the
 * clause ends, since a later word may negate them. Unknown words, in any
 * language, match nothing.
 */

/** What a word sequence means to the reader, besides evidence for a target (targets are 0 and up). */
const NO_ROLE = -1;
const CONTEXT = -2;
const ROLE_CODES: Readonly<Record<AssertionRole, number>> = {
  PSEUDO: CONTEXT,
  PRE_NEGATION: -3,
  POST_NEGATION: -4,
  EITHER_NEGATION: -5,
  TERMINATION: -6,
  AFFIRMATION: -7,
  AFFIRMING_TERMINATION: -8,
  HYPOTHETICAL: -9,
  HISTORICAL: -10,
  OTHERS_DENIED: -11,
  RESOLUTION: -12,
  BASELINE: -13,
  BACK_TO_USUAL: -20,
  WITHOUT: -14,
  EVERYTHING_DENIED: -15,
  UNKNOWN: -16,
  GOAL: -17,
  HABITUAL: -18,
  WISH: -19,
  SOMEONE_ELSE: -21,
  LOSS: -22,
  REFUTED: -23,
  ALL_NORMAL: -24,
  UNCERTAIN: -25,
  LACK: -26,
};
const PRE_NEGATION = ROLE_CODES.PRE_NEGATION;
const POST_NEGATION = ROLE_CODES.POST_NEGATION;
const EITHER_NEGATION = ROLE_CODES.EITHER_NEGATION;
const TERMINATION = ROLE_CODES.TERMINATION;
const AFFIRMATION = ROLE_CODES.AFFIRMATION;
const AFFIRMING_TERMINATION = ROLE_CODES.AFFIRMING_TERMINATION;
const HYPOTHETICAL = ROLE_CODES.HYPOTHETICAL;
const HISTORICAL = ROLE_CODES.HISTORICAL;
const OTHERS_DENIED = ROLE_CODES.OTHERS_DENIED;
const RESOLUTION = ROLE_CODES.RESOLUTION;
const BASELINE = ROLE_CODES.BASELINE;
const BACK_TO_USUAL = ROLE_CODES.BACK_TO_USUAL;
const WITHOUT = ROLE_CODES.WITHOUT;
const EVERYTHING_DENIED = ROLE_CODES.EVERYTHING_DENIED;
const UNKNOWN = ROLE_CODES.UNKNOWN;
const GOAL = ROLE_CODES.GOAL;
const HABITUAL = ROLE_CODES.HABITUAL;
const WISH = ROLE_CODES.WISH;
const SOMEONE_ELSE = ROLE_CODES.SOMEONE_ELSE;
const LOSS = ROLE_CODES.LOSS;
const REFUTED = ROLE_CODES.REFUTED;
const ALL_NORMAL = ROLE_CODES.ALL_NORMAL;
const UNCERTAIN = ROLE_CODES.UNCERTAIN;
const LACK = ROLE_CODES.LACK;

/** The target onNegated receives when a note denies every problem it does not name ("no other problems"). */
export const OTHER_PROBLEMS = -1;
/** The targets onNegated receives when a note says a discipline has finished ("no further PT input"). */
export const PHYSIOTHERAPY_FINISHED = -2;
export const OCCUPATIONAL_THERAPY_FINISHED = -3;
/** The target onNegated receives, with the phrase's span, when the note says what is needed is unclear ("not sure"). */
export const UNCERTAIN_NEED = -4;

/**
 * Words that carry no evidence and assert nothing but must be read as a unit:
 * phrases whose words mean something else alone ("wound dressing").
 * Assertion triggers (negation, history, ...) live in assertion.ts.
 */
const CONTEXT_PHRASES = [
  "s/p",
  "wound dressing",
  "dressing change",
  "=dressings",
  "ultrasound scan",
  "discharge planning",
  "care planning",
  "medical attention",
  "medically unstable",
  // A phone, not mobility: "can't work out how to use his mobile phone".
  "mobile phone",
  // A tight chest is a medical symptom, not a tight joint.
  "chest tightness",
  "tight chest",
  // Continent of urine and faeces is a normal finding, not continence care: "continent, self-caring".
  "=continent",
  "fell asleep",
  // Behind with work, not a fall: "falling behind in written work".
  "falling behind",
  "fall behind",
  // Deceived, not a fall: "fell for a scam" ("fell for no reason" is a fall).
  "fell for scam",
  "fell for phone scam",
  "fallen for scam",
  "fall for scam",
  "power of attorney",
  // Places, services and the letter itself, not the person's problems (ruleset 2026-12-07.1): "Sports med triage",
  // "walk-in centre", "I'm writing about my nan", "slipped on ice", "as bright as a button", "a practice run".
  "sports clinic",
  "sports med",
  "sports medicine",
  "sports and exercise",
  "sports injury clinic",
  "walk in",
  "walk in centre",
  "=ambulance",
  "charity shop",
  "slipped on ice",
  "on ice",
  "bright as button",
  "practice run",
  "fallen apart",
  "falling apart",
  "fell apart",
  "writing about",
  "writing to",
  "writing regarding",
  "writing on behalf",
  "am writing",
  "writing because",
  "what to write",
  "sore throat",
  "blood pressure",
  "BP check",
  // Medical presentations, not pain a therapist treats.
  "chest pain",
  "abdominal pain",
  // A fall named as the event a problem followed is not itself a need: what followed decides.
  "after fall",
  "since fall",
  "following fall",
];

const NEW_ASSERTION_KEYS: ReadonlySet<string> = new Set(NEW_ASSERTION_STARTS);
/** Single words that affirm a difficulty ("not", "unable", "poor", "reduced"...), from the AFFIRMATION triggers. */
const AFFIRMING_KEYS: ReadonlySet<string> = new Set(
  ASSERTION_TRIGGERS.filter((trigger) => trigger.role === "AFFIRMATION" || trigger.role === "AFFIRMING_TERMINATION")
    .flatMap((trigger) => trigger.phrases)
    .filter((phrase) => !phrase.includes(" ") && !phrase.startsWith("=") && !phrase.includes("'"))
    .concat(["not", "cannot"]),
);

/**
 * Articles and possessives, skipped in notes and phrases alike: "get out of the bath" is "get out of her bath".
 * "Own" is read after "on" ("walking on his own"); tokenize() keeps it there.
 */
const FILLER_WORDS = new Set(["a", "an", "the", "her", "his", "their", "my", "your", "any", "own"]);
const POSSESSIVES: ReadonlySet<string> = new Set(["her", "his", "their", "my", "your"]);
/** "Own" is read after these: "on his own" (unaided), "does her own shopping" (done by the person). */
const OWN_READ_AFTER: ReadonlySet<string> = new Set(["on", "does", "doing", "do", "did", "all"]);
/** Another person's: "his wife", "her son" ("my wife", in a relative's letter, may be the patient). */
const THIRD_PERSON_POSSESSIVES: ReadonlySet<string> = new Set(["her", "his", "their", "patient's", "patients", "pts", "pt's"]);
/** Relatives and the people a patient cares for (medspaCy's FAMILY list, and British usage), as Porter stems. */
const RELATIVE_STEMS: ReadonlySet<string> = new Set(
  [
    "mum", "mom", "mother", "dad", "father", "parent", "wife", "husband", "partner", "son", "daughter", "child",
    "children", "brother", "sister", "sibling", "grandmother", "grandfather", "gran", "nan", "grandad", "grandpa",
    "grandma", "grandchild", "grandson", "granddaughter", "aunt", "uncle", "cousin", "niece", "nephew", "friend",
    "neighbour", "neighbor", "twin", "stepfather", "stepmother", "mil", "fil", "mother-in-law", "father-in-law",
  ].map((word) => stemmer(word)),
);
const SOMEONE_STEM = stemmer("someone");

/** British and American spellings that no suffix rule derives. */
const SPELLING_PAIRS: readonly (readonly [string, string])[] = [
  ["programme", "program"],
  ["programmes", "programs"],
  ["oedema", "edema"],
  ["dyspnoea", "dyspnea"],
  ["lymphoedema", "lymphedema"],
  ["paraesthesia", "paresthesia"],
  ["paraesthesiae", "paresthesiae"],
  ["paediatric", "pediatric"],
  ["orthopaedic", "orthopedic"],
  ["counselling", "counseling"],
  ["travelling", "traveling"],
  ["ageing", "aging"],
  ["centre", "center"],
];

const WORD = 1;
const SPACE = 2;
const SEPARATOR = 3;
const BREAK = 4;
const APOSTROPHE = 5;
const SLASH = 6;
const HASH = 7;
const LABEL = 8;

const ASCII_CLASS = new Uint8Array(128).fill(SEPARATOR);
for (let c = 48; c <= 57; c++) ASCII_CLASS[c] = WORD;
for (let c = 65; c <= 90; c++) ASCII_CLASS[c] = WORD;
for (let c = 97; c <= 122; c++) ASCII_CLASS[c] = WORD;
// "+" and "&" join like "and": "washing + dressing indep" is one list.
for (const ch of " \t\f\v-+&") ASCII_CLASS[ch.charCodeAt(0)] = SPACE;
for (const ch of ".;!?\n\r") ASCII_CLASS[ch.charCodeAt(0)] = BREAK;
ASCII_CLASS[":".charCodeAt(0)] = LABEL;
ASCII_CLASS["'".charCodeAt(0)] = APOSTROPHE;
ASCII_CLASS["/".charCodeAt(0)] = SLASH;
ASCII_CLASS["#".charCodeAt(0)] = HASH;

function charClass(c: number): number {
  if (c < 128) return ASCII_CLASS[c] ?? SEPARATOR;
  if (c === 0x2019 || c === 0x2018 || c === 0x02bc) return APOSTROPHE;
  if (c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x2013 || c === 0x202f || c === 0x3000) {
    return SPACE;
  }
  if (c === 0x2026 || c === 0x2028 || c === 0x2029 || c === 0x85 || c === 0x3002 || c === 0xff0e) {
    return BREAK;
  }
  if (
    c < 0xc0 ||
    c === 0xd7 ||
    c === 0xf7 ||
    (c >= 0x2000 && c <= 0x2bff) ||
    (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0xfe10 && c <= 0xfe6f) ||
    (c >= 0xff00 && c <= 0xff20) ||
    (c >= 0xff3b && c <= 0xff40) ||
    (c >= 0xff5b && c <= 0xff65)
  ) {
    return SEPARATOR;
  }
  // Letters of every other script, and emoji, are words the trie does not know.
  return WORD;
}

const ASSIST_STEM = stemmer("assist");

/** "A+1" or "A+2" at i, not inside a word. */
function isAssistCount(notes: string, i: number): boolean {
  if (notes.charCodeAt(i + 1) !== 43) return false;
  const digit = notes.charCodeAt(i + 2);
  if (digit !== 49 && digit !== 50) return false;
  const before = i > 0 ? charClass(notes.charCodeAt(i - 1)) : SPACE;
  const after = i + 3 < notes.length ? charClass(notes.charCodeAt(i + 3)) : SPACE;
  return before !== WORD && after !== WORD;
}

const UNKNOWN_STEM = stemmer("unknown");

/** Whether the value after a colon at i is empty: a line break or the end, "?", or a dash standing alone. */
function openValue(notes: string, i: number): boolean {
  let j = i;
  while (j < notes.length && (notes.charCodeAt(j) === 32 || notes.charCodeAt(j) === 9)) j++;
  if (j >= notes.length) return true;
  const c = notes.charCodeAt(j);
  if (c === 10 || c === 13) return true;
  if (c === 63 || c === 45 || c === 0x2013 || c === 0x2014) {
    const next = j + 1 < notes.length ? notes.charCodeAt(j + 1) : 10;
    return next === 10 || next === 13 || next === 32 || next === 9 || next === 47 || next === 59 || next === 44 || next === 46;
  }
  return false;
}

/** How many word tokens the current clause (or label) has before token `count`. */
function wordsSinceClauseStart(count: number): number {
  let words = 0;
  for (let t = count - 1; t >= 0 && tokenKind[t] !== BREAK && tokenKind[t] !== LABEL; t--) words++;
  return words;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

const APOSTROPHES = /['’‘ʼ]/g;
const QUESTION_MARK = "?".charCodeAt(0);
const QUERY_STEM = stemmer("query");
/** "↓" in shorthand is "reduced": "↓ standing tolerance", "↓ appetite". */
const DOWN_ARROW = 0x2193;
const REDUCED_STEM = stemmer("reduced");
/** The endings of "I'll", "we'd", "they're", "we've", "I'm". */
const CONTRACTION = /['’‘ʼ](?:ll|d|re|ve|m)$/;
/**
 * A negative contraction is its verb and "not", as spaCy splits it and medspaCy's ConText rules read it (their
 * patterns take "n't" for "not"): "wasn't coping" is "was not coping", "doesn't need" is "does not need".
 */
const NEGATIVE_CONTRACTION = /^([a-z]+)n['’‘ʼ]t$/;
/** The same written without its apostrophe, as notes often are: "cant", "dont", "doesnt", "wasnt". */
const BARE_NEGATIVE_CONTRACTION = /^(ca|do|does|did|is|was|are|were|has|have|had|could|would|should|wo)nt$/;
/** Verbs a negative contraction shortens: "can't", "won't", "shan't", "ain't". */
const SHORTENED_VERBS: ReadonlyMap<string, string> = new Map([
  ["ca", "can"],
  ["wo", "will"],
  ["sha", "shall"],
  ["ai", "is"],
]);
/** The length of "n't". */
const NOT_SUFFIX = 3;
/** "R" and "L", the side in ward shorthand. */
const SIDE_RIGHT = "R".charCodeAt(0);
const SIDE_LEFT = "L".charCodeAt(0);
const PLAIN_WORD = /^[a-z]+$/;

/** Stems of the words seen so far; bounded so that unusual input cannot grow it without limit. */
interface WordForm {
  /** The Porter stem; "" for an article or possessive, which is skipped. */
  readonly stem: string;
  /** Some phrase matches this word only in this form ("=transfers"). */
  readonly exact: boolean;
  /** The word may name a discipline ("physio", "OT", "occupational"): finishedTherapies reads the note. */
  readonly therapy: boolean;
}

const WORD_FORMS = new Map<string, WordForm>();
const WORD_FORM_CACHE_LIMIT = 50_000;
/** Keys that exact-form phrases use, across every compiled matcher. */
const EXACT_KEYS = new Set<string>();
/** Lower-case keys that may name a discipline: its words, its shorthand in any case, the first word of a pair. */
const THERAPY_KEYS: ReadonlySet<string> = new Set(
  [THERAPY_NAMES.PT, THERAPY_NAMES.OT].flatMap((names) => [
    ...names.words,
    ...names.shorthand.map((word) => word.toLowerCase()),
    ...names.pairs.map(([first]) => first),
  ]),
);
/** Whether the last tokenize() met a word that may name a discipline; most notes name none. */
let therapyNamedInText = false;

/** A lower-case word's stem ("dressing", "dressed" and "dress" are "dress"; other keys as they are), cached. */
function wordForm(key: string): WordForm {
  let form = WORD_FORMS.get(key);
  if (form === undefined) {
    const stem = FILLER_WORDS.has(key) ? "" : PLAIN_WORD.test(key) ? stemmer(key) : key;
    form = { stem, exact: EXACT_KEYS.has(key), therapy: THERAPY_KEYS.has(key) };
    if (WORD_FORMS.size >= WORD_FORM_CACHE_LIMIT) WORD_FORMS.clear();
    WORD_FORMS.set(key, form);
  }
  return form;
}

/** A phrase word's stem; a skipped word a phrase keeps ("own" in "on own") is its own stem, as tokenize() reads it. */
function stemOf(key: string): string {
  const stem = wordForm(key).stem;
  return stem === "" ? key : stem;
}

/** Token buffers reused across calls so a scan allocates no large structures. */
let capacity = 1024;
let tokenStart = new Int32Array(capacity);
let tokenEnd = new Int32Array(capacity);
let tokenKind = new Uint8Array(capacity);
let tokenJoined = new Uint8Array(capacity);
let tokenExact = new Uint8Array(capacity);
const tokenKey: string[] = [];
const tokenStem: string[] = [];

/** Grows the buffers before a scan; their old contents are not needed then. */
function ensureCapacity(needed: number): void {
  if (needed <= capacity) return;
  while (capacity < needed) capacity *= 2;
  tokenStart = new Int32Array(capacity);
  tokenEnd = new Int32Array(capacity);
  tokenKind = new Uint8Array(capacity);
  tokenJoined = new Uint8Array(capacity);
  tokenExact = new Uint8Array(capacity);
  pendingTarget = new Int32Array(capacity);
  pendingStart = new Int32Array(capacity);
  pendingEnd = new Int32Array(capacity);
  pendingHistorical = new Uint8Array(capacity);
  pendingExplicit = new Uint8Array(capacity);
  pendingProblem = new Uint8Array(capacity);
}

/** Writes token `index` into the shared buffers. */
function setToken(index: number, start: number, end: number, kind: number, joined: number, key: string, stem: string, exact: number): void {
  tokenStart[index] = start;
  tokenEnd[index] = end;
  tokenKind[index] = kind;
  tokenJoined[index] = joined;
  tokenKey[index] = key;
  tokenStem[index] = stem;
  tokenExact[index] = exact;
}

/** Whether the words from `from` run straight into a colon: "?Cognition: MoCA 19/30" is a heading, not a query. */
function headsLabel(notes: string, from: number): boolean {
  let i = from;
  while (i < notes.length) {
    const kind = charClass(notes.charCodeAt(i));
    if (kind === LABEL) return true;
    if (kind !== WORD && kind !== SPACE && kind !== APOSTROPHE) return false;
    i++;
  }
  return false;
}

/**
 * Splits notes into tokens in the shared buffers and returns their count.
 * Keys are lower case without apostrophes, a negative contraction is its
 * verb and "not" ("Can’t" reads "can not", "wasn't" "was not"), except
 * registered abbreviations, whose key keeps their exact case ("MS", not "Ms");
 * stems are the keys' Porter stems. Articles and possessives are skipped.
 */
function tokenize(notes: string, abbreviations: ReadonlySet<string>, longestAbbreviation: number): number {
  const length = notes.length;
  // One lower-casing for the whole text; per token only when it changes offsets (e.g. "İ").
  const lower = notes.toLowerCase();
  const lowerKeepsOffsets = lower.length === length;
  // A token takes at least one character, so the text length bounds the count.
  ensureCapacity(length + 1);
  let count = 0;
  let joined = 0;
  let i = 0;
  // The word before was a possessive ("his", "her"), skipped; and one of another person ("his", "her", "their").
  let possessive = false;
  let thirdPerson = false;
  therapyNamedInText = false;
  while (i < length) {
    const c = notes.charCodeAt(i);
    const kind = charClass(c);
    // Ward shorthand for the help a task takes: "A+1", "A+2" (assistance of one or two) read as "assist".
    if ((c === 65 || c === 97) && isAssistCount(notes, i)) {
      setToken(count++, i, i + 3, WORD, joined, "assist", ASSIST_STEM, 0);
      joined = 1;
      possessive = thirdPerson = false;
      i += 3;
      continue;
    }
    // A spaced dash after a word or three at a clause's start is a label ("Pain - denies", "Mobility - indep");
    // elsewhere it sets a phrase apart like a comma ("bipolar - stable, well engaged - twisted his knee").
    if ((c === 45 || c === 0x2013 || c === 0x2014) && i > 0 && i + 1 < length && notes.charCodeAt(i - 1) === 32 && notes.charCodeAt(i + 1) === 32) {
      if (count > 0 && tokenKind[count - 1] === WORD && wordsSinceClauseStart(count) <= 3) {
        setToken(count++, i, i + 1, LABEL, 0, "", "", 0);
      }
      joined = 0;
      possessive = thirdPerson = false;
      i++;
      continue;
    }
    const startsWord =
      kind === WORD || (kind === HASH && i + 1 < length && charClass(notes.charCodeAt(i + 1)) === WORD);
    if (startsWord) {
      const start = i;
      let hasApostrophe = false;
      i++;
      while (i < length) {
        const next = charClass(notes.charCodeAt(i));
        if (next === WORD) {
          i++;
        } else if (next === APOSTROPHE && i + 1 < length && charClass(notes.charCodeAt(i + 1)) === WORD) {
          hasApostrophe = true;
          i++;
        } else if (
          // Single-letter shorthand around a slash is one word: "s/p", "c/o", "h/o".
          next === SLASH &&
          i - start === 1 &&
          i + 1 < length &&
          isAsciiLetter(notes.charCodeAt(i + 1)) &&
          (i + 2 >= length || charClass(notes.charCodeAt(i + 2)) !== WORD)
        ) {
          i += 2;
          break;
        } else {
          break;
        }
      }
      let key = lowerKeepsOffsets ? lower.slice(start, i) : notes.slice(start, i).toLowerCase();
      const negative = hasApostrophe ? NEGATIVE_CONTRACTION.exec(key) : BARE_NEGATIVE_CONTRACTION.exec(key);
      if (negative) {
        // "Wasn't" is two words: its verb, then "not".
        const verb = negative[1] ?? "";
        const verbKey = SHORTENED_VERBS.get(verb) ?? verb;
        const suffix = hasApostrophe ? NOT_SUFFIX : NOT_SUFFIX - 1;
        setToken(count++, start, i - suffix, WORD, joined, verbKey, stemOf(verbKey), wordForm(verbKey).exact ? 1 : 0);
        setToken(count++, i - suffix, i, WORD, 1, "not", stemOf("not"), wordForm("not").exact ? 1 : 0);
        possessive = false;
        joined = 1;
        continue;
      }
      // A pronoun's contraction is the pronoun: "I'll" is not "ill", "we'll" not "well".
      if (hasApostrophe) key = key.replace(CONTRACTION, "").replace(APOSTROPHES, "");
      let stem: string | undefined;
      let exactForm = true;
      if (i - start <= longestAbbreviation && c >= 65 && c <= 90) {
        const exact = notes.slice(start, i);
        if (abbreviations.has(exact)) {
          stem = key = exact;
          if (THERAPY_KEYS.has(key.toLowerCase())) therapyNamedInText = true;
        }
      }
      // The side in ward shorthand, "R" or "L", is skipped like an article: "ruptured R Achilles" is "ruptured
      // Achilles", "broken L wrist" is "broken wrist". Capitals only; "left" and "right" are kept ("left neglect").
      if (stem === undefined && i - start === 1 && (c === SIDE_RIGHT || c === SIDE_LEFT)) continue;
      if (stem === undefined) {
        const form = wordForm(key);
        // "Own" is skipped ("completes own self-care"), except in "on his own", a task done unaided.
        if (form.stem === "" && !(key === "own" && joined === 1 && count > 0 && OWN_READ_AFTER.has(tokenKey[count - 1] ?? ""))) {
          possessive = joined === 1 && POSSESSIVES.has(key);
          thirdPerson = THIRD_PERSON_POSSESSIVES.has(key);
          continue;
        }
        stem = form.stem === "" ? key : form.stem;
        exactForm = form.exact;
        if (form.therapy) therapyNamedInText = true;
        // After a possessive, "mobile" is a noun, a phone: "use the kettle or his mobile".
        if (possessive && joined === 1 && key === "mobile") key = stem = "phone";
        // "His wife", "her son's": another person, read as "someone" (SOMEONE_ELSE triggers in assertion.ts).
        if (thirdPerson && RELATIVE_STEMS.has(stem)) {
          stem = SOMEONE_STEM;
          key = hasApostrophe ? "someone" : key;
          if (hasApostrophe) {
            setToken(count++, start, i, WORD, joined, SOMEONE_STEM, SOMEONE_STEM, 0);
            setToken(count++, i, i, WORD, 1, "s", "s", 0);
            possessive = thirdPerson = false;
            joined = 1;
            continue;
          }
        }
      }
      possessive = false;
      thirdPerson = false;
      setToken(count++, start, i, WORD, joined, key, stem, exactForm ? 1 : 0);
      joined = 1;
    } else if (kind === BREAK || kind === LABEL) {
      // A "?" written before a word, in clinical shorthand, queries it: "?falls ?memory", "?fracture". It ends
      // the clause like any "?" and then reads as "query", a hypothetical trigger.
      const query =
        c === QUESTION_MARK &&
        i + 1 < length &&
        charClass(notes.charCodeAt(i + 1)) === WORD &&
        (i === 0 || charClass(notes.charCodeAt(i - 1)) !== WORD) &&
        !headsLabel(notes, i + 1);
      if (count > 0 && tokenKind[count - 1] !== BREAK) {
        if (tokenKind[count - 1] === LABEL) count--;
        setToken(count++, i, i + 1, kind, 0, "", "", 0);
      }
      joined = 0;
      i++;
      // A template field left open ("Pain: ?", "Mobility: –", "ADLs:" then a line break) is not known.
      if (kind === LABEL && count > 0 && tokenKind[count - 1] === LABEL && openValue(notes, i)) {
        setToken(count++, i, i, WORD, 0, "unknown", UNKNOWN_STEM, 0);
        joined = 1;
      }
      if (query) {
        setToken(count++, i, i, WORD, 0, "query", QUERY_STEM, 1);
        joined = 1;
      }
    } else if (c === DOWN_ARROW) {
      setToken(count++, i, i + 1, WORD, 0, "reduced", REDUCED_STEM, 1);
      joined = 1;
      i++;
    } else {
      if (kind !== SPACE && kind !== SLASH) joined = thirdPerson ? (thirdPerson = false, 0) : 0;
      i++;
    }
  }
  return count;
}

const EMPTY_SET: ReadonlySet<string> = new Set();

/** The key sequence a phrase is written as, read by the same tokenizer as the notes. */
function phraseKeys(phrase: string): string[] {
  const count = tokenize(phrase, EMPTY_SET, 0);
  const keys: string[] = [];
  for (let t = 0; t < count; t++) {
    if (tokenKind[t] !== WORD) throw new Error(`Phrase "${phrase}" contains a clause break`);
    keys.push(tokenKey[t] ?? "");
  }
  if (keys.length === 0) throw new Error(`Phrase "${phrase}" has no words`);
  return keys;
}

/** The spellings a word key is also written as: -ise/-ize, -our/-or, and the listed pairs. */
function spellingVariants(key: string): string[] {
  const variants = [key];
  const ise = /^(.{3,})is(e|ed|es|ing|ation|ations)$/.exec(key);
  if (ise) variants.push(`${ise[1]}iz${ise[2]}`);
  const ize = /^(.{3,})iz(e|ed|es|ing|ation|ations)$/.exec(key);
  if (ize) variants.push(`${ize[1]}is${ize[2]}`);
  const our = /^(.{3,})our(s)?$/.exec(key);
  if (our) variants.push(`${our[1]}or${our[2] ?? ""}`);
  const or = /^(.{3,}[^u])or(s)?$/.exec(key);
  if (or) variants.push(`${or[1]}our${or[2] ?? ""}`);
  for (const [british, american] of SPELLING_PAIRS) {
    if (key === british) variants.push(american);
    if (key === american) variants.push(british);
  }
  return variants;
}

/**
 * A trie node. `stems` is keyed by word stems (any inflection matches);
 * `exact` by the exact key of phrases written with a leading "=" and of
 * abbreviations, and is tried first.
 */
interface PhraseNode {
  role: number;
  /** The phrase names a problem by itself ("falls", "pain"): its evidence is explicit. */
  problem: boolean;
  stems: Map<string, PhraseNode> | null;
  exact: Map<string, PhraseNode> | null;
}

function newNode(): PhraseNode {
  return { role: NO_ROLE, problem: false, stems: null, exact: null };
}

function childFor(parent: Map<string, PhraseNode>, keys: readonly string[]): PhraseNode {
  let child: PhraseNode | undefined;
  for (const key of keys) child ??= parent.get(key);
  child ??= newNode();
  for (const key of keys) if (!parent.has(key)) parent.set(key, child);
  return child;
}

/** Inserts a phrase: "=word" only in the form written, an abbreviation in its case, anything else by stems. */
function insertPhrase(root: PhraseNode, written: string, role: number, abbreviation: boolean, problem = false): void {
  const exactForm = abbreviation || written.startsWith("=");
  const phrase = written.startsWith("=") ? written.slice(1) : written;
  const keys = abbreviation ? [phrase] : phraseKeys(phrase);
  let node = root;
  for (const key of keys) {
    const variants = abbreviation ? [key] : spellingVariants(key);
    if (exactForm && !abbreviation) {
      for (const variant of variants) {
        EXACT_KEYS.add(variant);
        WORD_FORMS.delete(variant);
      }
    }
    node = exactForm
      ? childFor((node.exact ??= new Map()), variants)
      : childFor((node.stems ??= new Map()), [...new Set(variants.map(stemOf))]);
  }
  if (node.role !== NO_ROLE && node.role !== role) {
    throw new Error(`Phrase "${written}" is claimed by two meanings`);
  }
  node.role = role;
  node.problem ||= problem;
}

/** Words for one evidence target: phrases match in any case and inflection, abbreviations only in the case written. */
export interface NotesVocabulary {
  readonly phrases: readonly string[];
  readonly abbreviations: readonly string[];
  /** Phrases (or "ALL", abbreviations included) that name a problem by themselves: explicit evidence. */
  readonly problems?: readonly string[] | "ALL";
}

/**
 * Called once per affirmed phrase, in text order, with the target index, the
 * span in the notes, whether a historical trigger ("hx of") precedes it and
 * whether it is explicit: the phrase names a problem by itself ("falls",
 * "pain": NotesVocabulary.problems) or an affirmation in its segment says the
 * problem is present ("can't walk far", "needs help with dressing", "walks
 * with difficulty"), rather than an activity standing bare ("walks the dog
 * daily"). `clause` numbers the clauses of the notes from 0; `problem` says
 * the phrase itself names a problem (NotesVocabulary.problems).
 */
export type OnNotesEvidence = (
  target: number,
  start: number,
  end: number,
  historical: boolean,
  explicit: boolean,
  clause: number,
  problem: boolean,
) => void;

/**
 * Why a phrase the notes name is set aside rather than counted as the
 * patient's present problem (the finding's assertion, after ConText's
 * categories): ABSENT, denied ("no pain", "falls: nil", "pain - denies");
 * NORMAL, a normal finding ("gait unremarkable", "ADLs indep", "walks the dog
 * every day"); RESOLVED ("hx LBP, resolved"); HYPOTHETICAL, possible, feared
 * or not yet examined ("review if pain worsens", "worried she might fall",
 * "mobility not assessed"); SOMEONE_ELSE, another person's ("cares for his mum
 * who has Parkinson's").
 */
export type SetAsideAssertion = "ABSENT" | "NORMAL" | "RESOLVED" | "HYPOTHETICAL" | "SOMEONE_ELSE";

/**
 * Called once per phrase set aside, with its span and why; with OTHER_PROBLEMS
 * (no span, -1) when the note denies any problem it does not name ("no other
 * problems"), and with PHYSIOTHERAPY_FINISHED or OCCUPATIONAL_THERAPY_FINISHED
 * (no span) when it says that discipline has finished, cleared the person or
 * is already involved (THERAPY_NAMES in assertion.ts).
 */
export type OnNegatedEvidence = (target: number, start: number, end: number, assertion: SetAsideAssertion) => void;

export interface NotesMatcher {
  scan(notes: string, onEvidence: OnNotesEvidence, onNegated?: OnNegatedEvidence): void;
}

/** Affirmed phrases of the current clause, held until the clause ends in case a later word negates them. */
let pendingTarget = new Int32Array(capacity);
let pendingStart = new Int32Array(capacity);
let pendingEnd = new Int32Array(capacity);
let pendingHistorical = new Uint8Array(capacity);
/** 1 when an affirmation in the phrase's segment says the problem is present ("can't walk far", "walks with difficulty"). */
let pendingExplicit = new Uint8Array(capacity);
/** 1 when the phrase names a problem by itself. */
let pendingProblem = new Uint8Array(capacity);

/** The longest phrase starting at token t below `node`: its role and last token, in the module's match buffer. */
let matchRole = NO_ROLE;
let matchLast = -1;
let matchProblem = false;

/**
 * Follows tokens t, t+1, ... (joined) down the trie from `node`, recording the
 * longest phrase with a role. Exact forms and stems are both followed, so an
 * exact trigger ("=managing") never hides a longer stemmed phrase ("manage at
 * home"); at equal length the exact form wins.
 */
function longestMatch(node: PhraseNode, t: number, count: number): void {
  const byStem = node.stems?.get(tokenStem[t] ?? "");
  if (byStem) follow(byStem, t, count);
  if (tokenExact[t] !== 1) return;
  const byExact = node.exact?.get(tokenKey[t] ?? "");
  if (byExact) follow(byExact, t, count);
}

function follow(child: PhraseNode, t: number, count: number): void {
  if (child.role !== NO_ROLE && t >= matchLast) {
    matchRole = child.role;
    matchLast = t;
    matchProblem = child.problem;
  }
  if ((child.stems || child.exact) && t + 1 < count && tokenJoined[t + 1] === 1) longestMatch(child, t + 1, count);
}

/** Builds the phrase trie for the given evidence targets; throws when two meanings claim one phrase. */
export function compileNotesMatcher(targets: readonly NotesVocabulary[]): NotesMatcher {
  const root = newNode();
  for (const trigger of ASSERTION_TRIGGERS) {
    for (const phrase of trigger.phrases) insertPhrase(root, phrase, ROLE_CODES[trigger.role], false);
  }
  for (const phrase of CONTEXT_PHRASES) insertPhrase(root, phrase, CONTEXT, false);
  const abbreviations = new Set<string>();
  let longestAbbreviation = 0;
  targets.forEach((target, index) => {
    const problems = target.problems ?? [];
    // A phrase that carries its own difficulty ("can't cook", "poor grip", "unable to walk far") names a problem,
    // as the same words would if the affirmation stood apart from the phrase (since ruleset 2026-12-07.1).
    const isProblem = (phrase: string): boolean =>
      problems === "ALL" || problems.includes(phrase) || phraseKeys(phrase.replace(/^=/, "")).some((key) => AFFIRMING_KEYS.has(key));
    for (const phrase of target.phrases) insertPhrase(root, phrase, index, false, isProblem(phrase));
    for (const abbreviation of target.abbreviations) {
      if (!/^[A-Z][A-Z0-9]*$/.test(abbreviation)) {
        throw new Error(`Abbreviation "${abbreviation}" must be upper-case letters and digits`);
      }
      insertPhrase(root, abbreviation, index, true, problems === "ALL");
      abbreviations.add(abbreviation);
      longestAbbreviation = Math.max(longestAbbreviation, abbreviation.length);
    }
  });

  const reader = new AssertionReader();
  return {
    scan(notes, onEvidence, onNegated) {
      const count = tokenize(notes, abbreviations, longestAbbreviation);
      reader.start(onEvidence, onNegated);
      let t = 0;
      while (t < count) {
        const kind = tokenKind[t];
        if (kind === BREAK) {
          reader.endClause();
          t++;
          continue;
        }
        if (kind === LABEL) {
          reader.label();
          t++;
          continue;
        }
        if (tokenJoined[t] === 0) {
          // After a comma or bracket in the clause (a word before it), not at the clause's or a label's start.
          const continuation = t > 0 && tokenKind[t - 1] === WORD;
          reader.afterSeparator(startsAssertion(t, count), reader.wishListed() && endsList(t, count), continuation);
        }
        matchRole = NO_ROLE;
        matchLast = -1;
        matchProblem = false;
        longestMatch(root, t, count);
        if (matchRole === NO_ROLE) {
          reader.afterLabel = false;
          const key = tokenKey[t];
          if (key === "and" || key === "or") reader.conjunction = true;
          t++;
          continue;
        }
        // Whether the phrase is the last word before a separator or break ("(baseline)", "= baseline.").
        const endsRun = matchLast + 1 >= count || tokenJoined[matchLast + 1] === 0;
        // "Not" straight before a problem denies it ("hands aren't painful"); before an activity it is a need.
        const deniedProblem = matchRole >= 0 && matchProblem && notBefore(t);
        reader.read(matchRole, tokenStart[t] ?? 0, tokenEnd[matchLast] ?? 0, endsRun, matchProblem, deniedProblem);
        t = matchLast + 1;
      }
      reader.endClause();
      if (therapyNamedInText) finishedTherapies(notes, count, onNegated ?? ignoreNegated);
    },
  };
}

/** Words that may stand between "not" and the problem it denies: "not very painful", "not really stiff". */
const DEGREE_WORDS: ReadonlySet<string> = new Set(["very", "too", "so", "that", "really", "particularly", "especially", "overly"]);

/** Whether token t follows "not", straight or past one degree word, in its run of joined words. */
function notBefore(t: number): boolean {
  if (t < 1 || tokenJoined[t] !== 1) return false;
  if (tokenKey[t - 1] === "not") return true;
  return t >= 2 && tokenJoined[t - 1] === 1 && tokenKey[t - 2] === "not" && DEGREE_WORDS.has(tokenKey[t - 1] ?? "");
}

/** Conjunctions that may open a new statement after a comma: "…, and he can't get into the bath". */
const OPENING_CONJUNCTIONS: ReadonlySet<string> = new Set(["and", "so", "then", "plus"]);

/** Whether token t, first after a comma, starts a new assertion: a subject or verb, or one after a conjunction. */
function startsAssertion(t: number, count: number): boolean {
  const key = tokenKey[t] ?? "";
  if (NEW_ASSERTION_KEYS.has(key)) return true;
  return OPENING_CONJUNCTIONS.has(key) && t + 1 < count && tokenJoined[t + 1] === 1 && NEW_ASSERTION_KEYS.has(tokenKey[t + 1] ?? "");
}

/**
 * Whether the words from token t, after a comma, go on as a list to its last item ("dress, cook and shop"): an
 * "and" or "or" comes before the clause ends and before any later comma starts a new assertion.
 */
function endsList(t: number, count: number): boolean {
  for (let k = t; k < count && tokenKind[k] === WORD; k++) {
    const key = tokenKey[k] ?? "";
    if (k > t && tokenJoined[k] === 0 && NEW_ASSERTION_KEYS.has(key)) return false;
    if (key === "and" || key === "or") return true;
  }
  return false;
}

const THERAPY_WORDS: ReadonlyMap<string, number> = new Map([
  ...THERAPY_NAMES.PT.words.map((word) => [word, PHYSIOTHERAPY_FINISHED] as const),
  ...THERAPY_NAMES.OT.words.map((word) => [word, OCCUPATIONAL_THERAPY_FINISHED] as const),
]);
const THERAPY_SHORTHAND: ReadonlyMap<string, number> = new Map([
  ...THERAPY_NAMES.PT.shorthand.map((word) => [word, PHYSIOTHERAPY_FINISHED] as const),
  ...THERAPY_NAMES.OT.shorthand.map((word) => [word, OCCUPATIONAL_THERAPY_FINISHED] as const),
]);
const THERAPY_PAIRS: readonly (readonly [string, string, number])[] = [
  ...THERAPY_NAMES.PT.pairs.map(([first, second]) => [first, second, PHYSIOTHERAPY_FINISHED] as const),
  ...THERAPY_NAMES.OT.pairs.map(([first, second]) => [first, second, OCCUPATIONAL_THERAPY_FINISHED] as const),
];
const FINISHED_ANYWHERE: ReadonlySet<string> = new Set(THERAPY_FINISHED_ANYWHERE);
const FINISHED_AFTER: ReadonlySet<string> = new Set(THERAPY_FINISHED_AFTER);
const FINISHED_BY: ReadonlySet<string> = new Set(THERAPY_FINISHED_BY);

/** Whether the tokens from `from`, joined and before `end`, read `keys` in order. */
function readsKeys(from: number, end: number, keys: readonly string[]): boolean {
  if (from < 0 || from + keys.length > end) return false;
  for (let k = 0; k < keys.length; k++) {
    if (tokenKey[from + k] !== keys[k] || (k > 0 && tokenJoined[from + k] !== 1)) return false;
  }
  return true;
}

/** A discipline named at token n as the subject of a finish ("the physio discharged me") or as the caseload it is on. */
function finishedAround(n: number, clauseStart: number, end: number): boolean {
  for (const keys of THERAPY_INVOLVED_BEFORE) {
    const from = n - keys.length;
    if (from >= clauseStart && tokenJoined[n] === 1 && readsKeys(from, n, keys)) return true;
  }
  for (let k = n + 1; k <= n + THERAPY_LATER_REACH && k < end && tokenJoined[k] === 1; k++) {
    for (const keys of THERAPY_FINISHED_LATER) if (readsKeys(k, end, keys)) return true;
  }
  return false;
}

/** The discipline token t names (PHYSIOTHERAPY_FINISHED or OCCUPATIONAL_THERAPY_FINISHED), 0 for none. */
function therapyNamed(notes: string, t: number, count: number): number {
  const key = tokenKey[t] ?? "";
  const word = THERAPY_WORDS.get(key);
  if (word !== undefined) return word;
  const start = tokenStart[t] ?? 0;
  const end = tokenEnd[t] ?? 0;
  if (end - start <= 3) {
    const shorthand = THERAPY_SHORTHAND.get(notes.slice(start, end));
    if (shorthand !== undefined) return shorthand;
  }
  if (t + 1 < count && tokenKind[t + 1] === WORD) {
    const next = tokenKey[t + 1] ?? "";
    for (const [first, second, side] of THERAPY_PAIRS) if (key === first && next.startsWith(second)) return side;
  }
  return 0;
}

/**
 * Reports each discipline a clause names alone and says has finished, cleared
 * the person or is already involved (THERAPY_NAMES in assertion.ts): "no
 * further PT input", "physio happy", "physio course has finished", "rails
 * that the OT sorted", "the physio discharged me", "known to OT".
 */
function finishedTherapies(notes: string, count: number, onNegated: OnNegatedEvidence): void {
  let clauseStart = 0;
  for (let t = 0; t <= count; t++) {
    if (t < count && tokenKind[t] !== BREAK) continue;
    let named = 0;
    let both = false;
    let finished = false;
    let anywhere = false;
    for (let n = clauseStart; n < t; n++) {
      if (tokenKind[n] !== WORD) continue;
      const key = tokenKey[n] ?? "";
      if (FINISHED_ANYWHERE.has(key)) anywhere = true;
      const side = therapyNamed(notes, n, t);
      if (side === 0) continue;
      if (named !== 0 && named !== side) both = true;
      named = side;
      if (finished) continue;
      const after = n + 1 < t ? (tokenKey[n + 1] ?? "") : "";
      const before = n - 1 >= clauseStart ? (tokenKey[n - 1] ?? "") : "";
      const twoBefore = n - 2 >= clauseStart ? (tokenKey[n - 2] ?? "") : "";
      if (FINISHED_AFTER.has(after)) finished = true;
      else if ((before === "by" || before === "from") && FINISHED_BY.has(twoBefore)) finished = true;
      else if (before === THERAPY_NO_FURTHER[1] && twoBefore === THERAPY_NO_FURTHER[0]) finished = true;
      else if (finishedAround(n, clauseStart, t)) finished = true;
      else {
        for (let b = Math.max(clauseStart, n - THERAPY_ALREADY_REACH); b < n; b++) {
          if (tokenKey[b] === THERAPY_ALREADY) finished = true;
        }
      }
    }
    if (named !== 0 && !both && (finished || anywhere)) onNegated(named, -1, -1, "ABSENT");
    clauseStart = t + 1;
  }
}

const ignoreNegated: OnNegatedEvidence = () => undefined;
const ignoreEvidence: OnNotesEvidence = () => undefined;

/**
 * Applies the assertion triggers to the phrases of one scan, in text order.
 * Affirmed phrases of a clause wait in the pending buffers until the clause
 * ends, since a later post-negation may take them back.
 */
class AssertionReader {
  private onEvidence: OnNotesEvidence = ignoreEvidence;
  private onNegated: OnNegatedEvidence = ignoreNegated;
  private pending = 0;
  /** Where the current clause's and segment's pending phrases begin. */
  private clauseFloor = 0;
  private segmentFloor = 0;
  private clauseNegated = false;
  private historical = false;
  /**
   * Phrases from here on in the segment follow a post-negation ("pain free on
   * stairs"): negated when the segment ends, unless an affirmation in it says
   * a problem is present ("manages stairs with difficulty"). -1 when none.
   */
  private negatedFrom = -1;
  private segmentAffirmed = false;
  /** Where a resolution ("resolved") may reach back to: the clause start, or after the last affirmed segment. */
  private resolutionFloor = 0;
  /** Where the segment before this one began in the pending buffer, for a lone "(baseline)". */
  private previousSegmentFloor = 0;
  private hypothetical = false;
  /** Why a negation carried forward sets its findings aside ("no pain": absent; "fine with everything": normal). */
  private forwardKind: SetAsideAssertion = "ABSENT";
  /** Why the phrases a post-negation took back are set aside (negatedFrom reads on with it). */
  private backKind: SetAsideAssertion = "NORMAL";
  /**
   * The findings from here to the clause's end, or to a new statement, are another person's: "cares for his mum,
   * who has Parkinson's" (ConText's FAMILY and EXPERIENCER categories).
   */
  private someoneElse = false;
  /**
   * The segment is an item of a list an affirmation before it opened ("struggling to draw up insulin, read labels,
   * cook"): its phrases are explicit unless a trigger in it says otherwise.
   */
  private inheritedAffirmation = false;
  /** The segment follows a comma in its clause (not a clause break, colon or termination). */
  private continuation = false;
  /** A lack reaches forward over the clause: activities after it are needs, problems after it denied. */
  private lack = false;
  /** A normal finding opened the segment ("Independent at home, drives, cooks"): it reads on over the list after it. */
  private normalForward = false;
  /**
   * A denial opened the segment with nothing before it ("no problems there", "not borne out on visit"): if it denies
   * nothing after it either, it answers the segment (or list) before, when the segment ends.
   */
  private loneDenial = false;
  /** The clause being read, numbered from 0. */
  private clause = 0;
  /** A negation carried forward has negated a finding in its own segment ("no pain, stiffness or swelling"). */
  private negationFound = false;
  /** The segment has negated a finding already ("Mob'ing indep no aid, stairs done" is a list of normal findings). */
  private segmentNegated = false;
  /** A goal ("Goal:", "aim is to") affirms the rest of its clause. */
  private goal = false;
  /** The segment says what the person wants to do ("wants to walk on his own"). */
  private segmentWish = false;
  /** The segment has read a trigger, or a phrase naming a problem by itself. */
  private segmentTriggered = false;
  /**
   * Where a run of segments, each only a bare activity ended by a comma, begins in the pending buffer ("Walking,
   * running and climbing are age appropriate"; "He walks, runs and climbs normally"); -1 when none.
   */
  private listFloor = -1;
  /**
   * The segment is an item of a list that a normal finding before it reads over: "manages his own washing,
   * dressing and meals", "independent transfers, stairs". Its activities are negated when it ends at a comma or
   * the clause's end, unless a trigger or a phrase naming a problem stands in it ("indep transfers, unsteady").
   */
  private listNormal = false;
  afterLabel = false;
  /** The segment has an "and" or "or": it ends a list. */
  conjunction = false;

  start(onEvidence: OnNotesEvidence, onNegated: OnNegatedEvidence | undefined): void {
    this.onEvidence = onEvidence;
    this.onNegated = onNegated ?? ignoreNegated;
    this.pending = this.clauseFloor = this.segmentFloor = this.resolutionFloor = this.previousSegmentFloor = 0;
    this.clauseNegated = this.historical = this.afterLabel = this.negationFound = this.goal = this.someoneElse = this.lack = false;
    this.clause = 0;
    this.newSegment();
  }

  /** A clause break: what is still pending is affirmed. */
  endClause(): void {
    this.newSegment();
    for (let p = 0; p < this.pending; p++) {
      this.onEvidence(
        pendingTarget[p] ?? 0,
        pendingStart[p] ?? 0,
        pendingEnd[p] ?? 0,
        pendingHistorical[p] === 1,
        pendingExplicit[p] === 1,
        this.clause,
        pendingProblem[p] === 1,
      );
    }
    this.pending = this.clauseFloor = this.segmentFloor = this.resolutionFloor = this.previousSegmentFloor = 0;
    this.clauseNegated = this.historical = this.afterLabel = this.negationFound = this.goal = this.someoneElse = this.lack = false;
    this.clause++;
  }

  /** A colon: what follows may describe the list before it ("Walking, stairs: independent"). */
  label(): void {
    this.clauseNegated = false;
    this.newSegment();
    this.afterLabel = true;
  }

  /**
   * A comma or bracket; a new subject or verb after it ends a carried negation ("no falls, lives alone"), and so
   * does a negation that found nothing to deny before it: "no daily structure, self-neglect" is no list.
   */
  /** The segment wishes for an activity it names ("wants to be able to shower"): a list may follow. */
  wishListed(): boolean {
    return this.segmentWish && this.pending > this.segmentFloor;
  }

  afterSeparator(newAssertion: boolean, lastItem = false, continuation = false): void {
    // A segment that is only an activity, with no trigger, may be an item of a list a later normal finding covers.
    const item = this.pending > this.segmentFloor && !this.segmentTriggered && !this.segmentAffirmed && !this.hypothetical;
    const listFloor = item ? (this.listFloor >= 0 ? this.listFloor : this.segmentFloor) : -1;
    // A normal finding read forward over an activity ("manages washing") goes on over the list after the comma,
    // until an "and" or "or" closes it: "normal gait and balance, pain at night" is a new finding.
    const readForward =
      ((this.negatedFrom >= 0 && this.pending > this.negatedFrom) || this.normalForward) && !this.segmentAffirmed && !this.segmentWish;
    const listNormal = !newAssertion && !this.conjunction && (readForward || (this.listNormal && item));
    // A wish goes on over the activities it lists, to the last item: "wants to shower, make herself lunch and
    // manage her money"; "keen to get back to the gym, mobility independent" is a new statement.
    const wishList = !newAssertion && lastItem && this.wishListed();
    // An affirmation goes on over the bare items listed after it: "struggling to draw up insulin, read labels, cook".
    const affirmedList =
      !newAssertion && !this.clauseNegated && !this.goal && (this.segmentAffirmed || this.inheritedAffirmation) && this.negatedFrom < 0;
    this.newSegment();
    this.listFloor = listFloor;
    this.listNormal = listNormal;
    this.segmentWish = wishList;
    this.inheritedAffirmation = affirmedList;
    this.continuation = continuation;
    if (newAssertion) this.someoneElse = false;
    if (newAssertion || !this.negationFound) this.clauseNegated = false;
  }

  /** A phrase with a role: evidence for a target (0 and up) or a trigger. */
  read(role: number, start: number, end: number, endsRun = false, problem = false, deniedProblem = false): void {
    const afterLabel = this.afterLabel;
    const backFloor = afterLabel ? this.clauseFloor : this.segmentFloor;
    this.afterLabel = false;
    if (role >= 0) {
      // A hypothetical finding is neither evidence nor a denial: it may never happen.
      if (this.hypothetical) {
        this.onNegated(role, start, end, "HYPOTHETICAL");
        return;
      }
      if (this.someoneElse) {
        this.onNegated(role, start, end, "SOMEONE_ELSE");
        return;
      }
      if (this.lack && problem) {
        this.onNegated(role, start, end, "ABSENT");
        return;
      }
      if (deniedProblem && !this.clauseNegated) {
        this.onNegated(role, start, end, "ABSENT");
        return;
      }
      if (this.clauseNegated) {
        this.onNegated(role, start, end, this.forwardKind);
        this.negationFound = true;
        return;
      }
      const p = this.pending++;
      pendingTarget[p] = role;
      pendingStart[p] = start;
      pendingEnd[p] = end;
      pendingHistorical[p] = this.historical ? 1 : 0;
      pendingExplicit[p] = this.segmentAffirmed || problem || this.lack ? 1 : 0;
      pendingProblem[p] = problem ? 1 : 0;
      if (problem) this.segmentTriggered = true;
      return;
    }
    this.segmentTriggered = true;
    if (role === CONTEXT) {
      // A medical presentation denied ("no chest pain, falls or dizziness") starts a list like a finding.
      if (this.clauseNegated) this.negationFound = true;
    } else if (role === PRE_NEGATION && endsRun && this.pending > backFloor && !this.segmentAffirmed) {
      // Closing its segment after a finding, a denial answers it: "Pain - denies", "memory concerns - denies".
      this.negateBack(backFloor, "ABSENT");
    } else if (role === PRE_NEGATION && endsRun && this.pending === backFloor && this.continuation && !afterLabel) {
      // Alone in its segment it answers the one before: "falls, denied".
      this.negateBack(this.previousSegmentFloor, "ABSENT");
    } else if (role === PRE_NEGATION || (role === WITHOUT && !this.segmentAffirmed)) {
      this.startNegation("ABSENT");
    } else if (role === EVERYTHING_DENIED) {
      // "Fine with everything else, school and dressing": everything is denied, then listed; "does everything
      // round the house" denies what it does not list, like "no other problems".
      this.startNegation("NORMAL");
      this.negationFound = true;
      this.onNegated(OTHER_PROBLEMS, -1, -1, "NORMAL");
    } else if (role === POST_NEGATION) {
      // After a list ("walking, running and climbing are normal"), back over its items before the commas.
      const listFloor = this.conjunction && !afterLabel && this.listFloor >= 0 ? this.listFloor : backFloor;
      // The last item of a list an affirmation opened is still under it: "can't dress, toilet or eat unaided".
      const underAffirmation = this.inheritedAffirmation && this.conjunction;
      if (this.pending === backFloor && !afterLabel) this.normalForward = true;
      if (this.pending === backFloor && this.continuation && endsRun && !afterLabel) {
        // Alone in its segment, it answers the activities of the one (or the list) before: "walking 'not too bad'".
        this.negateActivities(this.listFloor >= 0 ? Math.min(this.listFloor, this.previousSegmentFloor) : this.previousSegmentFloor);
      } else if (!this.segmentAffirmed && !this.segmentWish && !underAffirmation) {
        this.negateBack(Math.min(backFloor, listFloor), "NORMAL");
      }
    } else if (role === EITHER_NEGATION) {
      if (this.pending <= backFloor) {
        this.startNegation("ABSENT");
        if (!afterLabel) this.loneDenial = true;
        // Alone in its segment, it answers the segment before: "Dressing and showering on his own, no issues."
        if (endsRun && !afterLabel) {
          const listFloor = this.listFloor >= 0 ? Math.min(this.listFloor, this.previousSegmentFloor) : this.previousSegmentFloor;
          this.negateBack(listFloor, "ABSENT");
        }
      } else if (!this.segmentAffirmed) this.negateBack(backFloor, "ABSENT");
    } else if (role === TERMINATION || role === AFFIRMING_TERMINATION) {
      // "BADLs: requires full assistance": the value of the key before the colon.
      if (role === AFFIRMING_TERMINATION && afterLabel) pendingExplicit.fill(1, this.clauseFloor, this.pending);
      // "Manages washing, dressing now difficult": what a termination ends is no longer the list.
      this.clauseNegated = this.historical = this.goal = this.listNormal = this.someoneElse = this.lack = false;
      this.newSegment();
      this.clauseFloor = this.pending;
      this.segmentAffirmed = role === AFFIRMING_TERMINATION;
    } else if (role === AFFIRMATION) {
      // Straight after a colon it is the value of the key before: "Mobility: poor", "Cognition: impaired".
      if (afterLabel) pendingExplicit.fill(1, this.clauseFloor, this.pending);
      this.segmentAffirmed = true;
      this.negatedFrom = -1;
    } else if (role === HYPOTHETICAL) {
      this.hypothetical = true;
    } else if (role === UNKNOWN) {
      // Not examined or not recorded: what it follows ("Mobility: not documented") is no finding either.
      for (let p = backFloor; p < this.pending; p++) {
        this.onNegated(pendingTarget[p] ?? 0, pendingStart[p] ?? 0, pendingEnd[p] ?? 0, "HYPOTHETICAL");
      }
      this.pending = Math.min(this.pending, backFloor);
      this.segmentFloor = Math.min(this.segmentFloor, this.pending);
      this.resolutionFloor = Math.min(this.resolutionFloor, this.pending);
      this.hypothetical = true;
    } else if (role === HABITUAL) {
      // "Walks the dog every day" is done; "stiff every morning" is still a problem.
      if (!this.segmentAffirmed && !this.segmentWish) this.negateActivities(backFloor);
    } else if (role === WISH) {
      this.segmentWish = true;
      this.negatedFrom = -1;
    } else if (role === GOAL) {
      this.goal = this.segmentAffirmed = true;
      this.negatedFrom = -1;
    } else if (role === HISTORICAL) {
      this.historical = true;
    } else if (role === LACK) {
      this.lack = true;
    } else if (role === UNCERTAIN) {
      this.onNegated(UNCERTAIN_NEED, start, end, "HYPOTHETICAL");
    } else if (role === ALL_NORMAL) {
      // "Fine motor, feeding, play all age appropriate": back over the list before it, with or without "and".
      if (!this.segmentAffirmed && !this.segmentWish) {
        const floor = !afterLabel && this.listFloor >= 0 ? Math.min(this.listFloor, backFloor) : backFloor;
        this.negateBack(floor, "NORMAL");
      }
    } else if (role === REFUTED) {
      // "Family worried about falls, not borne out on visit": what the clause said before it is not so.
      this.negateFrom(this.clauseFloor, "ABSENT");
    } else if (role === SOMEONE_ELSE) {
      this.someoneElse = true;
    } else if (role === LOSS) {
      // "Has stopped cooking", "given up her allotment": what follows is lost, a need; "the falls have stopped":
      // what it follows is over.
      if (endsRun && this.pending > backFloor && !this.segmentAffirmed) this.negateFrom(backFloor, "RESOLVED");
      this.segmentAffirmed = true;
      this.negatedFrom = -1;
    } else if (role === OTHERS_DENIED) {
      this.onNegated(OTHER_PROBLEMS, -1, -1, "NORMAL");
    } else if (role === BASELINE) {
      if (afterLabel || this.segmentAffirmed) return;
      if (this.pending > this.segmentFloor) this.negateBack(this.segmentFloor, "NORMAL");
      else if (endsRun) this.negateBack(this.previousSegmentFloor, "NORMAL");
    } else if (role === BACK_TO_USUAL) {
      if (this.segmentAffirmed || this.segmentWish) return;
      // Alone at the end of its segment it answers the segment before: "mobilising with a frame, back to baseline".
      if (this.pending <= backFloor && endsRun) this.negateBack(this.previousSegmentFloor, "NORMAL");
      else this.negateBack(backFloor, "NORMAL");
    } else if (role === RESOLUTION) {
      if (this.segmentAffirmed) return;
      this.negateBack(this.resolutionFloor, "RESOLVED");
      // What it took back is gone from the segment and clause too.
      this.segmentFloor = Math.min(this.segmentFloor, this.pending);
      this.clauseFloor = Math.min(this.clauseFloor, this.pending);
    }
  }

  /** A negation reaching forward: over the rest of the clause, and past a comma once it has denied a finding. */
  private startNegation(kind: SetAsideAssertion): void {
    this.forwardKind = kind;
    // A negation within a list of denials keeps it going: "independent with washing, OT not required, ...".
    this.negationFound = this.segmentNegated || (this.clauseNegated && this.negationFound);
    this.clauseNegated = true;
  }

  private newSegment(): void {
    if (this.loneDenial && !this.segmentNegated && this.pending === this.segmentFloor && !this.negationFound) {
      // Activities only: "knee pain, no problems otherwise" keeps the pain.
      const floor = this.listFloor >= 0 ? Math.min(this.listFloor, this.previousSegmentFloor) : this.previousSegmentFloor;
      this.negateActivities(floor, "ABSENT");
    }
    this.loneDenial = false;
    if (this.negatedFrom >= 0 && !this.segmentAffirmed) this.negateFrom(this.negatedFrom, this.backKind);
    if (this.listNormal && !this.segmentTriggered && !this.segmentAffirmed && !this.hypothetical) {
      this.negateActivities(this.segmentFloor);
    }
    this.listNormal = false;
    // An affirmation after a phrase in its segment affirms it too ("walks with difficulty"), and one before a list
    // its bare items.
    if (this.segmentAffirmed || (this.inheritedAffirmation && !this.segmentTriggered)) pendingExplicit.fill(1, this.segmentFloor, this.pending);
    if (this.segmentAffirmed) this.resolutionFloor = this.pending;
    // An affirmed segment ("needs help, (baseline)") is not the usual state: nothing before it to take back.
    this.previousSegmentFloor = this.segmentAffirmed ? this.pending : Math.min(this.segmentFloor, this.pending);
    this.negatedFrom = -1;
    this.segmentFloor = this.pending;
    this.segmentAffirmed = this.goal;
    this.hypothetical = this.segmentNegated = this.segmentTriggered = this.segmentWish = this.conjunction = false;
    this.inheritedAffirmation = this.continuation = this.normalForward = false;
    this.listFloor = -1;
  }

  private negateFrom(floor: number, kind: SetAsideAssertion): void {
    if (floor >= this.pending) return;
    this.segmentNegated = true;
    for (let p = floor; p < this.pending; p++) this.onNegated(pendingTarget[p] ?? 0, pendingStart[p] ?? 0, pendingEnd[p] ?? 0, kind);
    this.pending = floor;
  }

  /** Negates the phrases from `floor` that name an activity, keeping those that name a problem by themselves. */
  private negateActivities(floor: number, kind: SetAsideAssertion = "NORMAL"): void {
    let kept = floor;
    for (let p = floor; p < this.pending; p++) {
      if (pendingProblem[p] !== 1) {
        this.segmentNegated = true;
        this.onNegated(pendingTarget[p] ?? 0, pendingStart[p] ?? 0, pendingEnd[p] ?? 0, kind);
        continue;
      }
      pendingTarget[kept] = pendingTarget[p] ?? 0;
      pendingStart[kept] = pendingStart[p] ?? 0;
      pendingEnd[kept] = pendingEnd[p] ?? 0;
      pendingHistorical[kept] = pendingHistorical[p] ?? 0;
      pendingExplicit[kept] = pendingExplicit[p] ?? 0;
      pendingProblem[kept] = 1;
      kept++;
    }
    this.pending = kept;
  }

  private negateBack(floor: number, kind: SetAsideAssertion): void {
    this.negateFrom(floor, kind);
    this.backKind = kind;
    this.negatedFrom = this.pending;
  }
}

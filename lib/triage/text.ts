/**
 * Reading clinicians' free-text notes: words, shorthand, spelling variants and
 * negation, in one linear pass over the characters (no backtracking).
 *
 * Notes are split into word tokens; punctuation either leaves words adjacent
 * (spaces, hyphens, slashes: "pain-free" reads as "pain free"), separates them
 * (commas, brackets, quotes: a phrase never spans them) or ends a clause
 * (. ; : ! ? and line breaks). Phrases are looked up in a word trie built
 * once at module load, longest phrase first.
 *
 * A negation ("no", "denies", "without", ...) discounts every phrase after it
 * until the clause ends or a word such as "but" or "reports" starts a new
 * assertion, so "no difficulty with washing, dressing or cooking" negates all
 * three. A negating word straight after a phrase ("pain free", "pain-free",
 * "pain resolved") discounts that phrase and the words joined after it, up
 * to the next comma or clause break ("pain free on stairs"). Unknown words,
 * in any language, match nothing.
 */

/** What a word sequence means to the reader, besides evidence for a target. */
const NO_ROLE = -1;
const NEGATION = -2;
const SCOPE_END = -3;
const CONTEXT = -4;

/** Words that negate what follows them in the same clause. */
const NEGATION_PHRASES = [
  "no",
  "denies",
  "denied",
  "deny",
  "denying",
  "without",
  "nil",
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
  "did not have",
  "never had",
  "independent with",
  "independent in",
  "independently with",
];

/** Words that end a negation's reach: a contrast, or the start of a new assertion. */
const SCOPE_ENDING_PHRASES = [
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
  "c/o",
  "complains",
  "complaining",
  "complained",
  "reports",
  "reported",
  "reporting",
  "presents",
  "presenting",
  "struggles",
  "struggling",
  "needs",
  "requires",
  "has",
];

/**
 * Words that carry no evidence but must be read as a unit: clinical context
 * markers, negation look-alikes ("no longer walks" is a loss, not a denial)
 * and phrases whose words mean something else alone ("wound dressing").
 */
const CONTEXT_PHRASES = [
  "hx",
  "h/o",
  "pmh",
  "pmhx",
  "s/p",
  "no longer",
  "no improvement",
  "no change",
  "no better",
  "no relief",
  "no reduction",
  "not independent",
  "wound dressing",
  "wound dressings",
  "dressing change",
  "dressing changes",
  "dressings",
  "ultrasound scan",
  "discharge planning",
  "care planning",
  "medical attention",
];

/** Words that, straight after a phrase, negate it ("pain free", "falls: none" reads as a new clause). */
const POSTFIX_NEGATIONS = new Set(["free", "resolved", "absent", "denied", "nil", "none"]);

/** British and American spellings that no suffix rule derives. */
const SPELLING_PAIRS: readonly (readonly [string, string])[] = [
  ["programme", "program"],
  ["programmes", "programs"],
  ["oedema", "edema"],
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

const ASCII_CLASS = new Uint8Array(128).fill(SEPARATOR);
for (let c = 48; c <= 57; c++) ASCII_CLASS[c] = WORD;
for (let c = 65; c <= 90; c++) ASCII_CLASS[c] = WORD;
for (let c = 97; c <= 122; c++) ASCII_CLASS[c] = WORD;
for (const ch of " \t\f\v-") ASCII_CLASS[ch.charCodeAt(0)] = SPACE;
for (const ch of ".;:!?\n\r") ASCII_CLASS[ch.charCodeAt(0)] = BREAK;
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

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

const APOSTROPHES = /['’‘ʼ]/g;

/** Token buffers reused across calls so a scan allocates no large structures. */
let capacity = 1024;
let tokenStart = new Int32Array(capacity);
let tokenEnd = new Int32Array(capacity);
let tokenKind = new Uint8Array(capacity);
let tokenJoined = new Uint8Array(capacity);
const tokenKey: string[] = [];

/** Grows the buffers before a scan; their old contents are not needed then. */
function ensureCapacity(needed: number): void {
  if (needed <= capacity) return;
  while (capacity < needed) capacity *= 2;
  tokenStart = new Int32Array(capacity);
  tokenEnd = new Int32Array(capacity);
  tokenKind = new Uint8Array(capacity);
  tokenJoined = new Uint8Array(capacity);
}

/**
 * Splits notes into tokens in the shared buffers and returns their count.
 * Keys are lower case without apostrophes ("Can’t" reads "cant"), except
 * registered abbreviations, whose key keeps their exact case ("MS", not "Ms").
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
  while (i < length) {
    const c = notes.charCodeAt(i);
    const kind = charClass(c);
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
      if (hasApostrophe) key = key.replace(APOSTROPHES, "");
      if (i - start <= longestAbbreviation && c >= 65 && c <= 90) {
        const exact = notes.slice(start, i);
        if (abbreviations.has(exact)) key = exact;
      }
      tokenStart[count] = start;
      tokenEnd[count] = i;
      tokenKind[count] = WORD;
      tokenJoined[count] = joined;
      tokenKey[count] = key;
      count++;
      joined = 1;
    } else if (kind === BREAK) {
      if (count > 0 && tokenKind[count - 1] !== BREAK) {
        tokenStart[count] = i;
        tokenEnd[count] = i + 1;
        tokenKind[count] = BREAK;
        tokenJoined[count] = 0;
        tokenKey[count] = "";
        count++;
      }
      joined = 0;
      i++;
    } else {
      if (kind !== SPACE && kind !== SLASH) joined = 0;
      i++;
    }
  }
  return count;
}

/** The key sequence a phrase is written as, read by the same tokenizer as the notes. */
function phraseKeys(phrase: string, exactCase: boolean): string[] {
  if (exactCase) return [phrase];
  const count = tokenize(phrase, EMPTY_SET, 0);
  const keys: string[] = [];
  for (let t = 0; t < count; t++) {
    if (tokenKind[t] !== WORD) throw new Error(`Phrase "${phrase}" contains a clause break`);
    keys.push(tokenKey[t] ?? "");
  }
  if (keys.length === 0) throw new Error(`Phrase "${phrase}" has no words`);
  return keys;
}

const EMPTY_SET: ReadonlySet<string> = new Set();

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

interface PhraseNode {
  role: number;
  children: Map<string, PhraseNode> | null;
}

function childFor(parent: Map<string, PhraseNode>, variants: readonly string[]): PhraseNode {
  let child: PhraseNode | undefined;
  for (const variant of variants) child ??= parent.get(variant);
  child ??= { role: NO_ROLE, children: null };
  for (const variant of variants) if (!parent.has(variant)) parent.set(variant, child);
  return child;
}

function insertPhrase(root: Map<string, PhraseNode>, phrase: string, role: number, exactCase: boolean): void {
  let level = root;
  let node: PhraseNode | undefined;
  for (const key of phraseKeys(phrase, exactCase)) {
    if (node) level = node.children ??= new Map();
    node = childFor(level, exactCase ? [key] : spellingVariants(key));
  }
  if (!node) return;
  if (node.role !== NO_ROLE && node.role !== role) {
    throw new Error(`Phrase "${phrase}" is claimed by two meanings`);
  }
  node.role = role;
}

/** Words for one evidence target: phrases match in any case, abbreviations only in the case written. */
export interface NotesVocabulary {
  readonly phrases: readonly string[];
  readonly abbreviations: readonly string[];
}

/** Called once per unnegated phrase, in text order, with the target index and the span in the notes. */
export type OnNotesEvidence = (target: number, start: number, end: number) => void;

export interface NotesMatcher {
  scan(notes: string, onEvidence: OnNotesEvidence): void;
}

/** Builds the phrase trie for the given evidence targets; throws when two meanings claim one phrase. */
export function compileNotesMatcher(targets: readonly NotesVocabulary[]): NotesMatcher {
  const root = new Map<string, PhraseNode>();
  for (const phrase of NEGATION_PHRASES) insertPhrase(root, phrase, NEGATION, false);
  for (const phrase of SCOPE_ENDING_PHRASES) insertPhrase(root, phrase, SCOPE_END, false);
  for (const phrase of CONTEXT_PHRASES) insertPhrase(root, phrase, CONTEXT, false);
  const abbreviations = new Set<string>();
  let longestAbbreviation = 0;
  targets.forEach((target, index) => {
    for (const phrase of target.phrases) insertPhrase(root, phrase, index, false);
    for (const abbreviation of target.abbreviations) {
      if (!/^[A-Z][A-Z0-9]*$/.test(abbreviation)) {
        throw new Error(`Abbreviation "${abbreviation}" must be upper-case letters and digits`);
      }
      insertPhrase(root, abbreviation, index, true);
      abbreviations.add(abbreviation);
      longestAbbreviation = Math.max(longestAbbreviation, abbreviation.length);
    }
  });

  return {
    scan(notes, onEvidence) {
      const count = tokenize(notes, abbreviations, longestAbbreviation);
      let negated = false;
      // A postfix negation ("pain free on stairs") also covers the words joined after it.
      let negatedUntilSeparator = false;
      let t = 0;
      while (t < count) {
        if (tokenJoined[t] === 0) negatedUntilSeparator = false;
        if (tokenKind[t] === BREAK) {
          negated = false;
          t++;
          continue;
        }
        let node = root.get(tokenKey[t] ?? "");
        if (!node) {
          t++;
          continue;
        }
        let role = node.role;
        let last = t;
        for (let next = t + 1; node.children && next < count && tokenJoined[next] === 1; next++) {
          node = node.children.get(tokenKey[next] ?? "");
          if (!node) break;
          if (node.role !== NO_ROLE) {
            role = node.role;
            last = next;
          }
        }
        if (role === NEGATION) {
          negated = true;
        } else if (role === SCOPE_END) {
          negated = false;
          negatedUntilSeparator = false;
        } else if (role >= 0) {
          const after = last + 1;
          const negatedAfter =
            after < count && tokenJoined[after] === 1 && POSTFIX_NEGATIONS.has(tokenKey[after] ?? "");
          if (!negated && !negatedUntilSeparator && !negatedAfter) {
            onEvidence(role, tokenStart[t] ?? 0, tokenEnd[last] ?? 0);
          }
          if (negatedAfter) {
            negatedUntilSeparator = true;
            // The negating word belongs to this phrase: it must not start a clause-long negation ("pain nil, ...").
            last = after;
          }
        }
        t = role === NO_ROLE ? t + 1 : last + 1;
      }
    },
  };
}

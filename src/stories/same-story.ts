/**
 * "The same story from several sources": two articles are one story when they have the same canonical link, or when
 * their headlines are near-duplicates published within 48 hours of each other (one agency report carried by several
 * outlets, lightly edited).
 *
 * The headline test, in order:
 * 1. Agency and outlet tags are stripped ("UPDATE 2-", "LIVE:", "Exclusive-", " - BBC News", "— ТАСС", "(ФОТО)"…),
 *    numbers are read as values (5,000 = 5000 = 5K; 1,5 тысячи = 1500; 5,2 = 5.2; 8 647 = 8647), and the rest is
 *    folded (src/topics/text.ts: case, diacritics, NFKD) into content words: function words and one-letter words out.
 * 2. Words match when equal, when one is the other plus an inflectional ending (Hungary's/Hungary, endirib/endirdi,
 *    знеструмлені/знеструмлено, руб./рублей), when one ends with the other (beşmərtəbəli/mərtəbəli), or when their
 *    consonant skeletons agree (Kyiv/Kiev, Zelenskiy/Zelenski, Гегсет/Хегсет, Əliyev/Aliyev).
 * 3. Enough must match: at least MIN_SHARED words and numbers, containment (shared / shorter headline) at least
 *    MIN_CONTAINMENT and Dice (shared / mean length) at least MIN_DICE. Containment lets one outlet add or drop a
 *    detail; the Dice floor stops a short headline from joining every longer one that contains it.
 * 4. Vetoes, for near-identical headlines of different events ("Earthquake hits Izmir" / "… hits Balıkesir"):
 *    - each headline has a number the other lacks (stage 12 / stage 13, 15 October / 16 October, 38 / 36 degrees),
 *      unless one is a versioned agency update ("UPDATE 2-"), whose figures are expected to move;
 *    - a substitution: between the same two matched neighbours (or the same end), each headline has a word the other
 *      lacks anywhere (Izmir / Balıkesir, физике / химии, first / second round). A word added on one side only, or
 *      moved, is not a substitution; nor is an acronym against the words it stands for (ТЦ / торгового центра).
 *
 * Thresholds, on the labelled pairs (test/eval/story-pairs.json, tuned on odd ids): the vetoes do the separating;
 * every negative pair fails a veto or MIN_SHARED whatever the thresholds, and the hardest wire pairs have containment
 * above 0.8 and Dice above 0.75. MIN_CONTAINMENT and MIN_DICE sit below them with room for heavier edits.
 *
 * storySignature does all the text work once per article; sameStory compares integers (most unrelated pairs are
 * ruled out by per-headline bit masks before any word is compared) and, for the few pairs that come close,
 * characters, using preallocated scratch arrays: no allocation, no regular expressions. 500 headlines' 124,750 pairs
 * take about 20-40 ms.
 */
import { foldText, words } from "../topics/text.js";

/** Headlines further apart than this are never the same story by their titles. */
export const STORY_WINDOW_MS = 48 * 3_600_000;

/** Shared content words and numbers needed at the least. */
export const MIN_SHARED = 2;
/** Shared words and numbers over those of the shorter headline. */
export const MIN_CONTAINMENT = 0.7;
/**
 * Shared words and numbers over the mean of both headlines' counts (Dice). At 0.6 a headline wholly contained in
 * another may be at most about 2.3 times shorter, so "Ukraine war latest" does not absorb every longer story.
 */
export const MIN_DICE = 0.6;

/** Longest headline considered, in content words (the rest is ignored). */
const MAX_WORDS = 40;
/** Values kept per number: as read, the other reading of an ambiguous separator, and both scaled by a unit word. */
const NUMBER_SLOTS = 4;
const MAX_NUMBERS = 16;

/** What the decision needs of an article, worked out once per article. */
export interface StorySignature {
  /** Canonical-link key, or null. */
  readonly canonical: string | null;
  readonly publishedAt: number;
  /** Whether the headline carried a versioned agency tag ("UPDATE 2-"): a later version of a report. */
  readonly updated: boolean;
  /** Content words, folded, in headline order. */
  readonly words: readonly string[];
  /** Per word: hash of the word. */
  readonly hashes: Int32Array;
  /** Per word: its first character's code (a loose match other than by skeleton or tail starts alike). */
  readonly firsts: Int32Array;
  /** Per word: hash of its consonant skeleton, or 0 when it has none worth comparing. */
  readonly skeletons: Int32Array;
  /** Per word: hash of its last COMPOUND_TAIL characters, or 0 when it is shorter. */
  readonly tails: Int32Array;
  /**
   * Per word: one bit (of 32) for its first character, one for its skeleton and one for its tail; and the union of
   * each over the words. A word can only match a word of another headline that shares one of the three bits, which
   * rules out most unrelated pairs before any word is compared.
   */
  readonly firstBits: Int32Array;
  readonly skeletonBits: Int32Array;
  readonly tailBits: Int32Array;
  readonly firstMask: number;
  readonly skeletonMask: number;
  readonly tailMask: number;
  /** Per word: 1 when it was written as an abbreviation (ТЦ, руб.). */
  readonly abbreviations: Uint8Array;
  /** The headline's numbers, NUMBER_SLOTS values each (NaN for an unused slot). */
  readonly numbers: Float64Array;
}

/** Title of an article → its signature. `canonical` is the article's canonical-link key (or null). */
export function storySignature(article: { title: string; canonical?: string | null; publishedAt: number }): StorySignature {
  const { text, updated } = stripTags(article.title);
  const { rest, numbers } = readNumbers(text);
  const caps = mostlyCapitals(rest);
  const found: string[] = [];
  const abbreviations: number[] = [];
  for (const match of rest.matchAll(RAW_TOKEN)) {
    let raw = match[0];
    if (!caps && ROMAN.test(raw) && numbers.length < MAX_NUMBERS * NUMBER_SLOTS) {
      numbers.push(romanValue(raw), NaN, NaN, NaN);
      continue;
    }
    raw = raw.replace(POSSESSIVE, "").replace(APOSTROPHES, "");
    const dotted = rest.charCodeAt(match.index + match[0].length) === 46; // "руб."
    const abbreviation = dotted || (!caps && raw.length >= 2 && raw.length <= 5 && raw === raw.toUpperCase() && raw !== raw.toLowerCase());
    for (const word of words(raw)) {
      if (word.length < 2 || STOPWORDS.has(word) || found.length >= MAX_WORDS) continue;
      found.push(word);
      abbreviations.push(abbreviation ? 1 : 0);
    }
  }
  const hashes = new Int32Array(found.length);
  const firsts = new Int32Array(found.length);
  const skeletons = new Int32Array(found.length);
  const tails = new Int32Array(found.length);
  const firstBits = new Int32Array(found.length);
  const skeletonBits = new Int32Array(found.length);
  const tailBits = new Int32Array(found.length);
  let firstMask = 0;
  let skeletonMask = 0;
  let tailMask = 0;
  found.forEach((word, i) => {
    hashes[i] = hashOf(word);
    firsts[i] = word.charCodeAt(0);
    const skeleton = skeletonOf(word);
    skeletons[i] = word.length >= 4 && skeleton.length >= 2 ? hashOf(skeleton) || 1 : 0;
    tails[i] = word.length >= COMPOUND_TAIL ? hashOf(word.slice(-COMPOUND_TAIL)) || 1 : 0;
    firstMask |= firstBits[i] = 1 << (hashOf(word.charAt(0)) & 31);
    skeletonMask |= skeletonBits[i] = skeletons[i] === 0 ? 0 : 1 << (skeletons[i]! & 31);
    tailMask |= tailBits[i] = tails[i] === 0 ? 0 : 1 << (tails[i]! & 31);
  });
  return {
    canonical: article.canonical ?? null,
    publishedAt: article.publishedAt,
    updated,
    words: found,
    hashes,
    firsts,
    skeletons,
    tails,
    firstBits,
    skeletonBits,
    tailBits,
    firstMask,
    skeletonMask,
    tailMask,
    abbreviations: Uint8Array.from(abbreviations),
    numbers: Float64Array.from(numbers),
  };
}

// Scratch space for sameStory (JavaScript runs it on one thread at a time).
const matchOfA = new Int32Array(MAX_WORDS);
const matchOfB = new Int32Array(MAX_WORDS);
const numberUsed = new Uint8Array(MAX_NUMBERS);
const chainLength = new Int32Array(MAX_WORDS);
const chainPrev = new Int32Array(MAX_WORDS);
const anchorOfA = new Int32Array(MAX_WORDS);
const gapOfA = new Int32Array(MAX_WORDS);
const gapOfB = new Int32Array(MAX_WORDS);

/** Whether two articles are the same story: same canonical key, or near-duplicate titles published within 48 hours. */
export function sameStory(a: StorySignature, b: StorySignature): boolean {
  if (a.canonical !== null && a.canonical === b.canonical) return true;
  if (Math.abs(a.publishedAt - b.publishedAt) > STORY_WINDOW_MS) return false;
  // Word matching is greedy and walks the first headline: take the two in a fixed order, so that the answer does not
  // depend on the order of the arguments.
  return before(a, b) ? similarTitles(a, b) : similarTitles(b, a);
}

/** A fixed order of signatures: fewer words first, then by the words' hashes, then by the numbers. */
function before(a: StorySignature, b: StorySignature): boolean {
  if (a.words.length !== b.words.length) return a.words.length < b.words.length;
  for (let i = 0; i < a.words.length; i++) if (a.hashes[i] !== b.hashes[i]) return a.hashes[i]! < b.hashes[i]!;
  if (a.numbers.length !== b.numbers.length) return a.numbers.length < b.numbers.length;
  for (let i = 0; i < a.numbers.length; i++) {
    const x = a.numbers[i]!;
    const y = b.numbers[i]!;
    if (x === y || (Number.isNaN(x) && Number.isNaN(y))) continue;
    return Number.isNaN(y) || x < y; // an unused slot (NaN) sorts last
  }
  return true;
}

/** Whether the headlines are near-duplicates (the window and the links are checked). */
function similarTitles(a: StorySignature, b: StorySignature): boolean {
  const nA = a.words.length;
  const nB = b.words.length;
  const numbersA = a.numbers.length / NUMBER_SLOTS;
  const numbersB = b.numbers.length / NUMBER_SLOTS;
  const totalA = nA + numbersA;
  const totalB = nB + numbersB;
  const shorter = Math.min(totalA, totalB);
  if (shorter < MIN_SHARED) return false;

  // Numbers: each of A's finds one of B's with a value in common.
  let sharedNumbers = 0;
  numberUsed.fill(0, 0, numbersB);
  for (let i = 0; i < numbersA; i++) {
    for (let j = 0; j < numbersB; j++) {
      if (numberUsed[j] === 0 && sameNumber(a.numbers, i, b.numbers, j)) {
        numberUsed[j] = 1;
        sharedNumbers++;
        break;
      }
    }
  }
  // Different numbers on both sides: different events (unless a versioned update moved the figures).
  if (sharedNumbers < numbersA && sharedNumbers < numbersB && !a.updated && !b.updated) return false;

  // Words that could match at all (see firstBits): too few, and the pair is not the same story.
  let possible = 0;
  for (let i = 0; i < nA; i++) {
    if ((a.firstBits[i]! & b.firstMask) !== 0 || (a.skeletonBits[i]! & b.skeletonMask) !== 0 || (a.tailBits[i]! & b.tailMask) !== 0) possible++;
  }
  if (!enough(sharedNumbers + Math.min(possible, nB), totalA, totalB)) return false;

  // Words, one-to-one: an equal word if there is one, else a loose match that no later word of A equals. Stop as soon
  // as too many of A's words found nothing for the pair to share enough.
  matchOfA.fill(-1, 0, nA);
  matchOfB.fill(-1, 0, nB);
  let shared = sharedNumbers;
  let missed = 0;
  for (let i = 0; i < nA; i++) {
    const j = partnerOf(a, i, b);
    if (j !== -1) {
      matchOfA[i] = j;
      matchOfB[j] = i;
      shared++;
    } else if (!enough(sharedNumbers + Math.min(nA - ++missed, nB), totalA, totalB)) return false;
  }
  if (!enough(shared, totalA, totalB)) return false;
  return !substitution(a, b);
}

/** The unmatched word of `b` that word i of `a` matches, or -1. */
function partnerOf(a: StorySignature, i: number, b: StorySignature): number {
  const nB = b.words.length;
  const hash = a.hashes[i]!;
  for (let j = 0; j < nB; j++) if (matchOfB[j] === -1 && b.hashes[j] === hash && a.words[i] === b.words[j]) return j;
  const first = a.firsts[i]!;
  const skeleton = a.skeletons[i]!;
  const tail = a.tails[i]!;
  for (let j = 0; j < nB; j++) {
    if (matchOfB[j] !== -1) continue;
    if (b.firsts[j] !== first && (skeleton === 0 || b.skeletons[j] !== skeleton) && (tail === 0 || b.tails[j] !== tail)) continue;
    if (looseMatch(a, i, b, j) && !equalLater(a, i, b, j)) return j;
  }
  return -1;
}

/** Whether a later word of `a` equals word j of `b` (and should have it rather than a loose match). */
function equalLater(a: StorySignature, i: number, b: StorySignature, j: number): boolean {
  const hash = b.hashes[j]!;
  for (let k = i + 1; k < a.words.length; k++) if (a.hashes[k] === hash && a.words[k] === b.words[j]) return true;
  return false;
}

function enough(shared: number, totalA: number, totalB: number): boolean {
  return shared >= MIN_SHARED && shared >= MIN_CONTAINMENT * Math.min(totalA, totalB) && 2 * shared >= MIN_DICE * (totalA + totalB);
}

function sameNumber(x: Float64Array, i: number, y: Float64Array, j: number): boolean {
  for (let s = 0; s < NUMBER_SLOTS; s++) {
    const value = x[i * NUMBER_SLOTS + s]!;
    if (Number.isNaN(value)) continue;
    for (let t = 0; t < NUMBER_SLOTS; t++) if (value === y[j * NUMBER_SLOTS + t]) return true;
  }
  return false;
}

/** Words of the same story that are not equal: inflection, abbreviation, compound, transliteration. */
function looseMatch(a: StorySignature, i: number, b: StorySignature, j: number): boolean {
  const x = a.words[i]!;
  const y = b.words[j]!;
  const short = x.length <= y.length ? x : y;
  const long = short === x ? y : x;
  let common = 0;
  while (common < short.length && short.charCodeAt(common) === long.charCodeAt(common)) common++;
  if (common === short.length) {
    // One starts with the other: a stem and its ending, or an abbreviation.
    if (short.length >= 4) return true;
    if ((short === x ? a.abbreviations[i] : b.abbreviations[j]) === 1 && short.length >= 3) return true;
    if (long.length - short.length <= 2) return true;
  } else if (common >= 4 && Math.max(short.length, long.length) - common <= common - 2) {
    // A common stem with different endings (получал/получил, endirib/endirdi, мінімальну/мінімалку).
    return true;
  }
  if (a.tails[i] !== 0 && a.tails[i] === b.tails[j] && long.endsWith(short)) return true; // beşmərtəbəli / mərtəbəli
  return a.skeletons[i] !== 0 && a.skeletons[i] === b.skeletons[j] && long.length - short.length <= 2 && short.length >= 4;
}

/**
 * Whether the two headlines swap one thing for another: between the same two aligned words (or the same end), each
 * has a word found nowhere in the other. The aligned words are the longest run of matched words in the same order in
 * both (a word moved elsewhere is matched but not aligned, and is no substitution).
 */
function substitution(a: StorySignature, b: StorySignature): boolean {
  const nA = a.words.length;
  const nB = b.words.length;
  // Longest chain of A's matched words whose B positions increase.
  let best = -1;
  for (let i = 0; i < nA; i++) {
    chainLength[i] = 0;
    chainPrev[i] = -1;
    const j = matchOfA[i]!;
    if (j === -1) continue;
    chainLength[i] = 1;
    for (let k = 0; k < i; k++) {
      if (chainLength[k]! > 0 && matchOfA[k]! < j && chainLength[k]! + 1 > chainLength[i]!) {
        chainLength[i] = chainLength[k]! + 1;
        chainPrev[i] = k;
      }
    }
    if (best === -1 || chainLength[i]! > chainLength[best]!) best = i;
  }
  // Anchors: anchorOfA[i] = 1 for A's words in the chain; gaps are numbered by the anchor before them (0 = start).
  anchorOfA.fill(0, 0, nA);
  for (let i = best; i !== -1; i = chainPrev[i]!) anchorOfA[i] = 1;
  gapOfB.fill(-1, 0, nB);
  let gap = 0;
  for (let i = 0; i < nA; i++) {
    if (anchorOfA[i] === 1) {
      gap++;
      gapOfB[matchOfA[i]!] = -2; // an anchor in B
      gapOfA[i] = -2;
    } else gapOfA[i] = gap;
  }
  // B's gaps: count anchors passed, in B order.
  gap = 0;
  for (let j = 0; j < nB; j++) {
    if (gapOfB[j] === -2) gap++;
    else gapOfB[j] = gap;
  }
  for (let i = 0; i < nA; i++) {
    if (matchOfA[i] !== -1 || gapOfA[i] === -2) continue;
    for (let j = 0; j < nB; j++) {
      if (matchOfB[j] !== -1 || gapOfB[j] !== gapOfA[i]) continue;
      if (!acronymGap(a, b, gapOfA[i]!)) return true;
    }
  }
  return false;
}

/** Whether a gap is an abbreviation on one side and the words it abbreviates on the other (ТЦ / торгового центра). */
function acronymGap(a: StorySignature, b: StorySignature, gap: number): boolean {
  return abbreviates(a, gapOfA, matchOfA, b, gapOfB, matchOfB, gap) || abbreviates(b, gapOfB, matchOfB, a, gapOfA, matchOfA, gap);
}

function abbreviates(x: StorySignature, gapsX: Int32Array, matchX: Int32Array, y: StorySignature, gapsY: Int32Array, matchY: Int32Array, gap: number): boolean {
  let word = -1;
  for (let i = 0; i < x.words.length; i++) {
    if (gapsX[i] !== gap || matchX[i] !== -1) continue;
    if (word !== -1) return false; // more than one word on the abbreviation's side
    word = i;
  }
  if (word === -1 || x.abbreviations[word] !== 1) return false;
  const letters = x.words[word]!;
  let k = 0;
  for (let j = 0; j < y.words.length; j++) {
    if (gapsY[j] !== gap || matchY[j] !== -1) continue;
    if (k >= letters.length || y.words[j]!.charCodeAt(0) !== letters.charCodeAt(k)) return false;
    k++;
  }
  return k === letters.length;
}

// ---------------------------------------------------------------------------------------------------------------
// Headline preparation (storySignature)

/** A run of letters, apostrophes inside it included (м’ясо, O'Brien). */
const RAW_TOKEN = /[\p{L}\p{M}]+(?:['’ʼ`´][\p{L}\p{M}]+)*/gu;
const APOSTROPHES = /['’ʼ`´]/g;
const POSSESSIVE = /['’]s$/i;
const ROMAN = /^(?=[IVXLC]{2,}$)C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;
const COMPOUND_TAIL = 6;

// Generic markers an agency or outlet puts before a headline ("UPDATE 2-", "LIVE:", "Exclusive-", "ФОТО:").
const MARKER =
  "(?:UPDATE|CORRECTED|REFILE|BREAKING(?:\\s+NEWS)?|LIVE|EXCLUSIVE|ЭКСКЛЮЗИВ|ЕКСКЛЮЗИВ|СРОЧНО|ТЕРМІНОВО|МОЛНИЯ|ОНОВЛЕНО|ОБНОВЛЕНО|SON\\s+DƏQİQƏ|VIDEO|VİDEO|ВИДЕО|ВІДЕО|FOTO|ФОТО|PHOTOS?)";
const LEADING_TAG = new RegExp(`^\\s*${MARKER}(\\s*\\d+)?\\s*(?:[-–—:|]|\\s+[-–—:|])\\s*`, "iu");
const VERSIONED = /^\s*UPDATE\s*\d+/i;
// A marker in brackets anywhere: "(ФОТО)", "[VIDEO]", "(FOTO, VIDEO)".
const BRACKETED_TAG = new RegExp(`\\s*[([]\\s*${MARKER}(?:\\s*[,/+і&и]?\\s*${MARKER})*\\s*[)\\]]`, "giu");
// A short source name or marker after a dash or bar at the end: " - BBC News", " — ТАСС", "| Reuters", " - VİDEO".
const SOURCE_SUFFIX = /\s+[-–—|]\s+([^\d\-–—|:]{2,32})$/u;
// " By Reuters", as some aggregators append it.
const BY_SOURCE = /\s+By\s+\p{Lu}[\p{L}.]*$/u;

function stripTags(title: string): { text: string; updated: boolean } {
  let text = title.normalize("NFC").trim();
  let updated = false;
  for (let round = 0; round < 3; round++) {
    const match = LEADING_TAG.exec(text);
    if (!match) break;
    if (VERSIONED.test(match[0])) updated = true;
    text = text.slice(match[0].length);
  }
  text = text.replace(BRACKETED_TAG, "");
  for (let round = 0; round < 2; round++) {
    const suffix = SOURCE_SUFFIX.exec(text);
    if (!suffix || suffix[1]!.trim().split(/\s+/).length > 3 || text.length - suffix[0].length < 12) break;
    text = text.slice(0, suffix.index);
  }
  text = text.replace(BY_SOURCE, "");
  return { text, updated };
}

/** Whether a headline is written in capitals (Drudge style), so that capitals say nothing about single words. */
function mostlyCapitals(text: string): boolean {
  let upper = 0;
  let lower = 0;
  for (const ch of text) {
    if (ch !== ch.toLowerCase()) upper++;
    else if (ch !== ch.toUpperCase()) lower++;
  }
  return upper > lower;
}

// A number as written: digits with "," or "." inside, or thousands grouped by spaces ("8 647", "1 020").
const NUMBER = /\d+(?:(?:[.,]|[ \u00A0\u2009\u202F](?=\d{3}(?!\d)))\d+)*/gu;
// Letters right after a number: a unit word ("200K", "5 млрд", "1,5 тысячи") or a suffix ("9-cu", "2-й", "12th").
const AFTER_NUMBER = /^(\s?)-?(\p{L}+)\.?/u;
const SCALES: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(?:k|thousands?|тыс|тысяч\p{L}*|тис|тисяч\p{L}*|min)$/u, 1e3],
  [/^(?:mn|mln|millions?|млн|миллион\p{L}*|мільйон\p{L}*|milyon)$/u, 1e6],
  [/^(?:bn|billions?|млрд|миллиард\p{L}*|мільярд\p{L}*|milyard)$/u, 1e9],
  [/^(?:tn|trillions?|трлн|триллион\p{L}*|трильйон\p{L}*|trilyon)$/u, 1e12],
];

/** The headline's numbers as values (NUMBER_SLOTS each), and its text with the numbers and their suffixes taken out. */
function readNumbers(text: string): { rest: string; numbers: number[] } {
  const numbers: number[] = [];
  let rest = "";
  let last = 0;
  for (const match of text.matchAll(NUMBER)) {
    const start = match.index;
    let end = start + match[0].length;
    const values = numberValues(match[0]);
    const after = AFTER_NUMBER.exec(text.slice(end));
    let scale = 1;
    if (after) {
      const word = foldText(after[2]!);
      scale = SCALES.find(([pattern]) => pattern.test(word))?.[1] ?? 1;
      // A unit word or a suffix glued on ("200K", "9-cu", "12th") goes with the number; other words stay.
      if (scale !== 1 ? true : after[1] === "" && after[2]!.length <= 3) end += after[0].length;
    }
    rest += `${text.slice(last, start)} `;
    last = end;
    if (numbers.length >= MAX_NUMBERS * NUMBER_SLOTS) continue;
    const [first, second] = values;
    numbers.push(first, second, scale === 1 ? NaN : first * scale, scale === 1 || Number.isNaN(second) ? NaN : second * scale);
  }
  rest += text.slice(last);
  return { rest, numbers };
}

/** A written number's value, and its other reading when a lone separator before three digits is ambiguous (1,500). */
function numberValues(written: string): [number, number] {
  const plain = written.replace(/[ \u00A0\u2009\u202F]/g, "");
  const separators = plain.match(/[.,]/g) ?? [];
  if (separators.length === 0) return [Number(plain), NaN];
  const lastAt = Math.max(plain.lastIndexOf("."), plain.lastIndexOf(","));
  const tail = plain.length - lastAt - 1;
  const grouped = Number(plain.replace(/[.,]/g, ""));
  const decimal = Number(`${plain.slice(0, lastAt).replace(/[.,]/g, "")}.${plain.slice(lastAt + 1)}`);
  if (new Set(separators).size > 1) return [decimal, NaN]; // 1,234.5 or 1.234,5
  if (separators.length > 1) return [grouped, NaN]; // 1,234,567
  return tail === 3 ? [grouped, decimal] : [decimal, NaN];
}

function romanValue(numeral: string): number {
  const digit: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
  let value = 0;
  for (let i = 0; i < numeral.length; i++) {
    const here = digit[numeral[i]!]!;
    const next = i + 1 < numeral.length ? digit[numeral[i + 1]!]! : 0;
    value += here < next ? -here : here;
  }
  return value;
}

/**
 * A word's consonants, for spellings of one name in one script: vowels (and й, ь, y) dropped, c/k/q, v/w and г/ґ/х
 * merged, doubled letters single. Kyiv and Kiev give "kv"; Гегсет and Хегсет "гсгт"; Əliyev and Aliyev "lv".
 */
function skeletonOf(word: string): string {
  let out = "";
  for (const ch of word) {
    let c = ch;
    if (SKELETON_VOWELS.includes(c)) continue;
    if (c === "c" || c === "q") c = "k";
    else if (c === "w") c = "v";
    else if (c === "ґ" || c === "х") c = "г";
    if (!out.endsWith(c)) out += c;
  }
  return out;
}
const SKELETON_VOWELS = "aeiouyıəаеёиіїоуыэюяєйьъ";

/** 32-bit FNV-1a of a string's UTF-16 units. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

// Function words of the bot's languages (en, ru, uk, az): they neither make two headlines alike nor set them apart.
const STOPWORDS: ReadonlySet<string> = new Set(
  [
    // English
    "a an the and or but if of at by for with about against between into through during before after above below to from up down in out on off over under again further then once here there when where why how all any both each few more most other some such no nor not only own same so than too very can will just should now is are was were be been being have has had having do does did doing it its this that these those as he she they we you his her their our your my me him them us who whom which what would could may might must",
    // Russian
    "и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня еще нет о из ему теперь когда даже ну ли если уже или ни быть был него до вас нибудь уж вам ведь там потом себя ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой ним здесь этом мой тем чтобы нее были куда зачем всех можно при об хоть после над больше тот через эти нас про всего них какая много разве эту моя свою этой перед лучше чуть том такой им более всегда всю между это также",
    // Ukrainian
    "і й та в у з із зі на до від для по про при за під над через після перед між о об а але або чи що як це цей ця ці той те ті не ні же ж вже ще бо якщо коли де його її їх він вона воно вони ми ви я ти собі себе свій своє був була було були буде є також тому тут там щоб аби лише тільки вже може",
    // Azerbaijani (with the light verbs that carry tense in headlines: olub, edib, edilib, olundu…)
    "və ilə bu o da də ki üçün bir hər isə amma lakin ya yaxud həm çox daha ən kimi görə sonra əvvəl qədər artıq hələ belə onun onlar biz siz mən sən olub oldu olur olar olacaq olmuş edib etdi edir edər edəcək etmiş edilib edildi edilir ediləcək olunub olundu olunur olunacaq",
  ]
    .join(" ")
    .split(" ")
    .map((word) => foldText(word)),
);

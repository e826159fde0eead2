/**
 * The evaluation's figures, computed from the labelled sets in this folder (README.md): the topic matcher with the
 * built-in topics over the tuning sets and over the blind set, and same-story pairing (src/stories/same-story.ts) over
 * story-pairs.json. eval-topics.ts prints them; tests can check them against the targets.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { canonicalKey } from "../../src/feeds/identity.js";
import { sameStory, storySignature } from "../../src/stories/same-story.js";
import { BUILTIN_TOPICS } from "../../src/topics/builtin-topics.js";
import { TopicMatcher } from "../../src/topics/matcher.js";

export const TARGETS = { macroPrecision: 0.95, macroRecall: 0.9, storyPrecision: 0.95, storyRecall: 0.85 } as const;

export interface Headline {
  id: string;
  lang: string;
  title: string;
  summary: string;
  categories: string[];
  topics: string[];
}

export interface StoryArticleSample {
  title: string;
  summary: string;
  source: string;
  lang: string;
  link: string;
}

export const PAIR_KINDS = ["wire", "link", "rewrite", "different", "template"] as const;
export type PairKind = (typeof PAIR_KINDS)[number];
/** The kinds same-story folding is defined for: recall is measured over these. */
export const NEAR_DUPLICATE_KINDS: readonly PairKind[] = ["wire", "link"];

export interface StoryPair {
  id: string;
  kind: PairKind;
  a: StoryArticleSample;
  b: StoryArticleSample;
  hoursApart: number;
  same: boolean;
}

export interface TopicScore {
  precision: number;
  recall: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface TopicFigures {
  file: string;
  headlines: number;
  /** Macro precision and recall, and each topic's, per language. */
  byLang: Record<string, LangFigures>;
  /** Per topic, in the built-in topics' order. */
  topics: Record<string, TopicScore>;
  macroPrecision: number;
  macroRecall: number;
  /** Headlines whose topics are all right. */
  allRight: number;
  /** "id: matched [...], labelled [...]" for the others. */
  misses: string[];
}

export interface LangFigures {
  headlines: number;
  macroPrecision: number;
  macroRecall: number;
  topics: Record<string, TopicScore>;
}

export interface KindFigures {
  pairs: number;
  /** Pairs the function called the same story. */
  calledSame: number;
  /** Pairs it got right (called same when labelled same, or not when not). */
  right: number;
}

export interface StoryMistake {
  id: string;
  kind: PairKind;
  /** The label. */
  same: boolean;
  hoursApart: number;
  a: string;
  b: string;
}

export interface StoryFigures {
  pairs: number;
  kinds: Record<PairKind, KindFigures>;
  /** Of all pairs called the same story, the share labelled same. */
  precision: number;
  /** Of the near-duplicate pairs (wire and link), the share called the same story. */
  recall: number;
  /** Of the rewrite pairs (independent reports of one event, out of reach of headline similarity), the share called same. */
  rewriteRecall: number;
  mistakes: StoryMistake[];
}

export interface EvalFigures {
  /** Every tuning set together (TUNING_SETS): the lists were tuned on these. */
  topics: TopicFigures;
  /** The blind set (BLIND_SET), never used for tuning; absent until it is written. */
  blind?: TopicFigures;
  /** The blind headlines whose titles are unlike every tuning headline's (unlikeTuning). */
  blindUnlike?: TopicFigures;
  stories: StoryFigures;
  /** The same-story figures on odd-numbered pair ids (the ones the threshold was tuned on) and on even ones. */
  storiesOdd: StoryFigures;
  storiesEven: StoryFigures;
}

/** The labelled sets the keyword lists are tuned on (README.md says how each was written). */
export const TUNING_SETS = ["headlines.json", "headlines-holdout.json", "headlines-extra.json", "headlines-blind-a.json", "headlines-blind-b.json", "headlines-blind-c.json", "headlines-blind-d.json", "headlines-blind-e.json", "headlines-blind-f.json", "headlines-blind-g.json", "headlines-extra-u.json", "headlines-blind-h.json", "headlines-extra-v.json", "headlines-blind-i.json", "headlines-blind-j.json", "headlines-blind-k.json", "headlines-blind-l.json", "headlines-blind-m.json"] as const;
/** Headlines written blind to the lists once they were fixed; the figures reported. Never tuned on. */
export const BLIND_SET = "headlines-blind.json";

export function load<T>(file: string): T {
  return JSON.parse(readFileSync(fileURLToPath(new URL(file, import.meta.url)), "utf8")) as T;
}

export function loadTuningSets(): Headline[] {
  return TUNING_SETS.flatMap((file) => load<Headline[]>(`./${file}`));
}

function loadIfThere<T>(file: string): T | undefined {
  try {
    return load<T>(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Every figure of the evaluation. */
export function evaluate(): EvalFigures {
  const pairs = load<StoryPair[]>("./story-pairs.json");
  const odd = pairs.filter((p) => pairNumber(p) % 2 === 1);
  const even = pairs.filter((p) => pairNumber(p) % 2 === 0);
  const blind = loadIfThere<Headline[]>(`./${BLIND_SET}`);
  const tuning = loadTuningSets();
  return {
    topics: scoreTopics(tuning, TUNING_SETS.join(", ")),
    ...(blind ? { blind: scoreTopics(blind, BLIND_SET), blindUnlike: scoreTopics(unlikeTuning(blind, tuning), `${BLIND_SET}, unlike the tuning sets`) } : {}),
    stories: scoreStories(pairs),
    storiesOdd: scoreStories(odd),
    storiesEven: scoreStories(even),
  };
}

/** Titles sharing at least this share of their words (Jaccard) are the same story told again. */
export const LIKE_TITLES = 0.5;

function titleWords(title: string): Set<string> {
  return new Set(title.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/**
 * The blind headlines whose title shares less than LIKE_TITLES of its words with every tuning headline's. Writers
 * given the same brief invent some of the same stories, now and then word for word ("WHO declares end to mpox global
 * health emergency" is in sets T and F); those say little about news the lists have not seen.
 */
export function unlikeTuning(blind: readonly Headline[], tuning: readonly Headline[]): Headline[] {
  const seen = tuning.map((h) => titleWords(h.title));
  return blind.filter((h) => {
    const words = titleWords(h.title);
    return seen.every((other) => {
      let shared = 0;
      for (const w of words) if (other.has(w)) shared++;
      return shared / (words.size + other.size - shared || 1) < LIKE_TITLES;
    });
  });
}

/** The built-in topics' precision and recall against the labels. */
export function scoreTopics(headlines: readonly Headline[], file: string): TopicFigures {
  const rules = BUILTIN_TOPICS.map((topic, i) => ({ id: i + 1, ...topic }));
  const matcher = new TopicMatcher(rules);
  const names = new Map(rules.map((r) => [r.id, r.name]));
  const counts = new Map<string, Map<string, { tp: number; fp: number; fn: number }>>();
  const countsOf = (lang: string) => counts.get(lang) ?? counts.set(lang, new Map(rules.map((r) => [r.name, { tp: 0, fp: 0, fn: 0 }]))).get(lang)!;
  const sizes = new Map<string, number>();
  const misses: string[] = [];
  for (const h of headlines) {
    const found = new Set(matcher.match({ title: h.title, summary: h.summary, categories: h.categories }).map((id) => names.get(id)!));
    const wanted = new Set(h.topics);
    for (const lang of ["all", h.lang]) {
      sizes.set(lang, (sizes.get(lang) ?? 0) + 1);
      for (const [name, c] of countsOf(lang)) {
        if (found.has(name) && wanted.has(name)) c.tp++;
        else if (found.has(name)) c.fp++;
        else if (wanted.has(name)) c.fn++;
      }
    }
    if ([...found].sort().join() !== [...wanted].sort().join()) misses.push(`${h.id}: matched [${[...found].join(", ")}], labelled [${h.topics.join(", ")}]`);
  }
  const figures = (lang: string): LangFigures => {
    const topics = Object.fromEntries(
      [...countsOf(lang)].map(([name, c]) => [name, { precision: ratio(c.tp, c.tp + c.fp, 1), recall: ratio(c.tp, c.tp + c.fn, 1), ...c }]),
    );
    const values = Object.values(topics);
    return {
      headlines: sizes.get(lang) ?? 0,
      topics,
      macroPrecision: round3(values.reduce((s, t) => s + t.precision, 0) / values.length),
      macroRecall: round3(values.reduce((s, t) => s + t.recall, 0) / values.length),
    };
  };
  const { topics, macroPrecision, macroRecall } = figures("all");
  const languages = [...counts.keys()].filter((lang) => lang !== "all").sort();
  return {
    file,
    headlines: headlines.length,
    byLang: Object.fromEntries(languages.map((lang) => [lang, figures(lang)])),
    topics,
    macroPrecision,
    macroRecall,
    allRight: headlines.length - misses.length,
    misses,
  };
}

/**
 * Same-story pairing against the labels. Each pair's articles get their canonical-link keys from their links (as the
 * app stores them) and times 0 and hoursApart hours.
 */
export function scoreStories(pairs: readonly StoryPair[]): StoryFigures {
  const kinds = Object.fromEntries(PAIR_KINDS.map((kind) => [kind, { pairs: 0, calledSame: 0, right: 0 }])) as Record<PairKind, KindFigures>;
  const mistakes: StoryMistake[] = [];
  let calledSame = 0;
  let calledRight = 0;
  for (const pair of pairs) {
    const a = storySignature({ title: pair.a.title, canonical: canonicalKey(pair.a.link), publishedAt: 0 });
    const b = storySignature({ title: pair.b.title, canonical: canonicalKey(pair.b.link), publishedAt: pair.hoursApart * 3_600_000 });
    const called = sameStory(a, b);
    const k = kinds[pair.kind];
    k.pairs++;
    if (called) {
      k.calledSame++;
      calledSame++;
      if (pair.same) calledRight++;
    }
    if (called === pair.same) k.right++;
    else mistakes.push({ id: pair.id, kind: pair.kind, same: pair.same, hoursApart: pair.hoursApart, a: pair.a.title, b: pair.b.title });
  }
  const nearDuplicates = NEAR_DUPLICATE_KINDS.map((kind) => kinds[kind]);
  return {
    pairs: pairs.length,
    kinds,
    precision: ratio(calledRight, calledSame),
    recall: ratio(
      nearDuplicates.reduce((s, k) => s + k.calledSame, 0),
      nearDuplicates.reduce((s, k) => s + k.pairs, 0),
    ),
    rewriteRecall: ratio(kinds.rewrite.calledSame, kinds.rewrite.pairs),
    mistakes,
  };
}

function pairNumber(pair: StoryPair): number {
  return Number(pair.id.replace(/\D/g, ""));
}

/** a / b; `empty` when b is 0 (a topic no headline of a language has and none was given is not a miss). */
function ratio(a: number, b: number, empty = 0): number {
  return b === 0 ? empty : round3(a / b);
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

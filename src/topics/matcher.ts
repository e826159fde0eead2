import { parseRule, type Rule, type Term } from "./rule.js";
import { foldText, RAW_WORD, TITLE_END, words } from "./text.js";
import { decideTopic, isBuiltinAsShipped, scoreCuts, shippedModel, type Cuts, type TopicModel } from "./topic-model.js";

/**
 * A topic as the matcher sees it: a catalog topic's lists (any keyword or category puts an article in it, any
 * exclusion keeps it out), or, when `rule` is set, a rule in the rule language (src/topics/rule.ts), as users' own
 * topics have.
 */
export interface TopicRule {
  id: number;
  name: string;
  categories: readonly string[];
  keywords: readonly string[];
  exclude?: readonly string[];
  /** A rule (parsed, or as text); replaces the lists. A topic with a rule is nobody's feed topic. */
  rule?: Rule | string | null;
}

export interface MatchableArticle {
  title: string;
  summary: string;
  categories: readonly string[];
  /** Topics the article's feed carries in the catalog. */
  feedTopics?: readonly string[];
}

const TOKEN_CACHE_LIMIT = 100_000;
/** Separates the parts of a catalog keyword whose words count only together. */
export const TOGETHER = " & ";

/** Folded words to find one after another; `prefixes` marks those that only need to start a word (`ключев* ставк*`). */
export interface WordSequence {
  words: readonly string[];
  prefixes: readonly boolean[];
}

/**
 * A "need": one AND group of one topic, or (group -1) the topic's exclusions. Finding any of a need's words, phrases
 * or categories meets it; a topic matches when all of its groups are met and its exclusions are not.
 */
interface Need {
  topic: number;
  group: number;
}

interface Phrase extends WordSequence {
  needs: number[];
}

/** A word as written in an article, folded, with the needs its folded words meet on their own. */
interface Token {
  words: readonly string[];
  needs: readonly number[];
  /** Phrases that may begin at one of its words. */
  phrases: readonly Phrase[];
}

/**
 * Decides which topics an article belongs to. Built once per set of topics, catalog and users' own, then used for
 * every stored item: exact words and categories are hash look-ups, prefixes one look-up per distinct prefix length,
 * phrases are only tried when a word that can begin them is there, and each written word's findings are remembered,
 * since news repeats its vocabulary. A thousand users' topics cost little more than the catalog's.
 */
export class TopicMatcher {
  private readonly needs: Need[] = [];
  /** Each topic's number of AND groups. */
  private readonly groups = new Map<number, number>();
  private readonly byCategory = new Map<string, number[]>();
  private readonly byWord = new Map<string, number[]>();
  /** Prefix words by length, so a word is checked with one look-up per distinct length, not one per prefix. */
  private readonly prefixes = new Map<number, Map<string, number[]>>();
  private readonly phrases = new Map<string, Phrase>();
  private readonly phrasesByFirst = new Map<string, Phrase[]>();
  private readonly phrasesByFirstPrefix = new Map<number, Map<string, Phrase[]>>();
  private readonly byName = new Map<string, number>();
  private readonly tokenCache = new Map<string, Token>();
  /** The built-in topics as shipped, which the model (src/topics/topic-model.ts) gives a second opinion on. */
  private readonly modelTopics: { id: number; index: number; cuts: Cuts }[] = [];
  private model: TopicModel | undefined;
  /** The catalog topic each keyword of words found together (negative keys) stands for. */
  private readonly togetherOf = new Map<number, number>();
  /** The rule of each topic that has one, so that removeRuleTopic finds what it added. */
  private readonly rules = new Map<number, Rule>();

  /**
   * `secondOpinion: false` matches the built-in topics by their lists alone (for measuring the model); `model` replaces
   * the shipped one.
   */
  constructor(rules: readonly TopicRule[], { secondOpinion = true, model }: { secondOpinion?: boolean; model?: TopicModel } = {}) {
    for (const topic of rules) {
      const rule = typeof topic.rule === "string" ? tryParse(topic.rule) : topic.rule;
      if (topic.rule) {
        if (rule) this.addRule(topic.id, rule);
        continue;
      }
      this.byName.set(foldText(topic.name.trim()), topic.id);
      if (secondOpinion && isBuiltinAsShipped(topic)) {
        this.model ??= model ?? shippedModel();
        const index = this.model.topicIndex(topic.name);
        if (index !== undefined) this.modelTopics.push({ id: topic.id, index, cuts: scoreCuts(topic.name) });
      }
      this.groups.set(topic.id, 1);
      const any = this.need(topic.id, 0);
      for (const category of topic.categories) push(this.byCategory, foldText(category.trim()), any);
      for (const keyword of topic.keywords) {
        if (keyword.includes(TOGETHER)) this.addTogether(topic.id, keyword);
        else this.addSequence(keywordSequence(keyword), any);
      }
      const none = this.need(topic.id, -1);
      for (const keyword of topic.exclude ?? []) this.addSequence(keywordSequence(keyword), none);
    }
  }

  /**
   * Adds a topic with a rule (a user's own, just followed) to the matcher as it is: a rebuild for every follow took
   * most of a hundred milliseconds with ten thousand users' topics (see README, Benchmarks).
   */
  addRuleTopic(topic: TopicRule): void {
    const rule = typeof topic.rule === "string" ? tryParse(topic.rule) : topic.rule;
    if (!rule || this.groups.has(topic.id)) return;
    this.addRule(topic.id, rule);
    // Words looked up before were looked up without the new topic's words and phrases.
    this.tokenCache.clear();
  }

  /**
   * Removes a topic added with a rule (a user's own, unfollowed): no article is matched to it any more. Only the
   * entries its terms made are visited, not every word of every topic.
   */
  removeRuleTopic(id: number): void {
    const rule = this.rules.get(id);
    if (!rule) return;
    this.rules.delete(id);
    this.groups.delete(id);
    const gone = (need: number) => this.needs[need]!.topic === id;
    for (const term of [...rule.all.flat(), ...rule.none]) {
      if (term.kind === "category") {
        dropFrom(this.byCategory, foldText(term.text.trim()), gone);
        continue;
      }
      const sequence = termSequence(term);
      const [first] = sequence.words;
      if (first === undefined) continue;
      if (sequence.words.length === 1) {
        dropFrom(sequence.prefixes[0] ? this.prefixes.get(first.length) : this.byWord, first, gone);
        continue;
      }
      // The key addSequence files the phrase under.
      const key = sequence.words.map((w, i) => (sequence.prefixes[i] ? `${w}*` : w)).join(" ");
      const phrase = this.phrases.get(key);
      if (!phrase || !dropWhere(phrase.needs, gone) || phrase.needs.length > 0) continue;
      this.phrases.delete(key);
      const byFirst = sequence.prefixes[0] ? this.phrasesByFirstPrefix.get(first.length) : this.phrasesByFirst;
      const listed = byFirst?.get(first);
      if (listed && dropWhere(listed, (p) => p === phrase) && listed.length === 0) byFirst!.delete(first);
    }
    this.tokenCache.clear();
  }

  /** The ids of the topics the article belongs to, without repeats. */
  match(article: MatchableArticle, feedTopics: readonly string[] = article.feedTopics ?? []): number[] {
    const met = new Set<number>();
    for (const category of article.categories) addAll(met, this.byCategory.get(foldText(category.trim())));
    // Text is split as written and each distinct written word folded once: news repeats its vocabulary, and folding
    // (NFKD for every Cyrillic or Azerbaijani word) cost more than the rest of matching.
    const tokens: string[] = [];
    let phrases: Set<Phrase> | undefined;
    const add = (text: string) => {
      for (const written of text.match(RAW_WORD) ?? []) {
        const token = this.token(written);
        addAll(met, token.needs);
        if (token.phrases.length > 0) for (const phrase of token.phrases) (phrases ??= new Set()).add(phrase);
        for (const word of token.words) tokens.push(word);
      }
    };
    add(article.title);
    tokens.push(TITLE_END);
    add(article.summary);
    if (phrases) for (const phrase of phrases) if (containsPhrase(tokens, phrase)) addAll(met, phrase.needs);

    const topics: number[] = [];
    const excluded = new Set<number>();
    let groupsMet: Map<number, number> | undefined;
    for (const id of met) {
      const need = this.needs[id]!;
      if (need.group < 0) excluded.add(need.topic);
      else if (this.groups.get(need.topic) === 1) {
        if (!topics.includes(need.topic)) topics.push(need.topic);
      }
      else {
        groupsMet ??= new Map();
        const count = (groupsMet.get(need.topic) ?? 0) + 1;
        groupsMet.set(need.topic, count);
        if (count === this.groups.get(need.topic)) {
          const id = this.togetherOf.get(need.topic) ?? need.topic;
          if (!topics.includes(id)) topics.push(id);
        }
      }
    }
    let result = excluded.size === 0 ? topics : topics.filter((id) => !excluded.has(id));
    if (this.model && this.modelTopics.length > 0) {
      const scores = this.model.scoresOf(tokens, article.categories);
      for (const { id, index, cuts } of this.modelTopics) {
        // A topic's exclusions stand whatever the model says.
        if (excluded.has(id)) continue;
        const listed = result.includes(id);
        const decided = decideTopic(listed, scores[index]!, cuts);
        if (decided && !listed) result.push(id);
        else if (!decided && listed) result = result.filter((other) => other !== id);
      }
    }
    // The catalog puts every item of a feed in its feed topics: no exclusion overrides that.
    for (const name of feedTopics) {
      const id = this.byName.get(foldText(name.trim()));
      if (id !== undefined && !result.includes(id)) result.push(id);
    }
    return result;
  }

  private token(written: string): Token {
    const cached = this.tokenCache.get(written);
    if (cached) return cached;
    const folded = words(written);
    const needs = new Set<number>();
    const phrases: Phrase[] = [];
    for (const word of folded) {
      addAll(needs, this.byWord.get(word));
      for (const [length, byPrefix] of this.prefixes) if (word.length >= length) addAll(needs, byPrefix.get(word.slice(0, length)));
      for (const phrase of this.phrasesByFirst.get(word) ?? []) phrases.push(phrase);
      for (const [length, byPrefix] of this.phrasesByFirstPrefix) if (word.length >= length) for (const phrase of byPrefix.get(word.slice(0, length)) ?? []) phrases.push(phrase);
    }
    const token = { words: folded, needs: [...needs], phrases };
    // Bounded: a flood of unique tokens (numbers, names) must not grow the cache without end.
    if (this.tokenCache.size >= TOKEN_CACHE_LIMIT) this.tokenCache.clear();
    this.tokenCache.set(written, token);
    return token;
  }

  /**
   * A keyword of words that count only together ("cabinet & minister*|government"): each part, an alternative list
   * split by "|", must be found; it stands for a topic of its own, reported as the catalog topic.
   */
  private addTogether(topic: number, keyword: string): void {
    const key = -1 - this.togetherOf.size;
    this.togetherOf.set(key, topic);
    const parts = keyword.split(TOGETHER);
    this.groups.set(key, parts.length);
    parts.forEach((part, i) => {
      const need = this.need(key, i);
      for (const alternative of part.split("|")) this.addSequence(keywordSequence(alternative), need);
    });
  }

  private addRule(topic: number, rule: Rule): void {
    this.rules.set(topic, rule);
    this.groups.set(topic, rule.all.length);
    rule.all.forEach((group, i) => {
      const need = this.need(topic, i);
      for (const term of group) this.addTerm(term, need);
    });
    const none = this.need(topic, -1);
    for (const term of rule.none) this.addTerm(term, none);
  }

  private need(topic: number, group: number): number {
    this.needs.push({ topic, group });
    return this.needs.length - 1;
  }

  private addTerm(term: Term, need: number): void {
    if (term.kind === "category") push(this.byCategory, foldText(term.text.trim()), need);
    else this.addSequence(termSequence(term), need);
  }

  private addSequence(sequence: WordSequence, need: number): void {
    const { words: parts, prefixes } = sequence;
    if (parts.length === 0) return;
    if (parts.length === 1) {
      if (prefixes[0]) push(byLength(this.prefixes, parts[0]!.length), parts[0]!, need);
      else push(this.byWord, parts[0]!, need);
      return;
    }
    const key = parts.map((w, i) => (prefixes[i] ? `${w}*` : w)).join(" ");
    const known = this.phrases.get(key);
    if (known) {
      if (!known.needs.includes(need)) known.needs.push(need);
      return;
    }
    const phrase: Phrase = { words: parts, prefixes, needs: [need] };
    this.phrases.set(key, phrase);
    const first = parts[0]!;
    if (prefixes[0]) pushPhrase(byLength(this.phrasesByFirstPrefix, first.length), first, phrase);
    else pushPhrase(this.phrasesByFirst, first, phrase);
  }
}

/** A catalog keyword: words, each of which may end in "*"; a word such as "Здоров'я" may fold into several. */
function keywordSequence(keyword: string): WordSequence {
  const parts: string[] = [];
  const prefixes: boolean[] = [];
  for (const part of keyword.trim().split(/\s+/)) {
    const tokens = words(part);
    tokens.forEach((token, i) => {
      parts.push(token);
      prefixes.push(i === tokens.length - 1 && part.endsWith("*"));
    });
  }
  return { words: parts, prefixes };
}

/** A rule's word or phrase term; a word may fold into several words, which then must follow one another. */
function termSequence(term: Exclude<Term, { kind: "category" }>): WordSequence {
  const folded = words(term.text);
  return { words: folded, prefixes: folded.map((_, i) => term.kind === "word" && term.prefix && i === folded.length - 1) };
}

function tryParse(text: string): Rule | undefined {
  try {
    return parseRule(text, Infinity);
  } catch {
    return undefined;
  }
}

/** Whether the folded words of a text hold the sequence. */
export function containsPhrase(tokens: readonly string[], phrase: WordSequence): boolean {
  const n = phrase.words.length;
  outer: for (let i = 0; i + n <= tokens.length; i++) {
    for (let j = 0; j < n; j++) {
      const token = tokens[i + j]!;
      const word = phrase.words[j]!;
      if (phrase.prefixes[j] ? !token.startsWith(word) : token !== word) continue outer;
    }
    return true;
  }
  return false;
}

function byLength<T>(map: Map<number, Map<string, T[]>>, length: number): Map<string, T[]> {
  let byKey = map.get(length);
  if (!byKey) map.set(length, (byKey = new Map()));
  return byKey;
}

function push(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (!list.includes(id)) list.push(id);
}

function pushPhrase(map: Map<string, Phrase[]>, key: string, phrase: Phrase): void {
  const list = map.get(key);
  if (!list) map.set(key, [phrase]);
  else list.push(phrase);
}

/** Removes from the list under `key` the needs `gone` picks, and the key once its list is empty. */
function dropFrom(map: Map<string, number[]> | undefined, key: string, gone: (need: number) => boolean): void {
  const list = map?.get(key);
  if (list && dropWhere(list, gone) && list.length === 0) map!.delete(key);
}

/** Removes in place the entries `gone` picks; returns whether it removed any. */
function dropWhere<T>(list: T[], gone: (entry: T) => boolean): boolean {
  const before = list.length;
  let kept = 0;
  for (const entry of list) if (!gone(entry)) list[kept++] = entry;
  list.length = kept;
  return kept < before;
}

function addAll(set: Set<number>, ids: readonly number[] | undefined): void {
  if (ids) for (const id of ids) set.add(id);
}

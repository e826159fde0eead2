import { foldText, RAW_WORD, words } from "./text.js";

export interface TopicRule {
  id: number;
  name: string;
  categories: readonly string[];
  keywords: readonly string[];
  exclude?: readonly string[];
}

export interface MatchableArticle {
  title: string;
  summary: string;
  categories: readonly string[];
  /** Topics the article's feed carries in the catalog. */
  feedTopics?: readonly string[];
}

const TOKEN_CACHE_LIMIT = 100_000;

/** A word as written in an article, folded, with the topics its folded words name on their own. */
interface Token {
  words: readonly string[];
  topics: readonly number[];
  /** Whether one of its words may begin a phrase keyword. */
  opensPhrase: boolean;
}

/** Folded words to find one after another; `prefixes` marks those that only need to start a word (`ключев* ставк*`). */
export interface WordSequence {
  words: readonly string[];
  prefixes: readonly boolean[];
}

interface Phrase extends WordSequence {
  topicId: number;
}

/**
 * Decides which topics an article belongs to. Built once per catalog, then used for every stored item:
 * exact words and categories are hash look-ups, prefixes one look-up per distinct prefix length, and each word's
 * topics are remembered, since news repeats its vocabulary.
 */
export class TopicMatcher {
  private readonly byCategory = new Map<string, number[]>();
  private readonly byWord = new Map<string, number[]>();
  /** Prefix keywords by length, so a word is checked with one look-up per distinct length, not one per prefix. */
  private readonly prefixes = new Map<number, Map<string, number[]>>();
  private readonly phrases: Phrase[] = [];
  private readonly byName = new Map<string, number>();
  private readonly tokenCache = new Map<string, Token>();

  constructor(rules: readonly TopicRule[]) {
    for (const rule of rules) {
      this.byName.set(foldText(rule.name.trim()), rule.id);
      for (const category of rule.categories) push(this.byCategory, foldText(category.trim()), rule.id);
      for (const keyword of rule.keywords) this.addKeyword(keyword, rule.id);
      // An exclusion is a keyword of the topic's negative id: found like any keyword, it takes the topic away.
      for (const keyword of rule.exclude ?? []) this.addKeyword(keyword, -rule.id);
    }
  }

  /** The ids of the topics the article belongs to, without repeats. */
  match(article: MatchableArticle, feedTopics: readonly string[] = article.feedTopics ?? []): number[] {
    const found = new Set<number>();
    for (const category of article.categories) addAll(found, this.byCategory.get(foldText(category.trim())));
    // Text is split as written and each distinct written word folded once: news repeats its vocabulary, and folding
    // (NFKD for every Cyrillic or Azerbaijani word) cost more than the rest of matching.
    const tokens: string[] = [];
    let phraseMayMatch = false;
    const add = (text: string) => {
      for (const written of text.match(RAW_WORD) ?? []) {
        const token = this.token(written);
        addAll(found, token.topics);
        phraseMayMatch ||= token.opensPhrase;
        for (const word of token.words) tokens.push(word);
      }
    };
    add(article.title);
    add(article.summary);
    if (phraseMayMatch) {
      for (const phrase of this.phrases) if (!found.has(phrase.topicId) && containsPhrase(tokens, phrase)) found.add(phrase.topicId);
    }
    const topics = [...found].filter((id) => id > 0 && !found.has(-id));
    // The catalog puts every item of a feed in its feed topics: no exclusion overrides that.
    for (const name of feedTopics) {
      const id = this.byName.get(foldText(name.trim()));
      if (id !== undefined && !topics.includes(id)) topics.push(id);
    }
    return topics;
  }

  private token(written: string): Token {
    const cached = this.tokenCache.get(written);
    if (cached) return cached;
    const folded = words(written);
    const ids = new Set<number>();
    for (const word of folded) {
      addAll(ids, this.byWord.get(word));
      for (const [length, byPrefix] of this.prefixes) if (word.length >= length) addAll(ids, byPrefix.get(word.slice(0, length)));
    }
    const opensPhrase = folded.some((word) => this.phrases.some((p) => (p.prefixes[0] ? word.startsWith(p.words[0]!) : word === p.words[0])));
    const token = { words: folded, topics: [...ids], opensPhrase };
    // Bounded: a flood of unique tokens (numbers, names) must not grow the cache without end.
    if (this.tokenCache.size >= TOKEN_CACHE_LIMIT) this.tokenCache.clear();
    this.tokenCache.set(written, token);
    return token;
  }

  private addKeyword(keyword: string, topicId: number): void {
    const parts: string[] = [];
    const prefixes: boolean[] = [];
    // A star makes the word it ends a prefix; a part such as "Здоров'я" may fold into several words.
    for (const part of keyword.trim().split(/\s+/)) {
      const tokens = words(part);
      tokens.forEach((token, i) => {
        parts.push(token);
        prefixes.push(i === tokens.length - 1 && part.endsWith("*"));
      });
    }
    if (parts.length === 0) return;
    if (parts.length > 1) {
      this.phrases.push({ words: parts, prefixes, topicId });
    } else if (prefixes[0]) {
      const prefix = parts[0]!;
      let byPrefix = this.prefixes.get(prefix.length);
      if (!byPrefix) this.prefixes.set(prefix.length, (byPrefix = new Map()));
      push(byPrefix, prefix, topicId);
    } else {
      push(this.byWord, parts[0]!, topicId);
    }
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

function push(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (!list.includes(id)) list.push(id);
}

function addAll(set: Set<number>, ids: readonly number[] | undefined): void {
  if (ids) for (const id of ids) set.add(id);
}

import { containsPhrase, type WordSequence } from "./matcher.js";
import type { Rule, Term } from "./rule.js";
import { foldText, words } from "./text.js";

export interface RuleArticle {
  title: string;
  summary: string;
  categories: readonly string[];
}

/** A term as the matcher compares it: a category, folded, or a sequence of folded words. */
type CompiledTerm = { category: string } | WordSequence;

/**
 * Decides whether articles match one rule (src/topics/rule.ts) in memory, folding text the way the topic matcher does
 * (case, diacritics and compatibility forms, any script): for previews, and for rules applied to articles already
 * stored. A word term matches a whole word, a prefix the start of a word, a phrase consecutive words, and a category
 * a whole category.
 */
export class RuleMatcher {
  private readonly all: CompiledTerm[][];
  private readonly none: CompiledTerm[];

  constructor(rule: Rule) {
    this.all = rule.all.map((group) => group.map(compile));
    this.none = rule.none.map(compile);
  }

  matches(article: RuleArticle): boolean {
    const text = [...words(article.title), "\u0000", ...words(article.summary)];
    const categories = new Set(article.categories.map((c) => foldText(c.trim())));
    const found = (term: CompiledTerm) => ("category" in term ? categories.has(term.category) : containsPhrase(text, term));
    return this.all.every((group) => group.some(found)) && !this.none.some(found);
  }
}

function compile(term: Term): CompiledTerm {
  if (term.kind === "category") return { category: foldText(term.text.trim()) };
  // A word may fold into several words ("Здоров'я"), which then must follow one another like a phrase's.
  const folded = words(term.text);
  return { words: folded, prefixes: folded.map((_, i) => term.kind === "word" && term.prefix && i === folded.length - 1) };
}

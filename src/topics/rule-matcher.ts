import type { Rule, Term } from "./rule.js";
import { foldText, words } from "./text.js";

export interface RuleArticle {
  title: string;
  summary: string;
  categories: readonly string[];
}

/** A term as the matcher compares it: folded words, and for a word term whether it is a prefix. */
interface CompiledTerm {
  kind: Term["kind"];
  words: string[];
  prefix: boolean;
  category?: string;
}

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
    const found = (term: CompiledTerm) => (term.kind === "category" ? categories.has(term.category!) : containsWords(text, term));
    return this.all.every((group) => group.some(found)) && !this.none.some(found);
  }
}

function compile(term: Term): CompiledTerm {
  if (term.kind === "category") return { kind: "category", words: [], prefix: false, category: foldText(term.text.trim()) };
  return { kind: term.kind, words: words(term.text), prefix: term.kind === "word" && term.prefix };
}

/** Whether the words appear one after another in the text (a word term may fold into several words, like a phrase). */
function containsWords(text: readonly string[], term: CompiledTerm): boolean {
  const n = term.words.length;
  if (n === 0) return false;
  outer: for (let i = 0; i + n <= text.length; i++) {
    for (let j = 0; j < n; j++) {
      const word = text[i + j]!;
      const wanted = term.words[j]!;
      const last = j === n - 1;
      if (last && term.prefix ? !word.startsWith(wanted) : word !== wanted) continue outer;
    }
    return true;
  }
  return false;
}

/**
 * The rule language shared by catalog topics and users' own topics:
 *   election            a word
 *   Ukrain*             words starting with "Ukrain"
 *   "prime minister"    a phrase
 *   a OR b              either (OR binds the terms on each side of it)
 *   a b                 both
 *   -sport, -"a b"      not this word or phrase
 *   category:Politics   an RSS/Atom category (category:"World news" for one with spaces)
 * Anything else, FTS5 or SQL syntax included, is text to look for.
 */
import { foldText, words } from "./text.js";

/** One thing to look for. */
export type Term =
  | { kind: "word"; text: string; prefix: boolean }
  | { kind: "phrase"; text: string }
  | { kind: "category"; text: string };

export interface Rule {
  /** Every group must match; within a group any term may. */
  all: Term[][];
  /** None of these may match. */
  none: Term[];
}

export const MAX_RULE_LENGTH = 200;
/** A prefix shorter than this would match half the language. */
const MIN_PREFIX = 2;

/** Bad rule syntax, with the position (0-based) of the problem in the rule. */
export class RuleError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
    this.name = "RuleError";
  }
}

interface Token {
  at: number;
  negated: boolean;
  term?: Term;
  or?: true;
}

/**
 * Parses a rule; throws RuleError with a message a user can act on. `maxLength` bounds what a user types; a rule
 * stored in its canonical text (formatRule), which may be a little longer, is parsed again without it.
 */
export function parseRule(input: string, maxLength = MAX_RULE_LENGTH): Rule {
  if (input.length > maxLength) throw new RuleError(`A rule can be at most ${maxLength} characters; this one has ${input.length}.`, maxLength);
  // Control characters are nothing to look for, and SQLite would stop reading a query at a NUL.
  const tokens = tokenize(input.replace(/\p{Cc}/gu, " "));
  if (tokens.length === 0) throw new RuleError("The rule has no word to look for: give at least one word of letters or digits.", 0);
  const rule: Rule = { all: [], none: [] };
  let group: Term[] | undefined;
  let afterOr = false;
  for (const [i, token] of tokens.entries()) {
    if (token.or) {
      if (!group || afterOr) throw new RuleError("OR needs a word on each side.", token.at);
      if (i === tokens.length - 1) throw new RuleError("OR needs a word on each side.", token.at);
      afterOr = true;
      continue;
    }
    const term = token.term!;
    if (token.negated) {
      if (afterOr) throw new RuleError(`An excluded word cannot be an alternative: remove the "-" or the OR before it.`, token.at);
      rule.none.push(term);
      group = undefined;
      continue;
    }
    if (afterOr && group) group.push(term);
    else rule.all.push((group = [term]));
    afterOr = false;
  }
  if (rule.all.length === 0) throw new RuleError("The rule only excludes: give at least one word to look for.", 0);
  return rule;
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    if (/\s/u.test(input[i]!)) {
      i++;
      continue;
    }
    const at = i;
    let negated = false;
    if (input[i] === "-" && i + 1 < input.length && !/\s/u.test(input[i + 1]!)) {
      negated = true;
      i++;
    }
    let category = false;
    if (input.slice(i, i + 9).toLowerCase() === "category:") {
      category = true;
      i += 9;
      if (i >= input.length || /\s/u.test(input[i]!)) throw new RuleError(`"category:" must be followed by a category name.`, at);
    }
    let text: string;
    let quoted = false;
    if (input[i] === '"') {
      const end = input.indexOf('"', i + 1);
      if (end === -1) throw new RuleError("A quote is never closed.", i);
      text = input.slice(i + 1, end);
      quoted = true;
      i = end + 1;
      if (!hasWord(text)) throw new RuleError("The quotes hold no word.", at);
    } else {
      const start = i;
      while (i < input.length && !/\s/u.test(input[i]!) && input[i] !== '"') i++;
      text = input.slice(start, i);
    }
    if (!negated && !category && !quoted && text === "OR") {
      tokens.push({ at, negated: false, or: true });
      continue;
    }
    // Punctuation on its own ("–", "--", "';") is nothing to look for: skipped, like the spaces around it.
    if (!quoted && !category && !hasWord(text.replace(/\*+$/, "")) && !text.endsWith("*")) continue;
    tokens.push({ at, negated, term: toTerm(text, quoted, category, at) });
  }
  return tokens;
}

function toTerm(text: string, quoted: boolean, category: boolean, at: number): Term {
  if (category) {
    if (!hasWord(text)) throw new RuleError(`"category:" must be followed by a category name with letters or digits.`, at);
    return { kind: "category", text: text.trim() };
  }
  if (quoted) return { kind: "phrase", text };
  const prefix = text.endsWith("*");
  const stem = prefix ? text.replace(/\*+$/, "") : text;
  if (!hasWord(stem)) throw new RuleError(`"*" must end a word, as in Ukrain*.`, at);
  if (prefix && words(stem).join("").length < MIN_PREFIX) throw new RuleError(`A prefix needs at least ${MIN_PREFIX} letters before "*".`, at);
  return { kind: "word", text: stem, prefix };
}

function hasWord(text: string): boolean {
  return words(text).length > 0;
}

/**
 * What the full-text index holds of an article: its words folded as the topic matcher folds them (foldText: "ё" is
 * "е", "й" is "и", "ﬁ" is "fi"), one space between, which SQLite's tokenizer would not do on its own; and each
 * category as one word standing for the whole category, folded (categoryWord). So the index finds every article a
 * rule matches in memory (category:World the category "World", not "World news" nor "World-news"), and can give the
 * candidates that the exact matcher confirms (a topic's back-fill, /preview).
 */
export function ftsDocument(article: { title: string; summary: string; categories: readonly string[] }): { title: string; summary: string; categories: string } {
  return { title: words(article.title).join(" "), summary: words(article.summary).join(" "), categories: article.categories.map(categoryWord).join(" ") };
}

/** A category as one word of letters and digits: "c" and the hex of its folded text, which the tokenizer keeps whole. */
function categoryWord(category: string): string {
  let hex = "c";
  for (const byte of new TextEncoder().encode(foldText(category.trim()))) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/**
 * The FTS5 query for a rule, over an index of ftsDocument's columns. Terms are folded words only, quoted, so
 * nothing a user typed is read as FTS5 syntax.
 */
export function toFtsQuery(rule: Rule): string {
  const all = toFtsCandidates(rule);
  return rule.none.length === 0 ? all : `(${all}) NOT (${rule.none.map(ftsTerm).join(" OR ")})`;
}

/**
 * The FTS5 query for every article the rule may match: its groups without its exclusions. The index can find a little
 * more than the rule matches (a category "World-news" for category:"World news"), never less, so candidates are
 * confirmed by the rule's matcher, which then applies the exclusions too.
 */
export function toFtsCandidates(rule: Rule): string {
  return rule.all.map((group) => (group.length === 1 ? ftsTerm(group[0]!) : `(${group.map(ftsTerm).join(" OR ")})`)).join(" AND ");
}

function ftsTerm(term: Term): string {
  const folded = `"${words(term.text).join(" ")}"`;
  switch (term.kind) {
    case "category":
      return `categories : "${categoryWord(term.text)}"`;
    case "phrase":
      return `{title summary} : ${folded}`;
    case "word":
      return `{title summary} : ${folded}${term.prefix ? "*" : ""}`;
  }
}

/** Puts a rule back into its canonical text (how it is shown and stored). */
export function formatRule(rule: Rule): string {
  const show = (t: Term) => (t.kind === "category" ? `category:${/\s/u.test(t.text) ? `"${t.text}"` : t.text}` : t.kind === "phrase" ? `"${t.text}"` : `${t.text}${t.prefix ? "*" : ""}`);
  return [...rule.all.map((g) => g.map(show).join(" OR ")), ...rule.none.map((t) => `-${show(t)}`)].join(" ");
}

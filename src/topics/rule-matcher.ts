import { TopicMatcher } from "./matcher.js";
import type { Rule } from "./rule.js";

export interface RuleArticle {
  title: string;
  summary: string;
  categories: readonly string[];
}

/**
 * Decides whether articles match one rule (src/topics/rule.ts) in memory, exactly as the topic matcher does at store
 * time: for /preview.
 */
export class RuleMatcher {
  private readonly matcher: TopicMatcher;

  constructor(rule: Rule) {
    this.matcher = new TopicMatcher([{ id: 1, name: "", categories: [], keywords: [], rule }]);
  }

  matches(article: RuleArticle): boolean {
    return this.matcher.match(article, []).length > 0;
  }
}

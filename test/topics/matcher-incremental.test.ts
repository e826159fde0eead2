import { describe, expect, it } from "vitest";
import { BUILTIN_TOPICS } from "../../src/topics/builtin-topics.js";
import { TopicMatcher, type MatchableArticle, type TopicRule } from "../../src/topics/matcher.js";

const CATALOG: TopicRule[] = BUILTIN_TOPICS.map((topic, i) => ({ id: i + 1, ...topic }));
const RULES = [
  "Kyiv metro", "Mariupol OR Mykolaiv -sport", '"prime minister"', "Zelensk*", "category:Politics", "budget -football",
  "Пётр OR Київ*", "metro", '"metro station" OR bridge*', "Baku OR Bakı -category:Sport",
];
const rule = (id: number, text: string): TopicRule => ({ id, name: text, categories: [], keywords: [], rule: text });

const ARTICLES: MatchableArticle[] = [
  { title: "Kyiv metro opens a station", summary: "The prime minister came.", categories: ["Politics"] },
  { title: "Mariupol sport club returns", summary: "Football in exile.", categories: ["Sport"] },
  { title: "Mykolaiv bridge reopens", summary: "Metro station plans too.", categories: [] },
  { title: "Zelensky signs the budget", summary: "Parliament agrees.", categories: ["World news"] },
  { title: "Петр Порошенко в Киеве", summary: "Київщина чекає.", categories: ["Политика"] },
  { title: "Bakıda yeni metro", summary: "Baku metro station.", categories: ["Sport"] },
  { title: "Budget football", summary: "", categories: [] },
];

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

describe("When users' topics are added to and removed from a matcher in use", () => {
  it("then it matches every article as a matcher built anew for the same topics does", () => {
    const matcher = new TopicMatcher([...CATALOG, rule(100, RULES[0]!), rule(101, RULES[1]!)]);
    let topics = [...CATALOG, rule(100, RULES[0]!), rule(101, RULES[1]!)];
    // Matching first fills the matcher's cache of words, which a change must not leave stale.
    for (const article of ARTICLES) matcher.match(article);
    let seed = 3;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let step = 0; step < 25; step++) {
      const id = 100 + Math.floor(next() * RULES.length);
      if (topics.some((t) => t.id === id)) {
        matcher.removeRuleTopic(id);
        topics = topics.filter((t) => t.id !== id);
      } else {
        const added = rule(id, RULES[id - 100]!);
        matcher.addRuleTopic(added);
        topics.push(added);
      }
      const fresh = new TopicMatcher(topics);
      for (const article of ARTICLES) expect(sorted(matcher.match(article)), `step ${step}: ${article.title}`).toEqual(sorted(fresh.match(article)));
    }
  });

  it("then a removed topic leaves nothing behind and can come back", () => {
    const matcher = new TopicMatcher([rule(1, '"metro station"'), rule(2, "metro station")]);
    expect(sorted(matcher.match(ARTICLES[2]!))).toEqual([1, 2]);
    matcher.removeRuleTopic(1);
    matcher.removeRuleTopic(1);
    expect(matcher.match(ARTICLES[2]!)).toEqual([2]);
    matcher.addRuleTopic(rule(1, '"metro station"'));
    matcher.addRuleTopic(rule(1, '"metro station"'));
    expect(sorted(matcher.match(ARTICLES[2]!))).toEqual([1, 2]);
    matcher.removeRuleTopic(2);
    matcher.removeRuleTopic(1);
    expect(ARTICLES.flatMap((a) => matcher.match(a))).toEqual([]);
  });
});

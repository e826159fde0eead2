import { describe, expect, it } from "vitest";
import { BUILTIN_TOPICS } from "../../src/topics/builtin-topics.js";
import { TopicMatcher, type TopicRule } from "../../src/topics/matcher.js";
import { TITLE_END } from "../../src/topics/text.js";
import { articleFeatures, isBuiltinAsShipped, TopicModel } from "../../src/topics/topic-model.js";

const BUILTIN_RULES: TopicRule[] = BUILTIN_TOPICS.map((topic, i) => ({ id: i + 1, ...topic }));
const NAMES = BUILTIN_TOPICS.map((t) => t.name);
const named = (ids: number[]) => ids.map((id) => NAMES[id - 1]!).sort();

/** A model that knows only the given weights, for Politics (index 0) and Sports (index 8); everything else is unsure no. */
function model(weights: Record<string, [politics: number, sports: number]>): TopicModel {
  const row = ([politics, sports]: [number, number]) => NAMES.map((name) => (name === "Politics" ? politics : name === "Sports" ? sports : 0));
  return new TopicModel({ topics: NAMES, bias: NAMES.map(() => -1.5), features: Object.keys(weights), weights: Object.values(weights).flatMap(row) });
}

describe("The built-in topics' second opinion", () => {
  const titled = (matcher: TopicMatcher, title: string, categories: string[] = []) => named(matcher.match({ title, summary: "", categories }));

  it("vetoes a list match it is sure is wrong, and admits a story the lists missed when it is sure", () => {
    const matcher = new TopicMatcher(BUILTIN_RULES, { model: model({ tenants: [-5, 0], derby: [0, 6] }) });
    // "election" puts it in Politics by the lists; the model is sure a tenants' vote is not.
    expect(titled(new TopicMatcher(BUILTIN_RULES, { secondOpinion: false }), "Tenants elect a chairman: election draws record turnout")).toEqual(["Politics"]);
    expect(titled(matcher, "Tenants elect a chairman: election draws record turnout")).toEqual([]);
    // No list has "derby"; the model is sure.
    expect(titled(matcher, "City win the derby")).toEqual(["Sports"]);
    // Unsure (p 0.18, between the veto's 0.12 and 0.5): the lists' finding stands.
    expect(titled(matcher, "Parliament election called")).toEqual(["Politics"]);
  });

  it("never overrides a topic's exclusions or the feed's catalog topics", () => {
    const matcher = new TopicMatcher(BUILTIN_RULES, { model: model({ chess: [0, 9], cabinet: [-9, 0] }) });
    // Sports excludes the Olympic pool as a measure; the model's certainty does not bring it back.
    expect(titled(matcher, "Spill the size of an Olympic pool in chess club")).not.toContain("Sports");
    expect(named(matcher.match({ title: "Cabinet meets", summary: "", categories: [], feedTopics: ["Politics"] }))).toContain("Politics");
  });

  it("is given only to the built-in topics as shipped: an operator's own or edited topic keeps its lists' word", () => {
    const politics = BUILTIN_TOPICS.find((t) => t.name === "Politics")!;
    expect(isBuiltinAsShipped(politics)).toBe(true);
    expect(isBuiltinAsShipped({ ...politics, keywords: [...politics.keywords, "mayor"] })).toBe(false);
    expect(isBuiltinAsShipped({ name: "Politics", categories: [], keywords: ["election*"] })).toBe(false);
    const edited: TopicRule[] = [{ id: 1, name: "Politics", categories: [], keywords: ["election*"] }];
    const matcher = new TopicMatcher(edited, { model: model({ union: [-9, 0] }) });
    expect(matcher.match({ title: "Students' union election", summary: "", categories: [] })).toEqual([1]);
  });

  it("reads the same features whatever the case and inflection: words, five- and four-letter stems, title words and categories", () => {
    expect([...articleFeatures(["харкові", "2026", TITLE_END, "a", "2026", "summit"], ["Політика"])].sort()).toEqual(
      ["#політика", "summ^", "summit", "summi~", "t:харко", "харк^", "харко~", "харкові"],
    );
  });

  it("scores an article as the sum of its features' weights, each counted once, title words only in the title", () => {
    const m = new TopicModel({ topics: NAMES, bias: NAMES.map(() => 0), features: ["харкові", "харко~", "харк^", "t:харко", "#політика"], weights: [1, 2, 4, 8, 16].flatMap((w) => NAMES.map(() => w)) });
    const politics = (folded: string[], categories: string[] = []) => m.scoresOf(folded, categories)[0];
    expect(politics(["харкові", "харкові", TITLE_END, "харкові"], ["Політика"])).toBe(31);
    expect(politics([TITLE_END, "харкові"])).toBe(7);
    // "харкова" shares the stems and the title key, not the word itself.
    expect(politics(["харкова", TITLE_END])).toBe(14);
  });

  it("with the shipped model, keeps a students' union vote out of Politics and a budget vote in it", () => {
    const matcher = new TopicMatcher(BUILTIN_RULES);
    expect(titled(matcher, "Record turnout as Leeds students elect new union president")).not.toContain("Politics");
    expect(titled(matcher, "Parliament passes the budget after a late-night vote")).toContain("Politics");
  });
});

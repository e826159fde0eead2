import { describe, expect, it } from "vitest";
import { BUILTIN_TOPICS } from "../../src/topics/builtin-topics.js";
import { findTopicByName } from "../../src/topics/find-topic.js";

const topics = BUILTIN_TOPICS.map((t, i) => ({ id: i + 1, name: t.name }));
const names = topics.map((t) => t.name);

function suggestionsFor(input: string): string[] {
  const result = findTopicByName(topics, input);
  if (result.found) throw new Error(`expected no exact match for ${JSON.stringify(input)}, found ${result.found.name}`);
  return result.suggestions.map((t) => t.name);
}

describe("findTopicByName", () => {
  it("finds a topic by its exact name and returns that topic object", () => {
    const result = findTopicByName(topics, "Politics");
    expect(result.found).toBe(topics.find((t) => t.name === "Politics"));
  });

  it.each(["politics", "POLITICS", "  Politics  ", "pOlItIcS"])("ignores case and surrounding spaces: %j", (input) => {
    expect(findTopicByName(topics, input).found?.name).toBe("Politics");
  });

  it("ignores diacritics and folds inner white space", () => {
    const custom = [{ name: "Політика" }, { name: "World news" }, { name: "İqtisadiyyat" }];
    expect(findTopicByName(custom, "політика").found?.name).toBe("Політика");
    expect(findTopicByName(custom, "world   news").found?.name).toBe("World news");
    expect(findTopicByName(custom, "iqtisadiyyat").found?.name).toBe("İqtisadiyyat");
  });

  it.each([
    ["Politcs", "Politics"],
    ["Sprots", "Sports"],
    ["Ukrane", "Ukraine"],
    ["Scince", "Science"],
    ["Tech", "Technology"],
  ])("suggests the closest topic for a typo: %j → %s", (input, expected) => {
    const suggestions = suggestionsFor(input);
    expect(suggestions[0]).toBe(expected);
    expect(suggestions.length).toBeLessThanOrEqual(3);
  });

  it("still suggests one to three real topics for unrelated input", () => {
    for (const input of ["zzzzqqq", "Gossip", "🙂", "", "   "]) {
      const suggestions = suggestionsFor(input);
      expect(suggestions.length).toBeGreaterThanOrEqual(1);
      expect(suggestions.length).toBeLessThanOrEqual(3);
      for (const name of suggestions) expect(names).toContain(name);
      expect(new Set(suggestions).size).toBe(suggestions.length);
    }
  });

  it("answers a 10,000-character input quickly without throwing", () => {
    for (const input of ["x".repeat(10_000), "Politics".repeat(1_250), "ж ".repeat(5_000)]) {
      const started = performance.now();
      const result = findTopicByName(topics, input);
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(result.found).toBeUndefined();
      if (!result.found) expect(result.suggestions.length).toBeLessThanOrEqual(3);
    }
  });

  it("suggests nothing from an empty topic list", () => {
    expect(findTopicByName([], "Politics")).toEqual({ suggestions: [] });
  });
});

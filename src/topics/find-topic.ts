import { foldText } from "./text.js";

export type TopicLookup<T> = { found: T } | { found?: undefined; suggestions: T[] };

/** Finds a topic by name, ignoring case and diacritics; when none matches, the closest names. */
export function findTopicByName<T extends { name: string }>(topics: readonly T[], input: string): TopicLookup<T> {
  const wanted = foldText(input.trim()).replace(/\s+/g, " ");
  const found = topics.find((t) => foldText(t.name) === wanted);
  if (found) return { found };
  const scored = topics
    .map((t) => {
      const name = foldText(t.name);
      const prefix = wanted !== "" && (name.startsWith(wanted) || wanted.startsWith(name));
      return { t, score: prefix ? 0 : editDistance(name, wanted.slice(0, 60)) };
    })
    .sort((a, b) => a.score - b.score);
  const best = scored.filter((s) => s.score <= Math.max(2, Math.floor(wanted.length / 3))).slice(0, 3);
  return { suggestions: (best.length > 0 ? best : scored.slice(0, 3)).map((s) => s.t) };
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

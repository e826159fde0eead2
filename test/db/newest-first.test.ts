import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fetchedSinceBelow, latestInTopics, SORT_BELOW } from "../../src/db/articles.js";
import type { Db } from "../../src/db/client.js";
import { indexPending } from "../../src/db/search-index.js";
import { searchArticles } from "../../src/db/search.js";
import { parseRule } from "../../src/topics/rule.js";
import { openTempDatabase, type TempDatabase } from "../helpers/temp-database.js";

const NOW = Date.UTC(2026, 10, 24, 8, 0);
const MINUTE = 60_000;

interface Row {
  id: number;
  publishedAt: number;
  fetchedAt: number;
  topics: number[];
  title: string;
}

// Lists of thousands are walked newest fetched first instead of sorted whole: the pages must be the same.
describe("When a list holds thousands of a month's articles", () => {
  let temp: TempDatabase;
  let db: Db;
  const rows: Row[] = [];
  /** The page as sorting the whole list gives it. */
  const expected = (pick: (row: Row) => boolean, limit: number, offset: number) =>
    rows
      .filter(pick)
      .sort((a, b) => b.publishedAt - a.publishedAt || b.id - a.id)
      .slice(offset, offset + limit)
      .map((r) => r.id);

  beforeAll(() => {
    temp = openTempDatabase("newest-first-");
    db = temp.database.db;
    const sqlite = db.$client;
    sqlite.prepare("INSERT INTO feeds (id, url, created_at) VALUES (1, 'https://a.example/rss', 0)").run();
    sqlite.prepare("INSERT INTO topics (id, name) VALUES (1, 'Dense'), (2, 'Sparse'), (3, 'Old')").run();
    const insert = sqlite.prepare("INSERT INTO articles (id, feed_id, title, summary, categories, published_at, fetched_at) VALUES (?, 1, ?, '', '[]', ?, ?)");
    const link = sqlite.prepare("INSERT INTO article_topics (article_id, topic_id) VALUES (?, ?)");
    let seed = 11;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const count = 3 * SORT_BELOW + 12_000;
    sqlite.transaction(() => {
      for (let id = 1; id <= count; id++) {
        // Fetched in polls ten minutes apart, ids mostly but not always in fetch order (a clock set back); published up
        // to two hours before, now and then days before, and several at the same minute.
        const fetchedAt = NOW - 30 * 86_400_000 + Math.floor(id / 50) * 10 * MINUTE - (next() < 0.01 ? 3 * 3_600_000 : 0);
        const lag = next() < 0.02 ? Math.floor(next() * 10) * 86_400_000 : Math.floor(next() * 120) * MINUTE;
        const publishedAt = Math.max(0, fetchedAt - lag);
        // "Old" has its thousands only in the first half of the month, "Sparse" a few hundred over all of it.
        const topics = [...(next() < 0.35 ? [1] : []), ...(next() < 0.01 ? [2] : []), ...(id < count / 2 && next() < 0.6 ? [3] : [])];
        const title = topics.includes(1) ? `Kyiv report ${id}` : `Lviv note ${id}`;
        insert.run(id, title, publishedAt, fetchedAt);
        for (const topic of topics) link.run(id, topic);
        rows.push({ id, publishedAt, fetchedAt, topics, title });
      }
    })();
    indexPending(db, count);
  });
  afterAll(() => temp.close());

  const inAny = (topicIds: number[]) => (row: Row) => row.topics.some((t) => topicIds.includes(t));

  it("then /latest's pages of one topic, of a few, of a sparse one and of one whose articles are all old are those of a full sort", async () => {
    const ids = async (topicIds: number[], limit: number, offset: number) => (await latestInTopics(db, topicIds, limit, offset)).map((h) => h.id);
    for (const topicIds of [[1], [2], [3], [1, 2], [2, 3]]) {
      for (const offset of [0, 30, 600]) expect(await ids(topicIds, 30, offset), `${topicIds} from ${offset}`).toEqual(expected(inAny(topicIds), 30, offset));
    }
    expect(rows.filter(inAny([1])).length).toBeGreaterThan(SORT_BELOW);
    expect(rows.filter(inAny([3])).length).toBeGreaterThan(SORT_BELOW);
    expect(rows.filter(inAny([2])).length).toBeLessThan(SORT_BELOW);
  });

  it("then whether an article below an id was fetched since a time is told exactly for the last hours, and 'maybe' past them", () => {
    const since = Math.max(...rows.map((r) => r.fetchedAt)) - 6 * 3_600_000;
    const fetchedSince = rows.filter((r) => r.fetchedAt >= since);
    expect(fetchedSince.length).toBeGreaterThan(1000);
    const lowest = Math.min(...fetchedSince.map((r) => r.id));
    expect(fetchedSinceBelow(db, since, lowest)).toBe(false);
    expect(fetchedSinceBelow(db, since, lowest + 1)).toBe(true);
    // Every article was fetched at or after the first: none lies below id 1, but there are too many to read through.
    expect(rows.length).toBeGreaterThan(20_000);
    expect(fetchedSinceBelow(db, rows[0]!.fetchedAt - 1, 1)).toBe(true);
  });

  it("then a walk that takes long pauses between its windows, and gives the same page", async () => {
    // Each look at the clock "takes" 6 ms: the walk's slice runs out after one window.
    let clock = 0;
    vi.spyOn(performance, "now").mockImplementation(() => (clock += 6));
    let pauses = 0;
    const pause = () => {
      pauses++;
      return Promise.resolve();
    };
    try {
      const page = await latestInTopics(db, [1], 30, 600, pause);
      expect(page.map((h) => h.id)).toEqual(expected(inAny([1]), 30, 600));
      expect(pauses).toBeGreaterThan(0);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it("then /search's pages and count are those of a full sort", async () => {
    for (const offset of [0, 30, 600]) {
      const result = await searchArticles(db, parseRule("kyiv"), 30, offset);
      expect(result.headlines.map((h) => h.id), `from ${offset}`).toEqual(expected((r) => r.title.startsWith("Kyiv"), 30, offset));
      expect(result.total).toBe(rows.filter((r) => r.title.startsWith("Kyiv")).length);
    }
    const few = await searchArticles(db, parseRule('"lviv note 7"'), 30, 0);
    expect(few.headlines.map((h) => h.id)).toEqual(expected((r) => r.title === "Lviv note 7", 30, 0));
  });
});

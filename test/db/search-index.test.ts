import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.js";
import { pruneArticles } from "../../src/db/articles.js";
import { catchUpIndex, createSearchIndexer, forgetIndexed, indexPending } from "../../src/db/search-index.js";
import { searchArticles } from "../../src/db/search.js";
import { createLogger } from "../../src/logger.js";
import { parseRule } from "../../src/topics/rule.js";
import { openTempDatabase, type TempDatabase } from "../helpers/temp-database.js";

describe("When the search index is filled off the store path", () => {
  let temp: TempDatabase;
  let database: DatabaseHandle;
  const logs: string[] = [];
  const store = (count: number, fetchedAt: number, word: string) => {
    const insert = database.db.$client.prepare("INSERT INTO articles (feed_id, title, summary, categories, published_at, fetched_at) VALUES (1, ?, '', '[\"World news\"]', ?, ?)");
    database.db.$client.transaction(() => {
      for (let i = 0; i < count; i++) insert.run(`${word} story ${i}`, fetchedAt + i, fetchedAt);
    })();
  };
  const found = async (rule: string) => (await searchArticles(database.db, parseRule(rule), 5, 0)).total;

  beforeEach(() => {
    temp = openTempDatabase("search-index-");
    database = temp.database;
    database.db.$client.prepare("INSERT INTO feeds (id, url, created_at) VALUES (1, 'https://a.example/rss', 0)").run();
  });
  afterEach(() => {
    temp.close();
  });

  it("then catching up after a poll indexes everything stored, a batch at a time, letting other work run between", async () => {
    store(1800, 1000, "Kyiv");
    const indexer = createSearchIndexer(database.db, createLogger("warn", [], (line) => logs.push(line)));
    indexer.catchUp();
    let turns = 0;
    while ((await found("kyiv")) < 1800) {
      turns++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(turns).toBeGreaterThan(3);
    // Asked again while it may still be running: it looks once more.
    store(700, 2000, "Lviv");
    indexer.catchUp();
    while ((await found("lviv")) < 700) await new Promise((resolve) => setImmediate(resolve));
    await indexer.stop();
    expect([(await found("kyiv")), (await found("lviv")), (await found('category:"world news"'))]).toEqual([1800, 700, 2500]);
    expect(indexPending(database.db, 10_000)).toBe(0);
    expect(logs).toEqual([]);
  });

  it("then a search waits for what was stored a moment ago, sharing the run under way, and pruned articles leave the index", async () => {
    store(1200, 1000, "Kyiv");
    expect((await found("kyiv"))).toBe(0);
    const indexer = createSearchIndexer(database.db, createLogger("warn", [], (line) => logs.push(line)));
    indexer.catchUp();
    store(300, 1500, "Lviv");
    // Two searches at once, one of them while the poll's run is under way: both wait, and each article is indexed once.
    await Promise.all([catchUpIndex(database.db), catchUpIndex(database.db)]);
    expect([(await found("kyiv")), (await found("lviv"))]).toEqual([1200, 300]);
    expect(indexPending(database.db, 10_000)).toBe(0);
    store(10, 5000, "Odesa");
    forgetIndexed(database.db, 5000);
    pruneArticles(database.db, 5000);
    expect(database.db.$client.prepare("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'kyiv'").pluck().get()).toBe(0);
    expect(indexPending(database.db, 10_000)).toBe(10);
    expect((await found("odesa OR kyiv"))).toBe(10);
    await indexer.stop();
    store(5, 6000, "Dnipro");
    // Stopped (the app is stopping): a search no longer waits.
    await catchUpIndex(database.db);
    expect((await found("dnipro"))).toBe(0);
  });

  it("then its segments are merged between steps, not inside the write that adds one, and stay few", async () => {
    const segments = () => database.db.$client.prepare("SELECT count(DISTINCT segid) FROM articles_fts_idx").pluck().get() as number;
    // FTS5's own merging, inside the insert, is off, but for a level of 100 segments (migration 0011).
    const config = Object.fromEntries(database.db.$client.prepare("SELECT k, v FROM articles_fts_config").raw().all() as [string, number][]);
    expect([config.automerge, config.crisismerge]).toEqual([0, 100]);
    // 60 steps of 50 articles, each written as a segment of its own: merged, they are a handful (60 without the
    // merges).
    for (let poll = 0; poll < 12; poll++) {
      store(250, 1000 + poll, `Kharkiv${poll}`);
      await catchUpIndex(database.db);
    }
    expect((await found("kharkiv0 OR kharkiv11"))).toBe(500);
    expect(segments()).toBeLessThanOrEqual(10);
    // Without the merges, a segment a step.
    for (let poll = 0; poll < 10; poll++) {
      store(50, 2000 + poll, `Sumy${poll}`);
      indexPending(database.db, 50);
    }
    expect(segments()).toBeGreaterThanOrEqual(10);
  });
});

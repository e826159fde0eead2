import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.js";
import { pruneArticles } from "../../src/db/articles.js";
import { createSearchIndexer, forgetIndexed, indexPending } from "../../src/db/search-index.js";
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
  const found = (rule: string) => searchArticles(database.db, parseRule(rule), 5, 0).total;

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
    while (found("kyiv") < 1800) {
      turns++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(turns).toBeGreaterThan(3);
    // Asked again while it may still be running: it looks once more.
    store(700, 2000, "Lviv");
    indexer.catchUp();
    while (found("lviv") < 700) await new Promise((resolve) => setImmediate(resolve));
    await indexer.stop();
    expect([found("kyiv"), found("lviv"), found('category:"world news"')]).toEqual([1800, 700, 2500]);
    expect(indexPending(database.db, 10_000)).toBe(0);
    expect(logs).toEqual([]);
  });

  it("then /search's own catch-up indexes what the thread has not reached, and pruned articles leave the index", () => {
    store(1200, 1000, "Kyiv");
    expect(found("kyiv")).toBe(0);
    expect(indexPending(database.db, 10_000)).toBe(1200);
    expect(found("kyiv")).toBe(1200);
    store(10, 5000, "Odesa");
    forgetIndexed(database.db, 5000);
    pruneArticles(database.db, 5000);
    expect(database.db.$client.prepare("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'kyiv'").pluck().get()).toBe(0);
    expect(indexPending(database.db, 10_000)).toBe(10);
    expect(found("odesa OR kyiv")).toBe(10);
  });
});

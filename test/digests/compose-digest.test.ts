import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { storeFeedItems } from "../../src/db/articles.js";
import type { DatabaseHandle } from "../../src/db/client.js";
import { pendingAfter } from "../../src/db/outbox.js";
import { ensureSubscriber, subscribe, subscribedTopics } from "../../src/db/subscribers.js";
import { listTopics, syncCatalogTopics } from "../../src/db/topics.js";
import { createDigestComposer } from "../../src/digests/compose-digest.js";
import type { PreparedItem } from "../../src/feeds/prepare-feed.js";
import { openTempDatabase, type TempDatabase } from "../helpers/temp-database.js";

const NOW = Date.UTC(2026, 10, 24, 8, 0);
const MINUTE = 60_000;

describe("Composing a digest of several topics", () => {
  let temp: TempDatabase;
  let database: DatabaseHandle;
  beforeEach(() => {
    temp = openTempDatabase("compose-");
    database = temp.database;
    syncCatalogTopics(database.db, [
      { name: "Politics", categories: [], keywords: [] },
      { name: "World", categories: [], keywords: [] },
    ]);
    database.db.$client.prepare("INSERT INTO feeds (id, url, name, created_at) VALUES (1, 'https://a.example', 'Wire A', 0), (2, 'https://b.example', 'Wire B', 0)").run();
  });
  afterEach(() => {
    temp.close();
  });

  const item = (key: string, title: string, topicIds: number[], minutesAgo: number): PreparedItem => ({
    key, identity: key, canonical: key, title, link: `https://x.example/${key}`, summary: "", categories: [], publishedAt: NOW - minutesAgo * MINUTE, topicIds,
  });
  const store = (feedId: number, items: PreparedItem[]) => database.db.$client.transaction(() => storeFeedItems(database.db, feedId, items, NOW - 5 * MINUTE))();

  it("then a story shown under one topic is not shown again under another for its other source's copy", () => {
    const [politics, world] = listTopics(database.db).map((t) => t.id) as [number, number];
    store(1, [item("a1", "Ceasefire talks resume in Geneva", [politics, world], 20), item("a2", "Tax bill passes", [politics], 30)]);
    store(2, [item("b1", "UPDATE 1-Ceasefire talks resume in Geneva - Wire B", [world], 10)]);
    ensureSubscriber(database.db, 7, NOW - 60 * MINUTE);
    subscribe(database.db, 7, politics, NOW);
    subscribe(database.db, 7, world, NOW);
    const subscriber = ensureSubscriber(database.db, 7, NOW);
    const outcome = createDigestComposer(database.db, { maxPerTopic: 10 }).compose(subscriber, subscribedTopics(database.db, 7), NOW, false);
    expect(outcome.kind).toBe("queued");
    const text = pendingAfter(database.db, 0, 10).map((m) => m.text).join("\n");
    expect(text.match(/Ceasefire talks resume in Geneva/g)).toHaveLength(1);
    expect(text).toContain("Tax bill passes");
    expect(text).not.toContain("<b>World</b>");
  });

  it("then an item matched to a user's topic deleted before it was stored is stored without it, not refused", () => {
    const [politics] = listTopics(database.db).map((t) => t.id) as [number];
    expect(() => store(1, [item("c1", "Budget vote", [politics, 999], 5)])).not.toThrow();
    expect(database.db.$client.prepare("SELECT topic_id FROM article_topics").pluck().all()).toEqual([politics]);
  });
});

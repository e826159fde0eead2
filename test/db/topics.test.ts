import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.js";
import { migrateChat } from "../../src/db/outbox.js";
import { ensureSubscriber, subscribedTopics } from "../../src/db/subscribers.js";
import { followRule, listTopics, matchingTopics, matchStoredArticles, ownTopics, retireOwnTopic, syncCatalogTopics } from "../../src/db/topics.js";
import type { TopicDefinition } from "../../src/topics/builtin-topics.js";
import { fillOwnTopic } from "../../src/topics/own-topics.js";
import { openTempDatabase, type TempDatabase } from "../helpers/temp-database.js";

const NOW = Date.UTC(2026, 10, 24, 8, 0);

describe("Topics in the database", () => {
  let temp: TempDatabase;
  let database: DatabaseHandle;
  const catalog: TopicDefinition[] = [
    { name: "Transport", categories: [], keywords: ["metro"] },
    { name: "Culture", categories: ["Culture"], keywords: ["theatre"] },
  ];
  const linked = (topicName: string, owner?: number) => {
    const topic = (owner === undefined ? listTopics(database.db) : ownTopics(database.db, owner)).find((t) => t.name === topicName)!;
    return database.db.$client
      .prepare("SELECT a.title FROM article_topics t JOIN articles a ON a.id = t.article_id WHERE t.topic_id = ? ORDER BY a.id")
      .pluck()
      .all(topic.id);
  };

  beforeEach(() => {
    temp = openTempDatabase("topics-");
    database = temp.database;
    const sqlite = database.db.$client;
    sqlite.prepare("INSERT INTO feeds (id, url, topics, created_at) VALUES (1, 'https://a.example/rss', '[]', 0), (2, 'https://b.example/rss', '[\"Culture\"]', 0)").run();
    const insert = sqlite.prepare("INSERT INTO articles (feed_id, title, summary, categories, published_at, fetched_at) VALUES (?, ?, '', '[]', 0, 0)");
    insert.run(1, "Kyiv metro opens a station");
    insert.run(1, "Theatre season opens in Lviv");
    insert.run(1, "Bus fares rise in Kyiv");
    insert.run(2, "Concert in Odesa");
    const changed = syncCatalogTopics(database.db, catalog);
    expect(changed).toHaveLength(2);
    matchStoredArticles(database.db, listTopics(database.db));
  });
  afterEach(() => {
    temp.close();
  });

  it("then a catalog edit reports exactly the topics it changed, and matching them again relinks their stored articles", () => {
    expect(linked("Transport")).toEqual(["Kyiv metro opens a station"]);
    expect(linked("Culture")).toEqual(["Theatre season opens in Lviv", "Concert in Odesa"]);
    expect(syncCatalogTopics(database.db, catalog)).toEqual([]);
    const edited = [{ ...catalog[0]!, keywords: ["metro", "fare*"] }, catalog[1]!];
    const changed = syncCatalogTopics(database.db, edited);
    expect(changed).toEqual([listTopics(database.db)[0]!.id]);
    matchStoredArticles(database.db, listTopics(database.db).filter((t) => changed.includes(t.id)));
    expect(linked("Transport")).toEqual(["Kyiv metro opens a station", "Bus fares rise in Kyiv"]);
    expect(linked("Culture")).toEqual(["Theatre season opens in Lviv", "Concert in Odesa"]);
  });

  it("then a user's topic may share a catalog topic's name, is matched against what is stored, and a catalog sync leaves it alone", async () => {
    ensureSubscriber(database.db, 7, NOW);
    const kyiv = followRule(database.db, 7, "Kyiv", NOW);
    expect(kyiv.kind).toBe("created");
    expect(followRule(database.db, 7, "Transport", NOW).kind).toBe("created");
    if (kyiv.kind === "created") await fillOwnTopic(database.db, kyiv.topic);
    expect(linked("Kyiv", 7)).toEqual(["Kyiv metro opens a station", "Bus fares rise in Kyiv"]);
    syncCatalogTopics(database.db, catalog.slice(1));
    expect(ownTopics(database.db, 7).map((t) => [t.name, t.active])).toEqual([["Kyiv", true], ["Transport", true]]);
    expect(listTopics(database.db).map((t) => t.name)).toEqual(["Culture"]);
    expect(subscribedTopics(database.db, 7).map((t) => t.name)).toEqual(["Kyiv", "Transport"]);
  });

  it("then the topics articles are matched against follow every follow, unfollow, catalog edit and change made elsewhere", () => {
    const names = () => matchingTopics(database.db).map((t) => [t.name, t.keywords.join(",")]);
    expect(names()).toEqual([["Transport", "metro"], ["Culture", "theatre"]]);
    ensureSubscriber(database.db, 7, NOW);
    const kyiv = followRule(database.db, 7, "Kyiv", NOW);
    expect(names()).toEqual([["Transport", "metro"], ["Culture", "theatre"], ["Kyiv", ""]]);
    syncCatalogTopics(database.db, [{ ...catalog[0]!, keywords: ["metro", "tram"] }, catalog[1]!]);
    expect(names()).toEqual([["Transport", "metro,tram"], ["Culture", "theatre"], ["Kyiv", ""]]);
    if (kyiv.kind === "created") retireOwnTopic(database.db, 7, kyiv.topic.id);
    expect(names()).toEqual([["Transport", "metro,tram"], ["Culture", "theatre"]]);
    database.db.$client.prepare("INSERT INTO topics (name, rule, owner_chat_id) VALUES ('Lviv', 'Lviv', 7)").run();
    expect(names()).toEqual([["Transport", "metro,tram"], ["Culture", "theatre"], ["Lviv", ""]]);
  });

  it("then a chat's own topics move with it to its new id, joining those the new chat has", () => {
    ensureSubscriber(database.db, -100, NOW);
    followRule(database.db, -100, "Kyiv", NOW);
    followRule(database.db, -100, "Lviv", NOW);
    ensureSubscriber(database.db, -1001, NOW);
    followRule(database.db, -1001, "Kyiv", NOW);
    migrateChat(database.db, -100, -1001);
    expect(ownTopics(database.db, -100)).toEqual([]);
    expect(ownTopics(database.db, -1001).map((t) => t.name)).toEqual(["Lviv", "Kyiv"]);
    expect(subscribedTopics(database.db, -1001).map((t) => t.name)).toEqual(["Lviv", "Kyiv"]);
  });
});

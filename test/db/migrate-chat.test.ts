import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.js";
import { commitDigest, deliveredSince } from "../../src/db/deliveries.js";
import { enqueueMessage, migrateChat, pendingAfter } from "../../src/db/outbox.js";
import { ensureSubscriber, subscribe, subscribedTopics } from "../../src/db/subscribers.js";
import { listTopics, syncCatalogTopics } from "../../src/db/topics.js";
import { BUILTIN_TOPICS } from "../../src/topics/builtin-topics.js";
import { openTempDatabase, type TempDatabase } from "../helpers/temp-database.js";

const GROUP = -100;
const SUPERGROUP = -1_001_234_567_890;
const NOW = Date.UTC(2026, 10, 24, 8, 0);

describe("When a group becomes a supergroup (migrate_to_chat_id)", () => {
  let temp: TempDatabase;
  let database: DatabaseHandle;
  let topicIds: number[];
  beforeEach(() => {
    temp = openTempDatabase("migrate-chat-");
    database = temp.database;
    syncCatalogTopics(database.db, BUILTIN_TOPICS);
    topicIds = listTopics(database.db).map((t) => t.id);
    ensureSubscriber(database.db, GROUP, NOW);
    subscribe(database.db, GROUP, topicIds[0]!, NOW);
    subscribe(database.db, GROUP, topicIds[1]!, NOW);
    commitDigest(database.db, { chatId: GROUP, messages: [{ text: "Digest one" }], articleIds: [] }, NOW);
    enqueueMessage(database.db, GROUP, "Waiting notice", NOW);
  });
  afterEach(() => {
    temp.close();
  });

  const waiting = () => pendingAfter(database.db, 0, 100).map((m) => [m.chatId, m.text]);

  it("then the subscriber, its topics and its waiting messages move to the new id", () => {
    migrateChat(database.db, GROUP, SUPERGROUP);
    expect(subscribedTopics(database.db, SUPERGROUP).map((t) => t.id)).toEqual([topicIds[0], topicIds[1]]);
    expect(subscribedTopics(database.db, GROUP)).toEqual([]);
    expect(waiting()).toEqual([
      [SUPERGROUP, "Digest one"],
      [SUPERGROUP, "Waiting notice"],
    ]);
  });

  it("then a subscriber already at the new id keeps its topics, gains the old ones and the waiting messages", () => {
    commitDigest(database.db, { chatId: GROUP, messages: [], articleIds: [7, 8] }, NOW + 1000);
    ensureSubscriber(database.db, SUPERGROUP, NOW);
    subscribe(database.db, SUPERGROUP, topicIds[2]!, NOW);
    subscribe(database.db, SUPERGROUP, topicIds[1]!, NOW);
    migrateChat(database.db, GROUP, SUPERGROUP);
    expect(subscribedTopics(database.db, SUPERGROUP).map((t) => t.id)).toEqual([topicIds[0], topicIds[1], topicIds[2]]);
    expect(database.db.$client.prepare("SELECT count(*) FROM subscribers WHERE chat_id = ?").pluck().get(GROUP)).toBe(0);
    expect(waiting().every(([chatId]) => chatId === SUPERGROUP)).toBe(true);
    // What the group received stays received in the supergroup.
    expect([...deliveredSince(database.db, SUPERGROUP, NOW)].sort()).toEqual([7, 8]);
  });
});

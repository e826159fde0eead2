import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.js";
import { countByStatus, enqueueMessage, markDropped, markSending, markSent, pendingAfter, pruneOutbox } from "../../src/db/outbox.js";
import { openTempDatabase, type TempDatabase } from "../helpers/temp-database.js";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 24, 8, 0);

describe("When old messages are pruned from the outbox", () => {
  let temp: TempDatabase;
  let database: DatabaseHandle;
  beforeEach(() => {
    temp = openTempDatabase("outbox-");
    database = temp.database;
  });
  afterEach(() => {
    temp.close();
  });

  const bodies = () => database.db.$client.prepare("SELECT text FROM message_bodies ORDER BY id").pluck().all();

  it("then sent and dropped messages older than the cut go, with the texts nothing else uses; waiting ones stay", () => {
    const { db } = database;
    enqueueMessage(db, 1, "Old and sent", NOW - 10 * DAY);
    enqueueMessage(db, 2, "Old and dropped", NOW - 10 * DAY);
    enqueueMessage(db, 3, "Shared digest", NOW - 10 * DAY);
    enqueueMessage(db, 4, "Shared digest", NOW - 10 * DAY);
    enqueueMessage(db, 5, "Old but still waiting", NOW - 10 * DAY);
    enqueueMessage(db, 6, "Recent and sent", NOW - DAY);
    const [oldSent, oldDropped, sharedSent, , , recentSent] = pendingAfter(db, 0, 10);
    for (const message of [oldSent!, sharedSent!, recentSent!]) {
      markSending(db, message.id);
      markSent(db, message.id, NOW);
    }
    markDropped(db, oldDropped!.id, "403 Forbidden");

    expect(pruneOutbox(db, NOW - 7 * DAY)).toBe(3);
    expect(countByStatus(db)).toEqual({ pending: 2, sent: 1 });
    expect(pendingAfter(db, 0, 10).map((m) => [m.chatId, m.text])).toEqual([
      [4, "Shared digest"],
      [5, "Old but still waiting"],
    ]);
    // "Shared digest" still waits for chat 4, so its text stays although chat 3's copy was pruned.
    expect(bodies()).toEqual(["Shared digest", "Old but still waiting", "Recent and sent"]);
  });
});

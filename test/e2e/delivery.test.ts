import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rssFeed, type FeedItem } from "../helpers/feed-server.js";
import { digestView, hasWholeDigest, seedSubscribers, sendCallsTo, waitUntil } from "../helpers/delivery.js";
import { say, startWorld, type TestWorld } from "../helpers/test-app.js";

/**
 * The wire carries 25 Politics stories with long headlines, so a Politics digest is several messages (DIGEST_MAX_PER_TOPIC
 * is raised to show them all), and 3 Science stories, a one-message digest. Users are seeded straight into the
 * database, due now; the app's digest run (the job's, called at once) composes their digests and its sender delivers them.
 */
const POLITICS = Array.from(
  { length: 25 },
  (_, i) => `Election report number ${i} from the parliament ${"with a fairly long headline to fill the message ".repeat(2)}(${i})`,
);
const SCIENCE = ["NASA telescope spots a new comet", "Astronomers map a distant galaxy", "Scientists photograph the Sun's pole"];

function wireItems(): FeedItem[] {
  const now = Date.now();
  return [
    ...POLITICS.map((title, i) => ({ guid: `p${i}`, title, link: `https://news.example/p/${i}`, pubDate: new Date(now - i * 60_000) })),
    ...SCIENCE.map((title, i) => ({ guid: `s${i}`, title, link: `https://news.example/s/${i}`, pubDate: new Date(now - i * 60_000) })),
  ];
}

const catalog = (feeds: Parameters<Parameters<typeof startWorld>[0]["catalog"]>[0]) => {
  feeds.route("/wire.xml", { body: rssFeed({ title: "Wire", items: wireItems() }) });
  return `feeds:\n  - url: ${feeds.url("/wire.xml")}\n    name: Wire\n`;
};

const isSendFailure = (line: string) => line.includes("sending failed") || line.includes("Telegram still unreachable");
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
const sendCalls = (world: TestWorld, since = 0) => world.api.calls.slice(since).filter((c) => c.method === "sendMessage");

/** Seeds `chatIds` following `topics`, due now, and runs the digest job at once rather than at its next second. */
function dueNow(world: TestWorld, chatIds: readonly number[], topics: readonly string[] = ["Politics"]) {
  seedSubscribers(world.app.database.db, chatIds, { topics, dueAt: world.clock.now() - 1000, now: world.clock.now() });
  world.app.runDueDigests();
}

function subscriberRow(world: TestWorld, chatId: number) {
  return world.app.database.db.query.subscribers.findFirst({ where: (s, { eq }) => eq(s.chatId, chatId) }).sync();
}

function outboxStatuses(world: TestWorld, chatId: number): string[] {
  return world.app.database.db.$client.prepare("SELECT status FROM outbox WHERE chat_id = ? ORDER BY id").pluck().all(chatId) as string[];
}

/** Every chat got its whole digest once: each title once, one heading, no message twice. */
function expectEachDigestOnce(world: TestWorld, chatIds: readonly number[], titles: readonly string[]) {
  for (const chatId of chatIds) {
    const view = digestView(world.api, chatId, titles);
    expect({ chatId, missing: view.missing, repeated: view.repeated, headings: view.headings, duplicateMessages: view.duplicateMessages }).toEqual({
      chatId,
      missing: [],
      repeated: [],
      headings: 1,
      duplicateMessages: 0,
    });
  }
}

async function waitForDigests(world: TestWorld, chatIds: readonly number[], titles: readonly string[], timeoutMs = 15_000) {
  await waitUntil(
    () => chatIds.every((id) => hasWholeDigest(world.api, id, titles)),
    timeoutMs,
    () => `whole digests; still missing in chats ${chatIds.filter((id) => !hasWholeDigest(world.api, id, titles)).join(", ")}`,
  );
}

/**
 * One end-to-end run per kind of answer, through the app as it runs: the exact pauses, the doubling back-off and every
 * kind of refusal are timed on a fake clock in test/delivery/sender.test.ts.
 */
describe("When digests are being delivered and Telegram answers with errors", () => {
  let world: TestWorld;

  beforeAll(async () => {
    world = await startWorld({ catalog, env: { DIGEST_MAX_PER_TOPIC: "200" } });
    await world.app.pollFeeds({ force: true });
  });
  afterAll(() => world?.close());

  it("then a 429 on one digest message pauses every send for retry_after, and every digest still arrives once", async () => {
    const users = range(5001, 6);
    const since = world.api.mark();
    world.api.failNext("sendMessage", { error_code: 429, retry_after: 1, chatId: 5003 });
    dueNow(world, users);
    await waitForDigests(world, users, POLITICS);
    await world.app.sender.drained();

    const calls = sendCalls(world, since);
    const limited = calls.find((c) => c.status === 429)!;
    expect(limited, "the 429 was answered").toBeDefined();
    expect(Number(limited.payload.chat_id)).toBe(5003);
    // The digests were several messages each: plenty were still waiting when the 429 came.
    expect(calls.filter((c) => c.at > limited.at).length).toBeGreaterThan(users.length);
    expectEachDigestOnce(world, users, POLITICS);
    expect(calls.filter((c) => !c.ok)).toHaveLength(1);
    // At the default TELEGRAM_RATE no message is sent as a paid broadcast.
    expect(calls.some((c) => "allow_paid_broadcast" in c.payload)).toBe(false);
    expect(world.logs.some((l) => l.includes("Telegram flood control: every send paused for retry_after"))).toBe(true);
  });

  it("then a 403 drops all that user's waiting messages and marks them inactive; others still get theirs", async () => {
    const gone = 5101;
    const others = range(5102, 3);
    world.api.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user", chatId: gone, times: Infinity });
    try {
      // The user follows both topics: one digest of several messages waits for them. The others get one message each.
      dueNow(world, [gone], ["Politics", "Science"]);
      dueNow(world, others, ["Science"]);
      await waitForDigests(world, others, SCIENCE);
      // Nothing waits in the outbox any more: the user's messages were all dealt with.
      await world.app.sender.drained();

      expect(sendCallsTo(world.api, gone).map((c) => c.status)).toEqual([403]);
      expect(world.api.messageCount(gone)).toBe(0);
      expect(subscriberRow(world, gone)!.active).toBe(false);
      const statuses = outboxStatuses(world, gone);
      expect(statuses.length).toBeGreaterThan(1);
      expect(statuses.every((s) => s === "dropped")).toBe(true);
      expectEachDigestOnce(world, others, SCIENCE);
      for (const id of others) expect(subscriberRow(world, id)!.active).toBe(true);
      expect(world.logs.some((l) => l.includes("subscriber marked inactive") && l.includes(String(gone)))).toBe(true);
    } finally {
      world.api.clearFailures();
    }
  });

  it("then a 400 with migrate_to_chat_id moves the subscriber and its digest to the new chat id, nothing twice", async () => {
    const group = -4001;
    const supergroup = -1_000_000_004_001;
    const neighbour = 5301;
    world.api.failNext("sendMessage", { error_code: 400, migrate_to_chat_id: supergroup, chatId: group });
    dueNow(world, [group, neighbour], ["Science"]);
    await waitForDigests(world, [supergroup, neighbour], SCIENCE);
    await world.app.sender.drained();

    expect(sendCallsTo(world.api, group).map((c) => c.status)).toEqual([400]);
    expect(world.api.messageCount(group)).toBe(0);
    expectEachDigestOnce(world, [supergroup, neighbour], SCIENCE);
    expect(subscriberRow(world, group)).toBeUndefined();
    const moved = subscriberRow(world, supergroup);
    expect(moved).toMatchObject({ chatId: supergroup, active: true });
    expect(outboxStatuses(world, group)).toEqual([]);
    expect(outboxStatuses(world, supergroup).every((s) => s === "sent")).toBe(true);
    // The new chat still follows what the group followed.
    const topics = world.app.database.db.$client
      .prepare("SELECT t.name FROM subscriptions s JOIN topics t ON t.id = s.topic_id WHERE s.chat_id = ?")
      .pluck()
      .all(supergroup);
    expect(topics).toEqual(["Science"]);
  });

  it("then while the Bot API is down (502, then refusing connections) every digest waits, and all arrive once afterwards", async () => {
    const users = range(5401, 20);
    const since = world.api.mark();
    const logsBefore = world.logs.length;
    const failureLines = () => world.logs.slice(logsBefore).filter(isSendFailure);
    world.api.setDown(true);
    try {
      dueNow(world, users, ["Science"]);
      await world.api.waitForCall((c) => c.method === "sendMessage" && c.status === 502, { since, timeoutMs: 5000 });
      await world.api.goOffline();
      // The next round of attempts, after the first pause, finds the connection refused.
      const failedBefore = failureLines().length;
      await waitUntil(() => failureLines().slice(failedBefore).some((l) => l.includes("ECONNREFUSED")), 10_000, "an attempt refused");
    } finally {
      await world.api.goOnline();
      world.api.setDown(false);
    }
    await waitForDigests(world, users, SCIENCE, 20_000);
    await world.app.sender.drained();

    expectEachDigestOnce(world, users, SCIENCE);
    // Every failed attempt is in the log (the refused ones never reached the fake, so there are more lines).
    const failedAttempts = sendCalls(world, since).filter((c) => c.status === 502).length;
    expect(failedAttempts).toBeGreaterThan(0);
    expect(failureLines().length).toBeGreaterThan(failedAttempts);
    // The bot is still running: it answers a user.
    const reply = await say(world, 5499, "/help");
    expect(reply.plainText).toContain("/latest");
  });
});

describe("When Telegram enforces its flood limits and TELEGRAM_RATE is 50", () => {
  let world: TestWorld;

  beforeAll(async () => {
    world = await startWorld({ catalog, env: { DIGEST_MAX_PER_TOPIC: "200", TELEGRAM_RATE: "50" } });
    world.api.setLimits({ perChatPerSecond: 1, perGroupPerMinute: 20 });
    await world.app.pollFeeds({ force: true });
  });
  afterAll(() => world?.close());

  it("then a long digest to one chat and digests to many chats and groups all arrive without a single 429", async () => {
    const privateChats = range(6001, 36);
    const groups = [-6001, -6002, -1_000_000_006_003];
    const chats = [...privateChats, ...groups];
    const since = world.api.mark();
    dueNow(world, chats);
    await waitForDigests(world, chats, POLITICS, 20_000);
    await world.app.sender.drained();

    expectEachDigestOnce(world, chats, POLITICS);
    // Each digest was several messages, so each chat's limit was really put to the test.
    for (const chatId of chats) expect(world.api.messageCount(chatId)).toBeGreaterThan(1);
    // Each 429, with how long after the chat's previous accepted message it arrived (the fake allows one per 1000 ms).
    const calls = sendCalls(world, since);
    const refused = calls
      .filter((c) => c.status === 429)
      .map((c) => {
        const previous = calls.filter((d) => d.ok && d.payload.chat_id === c.payload.chat_id && d.at <= c.at).at(-1);
        return { chat: c.payload.chat_id, msAfterPrevious: previous ? c.at - previous.at : null };
      });
    expect(refused).toEqual([]);
    expect(world.api.rateLimited()).toBe(0);
    expect(calls.filter((c) => !c.ok)).toEqual([]);
    // Above Telegram's free 30 a second, digests go out as paid broadcasts.
    expect(calls.every((c) => c.payload.allow_paid_broadcast === true)).toBe(true);
  });
});

import { Api } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { enqueueMessage, markRetry } from "../../src/db/outbox.js";
import { syncCatalogFeeds } from "../../src/db/feeds.js";
import { ensureSubscriber, getSubscriber, subscribe, subscribedTopics } from "../../src/db/subscribers.js";
import { listTopics, syncCatalogTopics } from "../../src/db/topics.js";
import type { Fetch } from "../../src/delivery/paced-fetch.js";
import { createPacer } from "../../src/delivery/pacer.js";
import { MAX_BACKOFF_MS, startSender, type Sender, type SendOutcome } from "../../src/delivery/sender.js";
import { createDigestComposer } from "../../src/digests/compose-digest.js";
import { createLogger } from "../../src/logger.js";
import { BUILTIN_TOPICS } from "../../src/topics/builtin-topics.js";
import { FakeTime, seedArticles, trackRequests, type TrackedRequest } from "../helpers/delivery.js";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.js";
import { openTempDatabase, type TempDatabase } from "../helpers/temp-database.js";

/**
 * The sender against a real SQLite outbox and the fake Bot API over HTTP, on a fake clock: requests take no fake time,
 * so every send, pause and retry happens at an exact instant.
 */

/** The wall clock at fake time 0 (what the outbox records). */
const WALL = Date.UTC(2026, 0, 5, 8, 0);

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}
const WARN = 40;
const ERROR = 50;

interface Delivery {
  db: Db;
  time: FakeTime;
  sender: Sender;
  requests: TrackedRequest[];
  outcomes: SendOutcome[];
  logs: () => LogLine[];
  /** Runs the fake clock until nothing waits in the outbox or in flight. */
  drain(withinMs?: number): Promise<void>;
}

let bot: FakeBotApi;
let temp: TempDatabase;
/** Stops the sender the test started. */
let cleanup: (() => Promise<void>) | undefined;

beforeEach(async () => {
  bot = await startFakeBotApi();
  temp = openTempDatabase("sender-");
});
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
  temp.close();
  await bot.close();
});

/** Starts the sender on a fake clock, the pacer on the same clock, with an Api pointing at the fake Bot API. */
function startDelivery(options: { rate?: number; paidBroadcast?: boolean; fetch?: Fetch; onOutcome?: (o: SendOutcome) => void } = {}): Delivery {
  const { db } = temp.database;
  const time = new FakeTime();
  const api = new Api(bot.token, { apiRoot: bot.apiRoot, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const requests = trackRequests(api, time);
  const lines: string[] = [];
  // Nothing redacted: the sender itself must never log the token.
  const log = createLogger("debug", [], (line) => lines.push(line));
  const pacer = createPacer({ ratePerSecond: options.rate ?? 25, now: time.now, sleep: time.sleep });
  const outcomes: SendOutcome[] = [];
  const sender = startSender({
    db, api, pacer, log,
    now: () => WALL + time.now(),
    clock: time.now,
    sleep: time.sleep,
    ...(options.paidBroadcast ? { paidBroadcast: true } : {}),
    onOutcome: options.onOutcome ?? ((outcome) => outcomes.push(outcome)),
  });
  cleanup = () => sender.stop();
  return {
    db, time, sender, requests, outcomes,
    logs: () => lines.map((line) => JSON.parse(line) as LogLine),
    async drain(withinMs) {
      let drained = false;
      void sender.drained().then(() => (drained = true));
      await time.runUntil(() => drained, "drained", withinMs);
    },
  };
}

/** Queues `count` messages for each chat, round by round, as digests of several messages are (ids in that order). */
function queueMessages(db: Db, chatIds: readonly number[], count: number): void {
  for (let i = 1; i <= count; i++) for (const chatId of chatIds) enqueueMessage(db, chatId, `Message ${i} for ${chatId}`, WALL);
}
const texts = (chatId: number, count: number) => Array.from({ length: count }, (_, i) => `Message ${i + 1} for ${chatId}`);

interface OutboxRow {
  chatId: number;
  status: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: number;
}
function outboxRows(db: Db, chatId: number): OutboxRow[] {
  return db.$client
    .prepare("SELECT chat_id AS chatId, status, attempts, last_error AS lastError, next_attempt_at AS nextAttemptAt FROM outbox WHERE chat_id = ? ORDER BY id")
    .all(chatId) as OutboxRow[];
}

const sends = (requests: readonly TrackedRequest[]) => requests.filter((r) => r.method === "sendMessage");
const sendTimes = (requests: readonly TrackedRequest[], chatId: number) => sends(requests).filter((r) => r.chatId === chatId).map((r) => r.at);

describe("When the sender delivers the outbox", () => {
  it("then each chat's messages arrive in order, a second apart, and the chats share the global rate (25/s: 40 ms)", async () => {
    const chats = [101, 102, 103];
    queueMessages(temp.database.db, chats, 3);
    const d = startDelivery();
    await d.drain();

    for (const chatId of chats) expect(bot.messages(chatId).map((m) => m.text)).toEqual(texts(chatId, 3));
    expect(chats.map((chatId) => sendTimes(d.requests, chatId))).toEqual([
      [0, 1000, 2000],
      [40, 1040, 2040],
      [80, 1080, 2080],
    ]);
    for (const chatId of chats) expect(outboxRows(d.db, chatId).map((r) => [r.status, r.attempts])).toEqual([["sent", 1], ["sent", 1], ["sent", 1]]);
    expect(d.outcomes).toEqual(Array(9).fill("sent"));
  });

  it("then messages go as HTML without link previews, and as paid broadcasts only when asked", async () => {
    queueMessages(temp.database.db, [201], 1);
    const free = startDelivery();
    await free.drain();
    await free.sender.stop();
    queueMessages(temp.database.db, [202], 1);
    const paid = startDelivery({ paidBroadcast: true });
    await paid.drain();

    const payload = (chatId: number) => bot.calls.find((c) => c.method === "sendMessage" && c.payload.chat_id === chatId)!.payload;
    expect(payload(201)).toMatchObject({ parse_mode: "HTML", link_preview_options: { is_disabled: true } });
    expect("allow_paid_broadcast" in payload(201)).toBe(false);
    expect(payload(202)).toMatchObject({ parse_mode: "HTML", allow_paid_broadcast: true });
  });

  it("then a message retried before a restart waits out the rest of its pause", async () => {
    const { db } = temp.database;
    enqueueMessage(db, 301, "Retried", WALL);
    const id = db.$client.prepare("SELECT id FROM outbox WHERE chat_id = 301").pluck().get() as number;
    markRetry(db, id, "502 Bad Gateway", WALL + 5000);
    const d = startDelivery();
    await d.drain();
    expect(sendTimes(d.requests, 301)).toEqual([5000]);
    expect(bot.messages(301).map((m) => m.text)).toEqual(["Retried"]);
  });
});

describe("When a digest is longer than one message", () => {
  it("then 120 stories reach the user in several valid messages within 4096 characters, each story once", async () => {
    const { db } = temp.database;
    const feedUrl = "https://news.example/good.xml";
    syncCatalogTopics(db, BUILTIN_TOPICS);
    syncCatalogFeeds(db, [{ url: feedUrl, name: "Good News", topics: [] }], WALL - 86_400_000);
    const title = (i: number) => `long election report number ${i} ${"with a fairly long headline ".repeat(4)}`;
    const articles = Array.from({ length: 120 }, (_, i) => ({ title: title(i), link: `https://news.example/long/${i}`, topics: ["Politics"], publishedAt: WALL - 60_000 - i * 1000 }));
    seedArticles(db, feedUrl, articles, WALL - 60_000);
    const subscriber = ensureSubscriber(db, 4004, WALL - 86_400_000);
    subscribe(db, 4004, listTopics(db).find((t) => t.name === "Politics")!.id, WALL - 86_400_000);
    const outcome = createDigestComposer(db, { maxPerTopic: 200 }).compose(subscriber, subscribedTopics(db, 4004), WALL, false);
    expect(outcome).toMatchObject({ kind: "queued", articles: 120 });
    const d = startDelivery();
    await d.drain();

    // The fake Bot API checks each message as Telegram does (HTML, length) before it accepts it.
    const sent = bot.calls.filter((c) => c.method === "sendMessage");
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.filter((c) => !c.ok)).toEqual([]);
    const text = sent.map((c) => c.message!.plainText).join("\n");
    for (let i = 0; i < 120; i++) expect(text.match(new RegExp(`long election report number ${i} `, "g"))).toHaveLength(1);
    for (const call of sent) expect(call.message!.plainText.length).toBeLessThanOrEqual(4096);
    expect(text.match(/Your news digest/g)).toHaveLength(1);
  });
});

describe("When Telegram answers 429 (flood control)", () => {
  it("then every send pauses for retry_after, the message is sent again after it, and every message arrives once", async () => {
    const chats = [401, 402, 403, 404];
    queueMessages(temp.database.db, chats, 3);
    bot.failNext("sendMessage", { error_code: 429, retry_after: 2, chatId: 402 });
    const d = startDelivery();

    await d.time.runUntil(() => d.requests.some((r) => r.status === 429), "answered 429");
    const limited = d.requests.find((r) => r.status === 429)!;
    expect(limited).toMatchObject({ chatId: 402, at: 40 });
    // While paused, the outbox says when the message is tried again.
    expect(outboxRows(d.db, 402)[0]).toMatchObject({ status: "pending", lastError: "429 Too Many Requests: retry after 2", nextAttemptAt: WALL + 40 + 2000 });
    await d.drain();

    const after = sends(d.requests).filter((r) => r.at > limited.at);
    expect(after.length).toBeGreaterThan(chats.length);
    // Nothing at all between the 429 and the end of retry_after; then the chats not yet served first, and the pacer's
    // slots 40 ms apart (after a long wait the pacer lets one message of catch-up go with the first, never more).
    expect(after.slice(0, 4).map((r) => [r.chatId, r.at])).toEqual([[403, 2040], [404, 2040], [401, 2080], [402, 2120]]);
    for (const chatId of chats) expect(bot.messages(chatId).map((m) => m.text)).toEqual(texts(chatId, 3));
    expect(outboxRows(d.db, 402).map((r) => [r.status, r.attempts])).toEqual([["sent", 2], ["sent", 1], ["sent", 1]]);
    expect(d.outcomes.filter((o) => o !== "sent")).toEqual(["429"]);
    expect(d.logs().filter((l) => l.msg.startsWith("Telegram flood control"))).toMatchObject([
      { level: WARN, msg: "Telegram flood control: every send paused for retry_after", chatId: 402, retryAfterMs: 2000 },
    ]);
  });
});

describe("When Telegram cannot be reached (5xx, a gateway's HTML page, a refused connection)", () => {
  it("then every failure pauses sending, the pause doubling from 0.5 s to 30 s, logged as an error at the bound; the message waits and arrives once", async () => {
    queueMessages(temp.database.db, [501], 1);
    bot.setDown(true); // 502 with nginx's HTML page
    const d = startDelivery();
    const failed = () => sends(d.requests).filter((r) => r.status !== 200).length;

    await d.time.runUntil(() => failed() === 2, "two 502s");
    bot.setDown(false);
    bot.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" });
    await d.time.runUntil(() => failed() === 3, "a 500");
    expect(outboxRows(d.db, 501)[0]).toMatchObject({ status: "pending", attempts: 3, lastError: "500 Internal Server Error", nextAttemptAt: WALL + 2000 + 2000 });
    await bot.goOffline();
    try {
      await d.time.runUntil(() => failed() === 8, "five refused connections");
    } finally {
      await bot.goOnline();
    }
    await d.drain();

    // The first pause (0.5 s) is shorter than the chat's own 1 s gap, which a failed attempt counts against too.
    expect(sendTimes(d.requests, 501)).toEqual([0, 1000, 2000, 4000, 8000, 16_000, 32_000, 62_000, 92_000]);
    expect(sends(d.requests).map((r) => r.status)).toEqual(["error", "error", 500, "error", "error", "error", "error", "error", 200]);
    const failures = d.logs().filter((l) => l.retryInMs !== undefined);
    expect(failures.map((l) => [l.level, l.retryInMs])).toEqual([
      [WARN, 500], [WARN, 1000], [WARN, 2000], [WARN, 4000], [WARN, 8000], [WARN, 16_000], [ERROR, MAX_BACKOFF_MS], [ERROR, MAX_BACKOFF_MS],
    ]);
    expect(failures.slice(-1)[0]).toMatchObject({ msg: "Telegram still unreachable; the message stays pending and is retried", chatId: 501 });
    // A refused connection names its cause by code, never by the URL that holds the token.
    expect(failures[3]!.err).toMatch(/ECONNREFUSED/);
    expect(JSON.stringify(d.logs())).not.toContain(bot.token.split(":")[1]);
    expect(bot.messages(501).map((m) => m.text)).toEqual(["Message 1 for 501"]);
    expect(outboxRows(d.db, 501)).toMatchObject([{ status: "sent", attempts: 9, lastError: null }]);
    expect(d.outcomes).toEqual([...Array(8).fill("failed"), "sent"]);
  });

  it.each([
    { code: 401, description: "Unauthorized" },
    { code: 404, description: "Not Found" },
  ])("then a $code (a revoked token, a wrong API root) is a failure to reach Telegram too: the message waits", async ({ code, description }) => {
    queueMessages(temp.database.db, [601, 602], 1);
    bot.failNext("sendMessage", { error_code: code, description, chatId: 601 });
    const d = startDelivery();
    await d.drain();
    // Every send paused for 0.5 s, the other chat's too; the failed one waits for its chat's 1 s gap as well.
    expect([sendTimes(d.requests, 601), sendTimes(d.requests, 602)]).toEqual([[0, 1000], [500]]);
    expect(bot.messages(601)).toHaveLength(1);
    expect(outboxRows(d.db, 601)).toMatchObject([{ status: "sent", attempts: 2 }]);
    expect(d.outcomes).toEqual(["failed", "sent", "sent"]);
  });
});

describe("When a chat cannot receive messages any more", () => {
  it.each([
    { code: 403, description: "Forbidden: bot was blocked by the user" },
    { code: 403, description: "Forbidden: user is deactivated" },
    { code: 400, description: "Bad Request: chat not found" },
  ])("then $code ($description) drops all that chat's waiting messages and deactivates it; the others get theirs", async ({ code, description }) => {
    const { db } = temp.database;
    const gone = 701;
    const others = [702, 703];
    for (const chatId of [gone, ...others]) ensureSubscriber(db, chatId, WALL - 86_400_000);
    queueMessages(temp.database.db, [gone, ...others], 3);
    bot.failNext("sendMessage", { error_code: code, description, chatId: gone, times: Infinity });
    const d = startDelivery();
    await d.drain();

    expect(sends(d.requests).filter((r) => r.chatId === gone).map((r) => r.status)).toEqual([code]);
    expect(bot.messageCount(gone)).toBe(0);
    expect(getSubscriber(db, gone)!.active).toBe(false);
    expect(outboxRows(db, gone).map((r) => [r.status, r.lastError])).toEqual([
      ["dropped", "chat inactive"], ["dropped", "chat inactive"], ["dropped", "chat inactive"],
    ]);
    for (const chatId of others) {
      expect(bot.messages(chatId).map((m) => m.text)).toEqual(texts(chatId, 3));
      expect(getSubscriber(db, chatId)!.active).toBe(true);
    }
    expect(d.outcomes.filter((o) => o !== "sent")).toEqual(["403"]);
    expect(d.logs().find((l) => l.msg.startsWith("chat unreachable"))).toMatchObject({ chatId: gone, telegram: `${code} ${description}` });
  });
});

describe("When a group became a supergroup (400 with migrate_to_chat_id)", () => {
  it("then the subscriber, its topics and its messages move to the new id, and the messages go there in order, each once", async () => {
    const { db } = temp.database;
    const group = -4001;
    const supergroup = -1_000_000_004_001;
    syncCatalogTopics(db, BUILTIN_TOPICS);
    const politics = listTopics(db).find((t) => t.name === "Politics")!;
    ensureSubscriber(db, group, WALL - 86_400_000);
    subscribe(db, group, politics.id, WALL - 86_400_000);
    queueMessages(temp.database.db, [group, 801], 3);
    bot.failNext("sendMessage", { error_code: 400, migrate_to_chat_id: supergroup, chatId: group });
    const d = startDelivery();
    await d.drain();

    expect(sends(d.requests).filter((r) => r.chatId === group).map((r) => r.status)).toEqual([400]);
    expect(bot.messageCount(group)).toBe(0);
    expect(bot.messages(supergroup).map((m) => m.text)).toEqual(texts(group, 3));
    expect(bot.messages(801).map((m) => m.text)).toEqual(texts(801, 3));
    expect(getSubscriber(db, group)).toBeUndefined();
    expect(getSubscriber(db, supergroup)).toMatchObject({ chatId: supergroup, active: true });
    expect(subscribedTopics(db, supergroup).map((t) => t.name)).toEqual(["Politics"]);
    expect(outboxRows(db, group)).toEqual([]);
    expect(outboxRows(db, supergroup).map((r) => r.status)).toEqual(["sent", "sent", "sent"]);
    expect(d.outcomes.filter((o) => o !== "sent")).toEqual(["migrated"]);
  });
});

describe("When Telegram refuses one message (another 400)", () => {
  it("then that message alone is dropped and logged as an error; the chat's next messages still arrive", async () => {
    const { db } = temp.database;
    ensureSubscriber(db, 901, WALL - 86_400_000);
    queueMessages(temp.database.db, [901], 3);
    bot.failNext("sendMessage", { error_code: 400, description: "Bad Request: can't parse entities: unclosed tag", chatId: 901 });
    const d = startDelivery();
    await d.drain();

    expect(outboxRows(db, 901).map((r) => [r.status, r.attempts])).toEqual([["dropped", 1], ["sent", 1], ["sent", 1]]);
    expect(outboxRows(db, 901)[0]!.lastError).toBe("400 Bad Request: can't parse entities: unclosed tag");
    expect(bot.messages(901).map((m) => m.text)).toEqual(texts(901, 3).slice(1));
    expect(getSubscriber(db, 901)!.active).toBe(true);
    expect(d.outcomes).toEqual(["dropped", "sent", "sent"]);
    expect(d.logs().find((l) => l.msg === "Telegram rejected a message; dropped")).toMatchObject({ level: ERROR, chatId: 901 });
  });
});

describe("When the sender reports outcomes for metrics", () => {
  it("then onOutcome hears once per request: sent, 429, 403, dropped, failed and migrated", async () => {
    const { db } = temp.database;
    for (const chatId of [1001, 1002, 1003, 1004, 1005, -1006]) ensureSubscriber(db, chatId, WALL - 86_400_000);
    queueMessages(temp.database.db, [1001, 1002, 1003, 1004, 1005, -1006], 1);
    bot.failNext("sendMessage", { error_code: 429, retry_after: 1, chatId: 1002 });
    bot.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user", chatId: 1003 });
    bot.failNext("sendMessage", { error_code: 400, description: "Bad Request: message is too long", chatId: 1004 });
    bot.failNext("sendMessage", { error_code: 502, html: true, chatId: 1005 });
    bot.failNext("sendMessage", { error_code: 400, migrate_to_chat_id: -1_000_000_001_006, chatId: -1006 });
    const d = startDelivery();
    await d.drain();

    const count = (outcomes: readonly string[]) => Object.fromEntries([...new Set(outcomes)].sort().map((o) => [o, outcomes.filter((x) => x === o).length]));
    expect(count(d.outcomes)).toEqual({ "403": 1, "429": 1, dropped: 1, failed: 1, migrated: 1, sent: 4 });
    expect(d.outcomes).toHaveLength(sends(d.requests).length);
  });

  it("then a hook that throws changes nothing of the delivery", async () => {
    queueMessages(temp.database.db, [1101], 2);
    const d = startDelivery({
      onOutcome: () => {
        throw new Error("metrics down");
      },
    });
    await d.drain();
    expect(bot.messages(1101).map((m) => m.text)).toEqual(texts(1101, 2));
    expect(outboxRows(d.db, 1101).map((r) => [r.status, r.attempts])).toEqual([["sent", 1], ["sent", 1]]);
    expect(d.logs().filter((l) => l.msg === "onOutcome failed")).toHaveLength(2);
  });
});

/** A fetch whose answers the test gives, one request at a time; a request aborted before its answer rejects. */
function heldFetch(time: FakeTime) {
  interface Held {
    chatId: number;
    text: string;
    at: number;
    answer(status: number, body: unknown): void;
    aborted: boolean;
  }
  const held: Held[] = [];
  const fetch = ((_url: unknown, init: { body: string; signal: { addEventListener(type: "abort", listener: () => void): void } }) =>
    new Promise((resolve, reject) => {
      const payload = JSON.parse(init.body) as { chat_id: number; text: string };
      const request: Held = {
        chatId: payload.chat_id,
        text: payload.text,
        at: time.now(),
        aborted: false,
        answer: (status, body) => resolve(new Response(typeof body === "string" ? body : JSON.stringify(body), { status })),
      };
      init.signal.addEventListener("abort", () => {
        request.aborted = true;
        reject(new DOMException("The operation was aborted.", "AbortError"));
      });
      held.push(request);
    })) as unknown as Fetch;
  const ok = (request: Held) => request.answer(200, { ok: true, result: { message_id: 1, date: 0, chat: { id: request.chatId, type: "private" }, text: request.text } });
  const badGateway = (request: Held) => request.answer(502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>");
  return { held, fetch, ok, badGateway };
}

/** A sender whose requests the test answers by hand (see heldFetch); requests are out for as long as the test says. */
function startHeldDelivery(rate: number) {
  const d = { time: new FakeTime() } as { time: FakeTime };
  const stub = heldFetch(d.time);
  const { db } = temp.database;
  const api = new Api(bot.token, { apiRoot: "http://telegram.invalid", fetch: stub.fetch });
  const lines: string[] = [];
  const log = createLogger("debug", [], (line) => lines.push(line));
  const pacer = createPacer({ ratePerSecond: rate, now: d.time.now, sleep: d.time.sleep });
  const outcomes: SendOutcome[] = [];
  const sender = startSender({ db, api, pacer, log, now: () => WALL + d.time.now(), clock: d.time.now, sleep: d.time.sleep, onOutcome: (o) => outcomes.push(o) });
  cleanup = async () => {
    for (const request of stub.held) stub.ok(request);
    let stopped = false;
    void sender.stop().then(() => (stopped = true));
    await d.time.runUntil(() => stopped, "stopped");
  };
  return { ...stub, db, time: d.time, sender, outcomes, logs: () => lines.map((line) => JSON.parse(line) as LogLine) };
}

describe("When requests take a long time to be answered", () => {
  it("then a chat's next message waits for the answer to its last, and leaves 1 s after that answer", async () => {
    queueMessages(temp.database.db, [1201, 1202], 2);
    const d = startHeldDelivery(10);
    await d.time.advance(5000);
    // Both first requests are still out after 5 s: neither chat's second message has gone.
    expect(d.held.map((r) => [r.chatId, r.at])).toEqual([[1201, 0], [1202, 100]]);
    d.ok(d.held[1]!);
    await d.time.advance(999);
    expect(d.held).toHaveLength(2);
    await d.time.advance(1);
    expect(d.held.map((r) => [r.chatId, r.at])).toEqual([[1201, 0], [1202, 100], [1202, 6000]]);
    d.ok(d.held[2]!);
    await d.time.advance(2000);
    d.ok(d.held[0]!);
    await d.time.advance(1000);
    expect(d.held.map((r) => [r.chatId, r.at])).toEqual([[1201, 0], [1202, 100], [1202, 6000], [1201, 9000]]);
  });

  it("then requests out together when Telegram fails fail together: one pause, doubled only by a failure after it", async () => {
    queueMessages(temp.database.db, [1301, 1302, 1303, 1304], 1);
    const d = startHeldDelivery(10);
    await d.time.advance(250);
    expect(d.held.map((r) => [r.chatId, r.at])).toEqual([[1301, 0], [1302, 100], [1303, 200]]);
    for (const request of d.held) d.badGateway(request);
    await d.time.advance(0);
    const pauses = () => d.logs().filter((l) => l.retryInMs !== undefined).map((l) => [l.chatId, l.retryInMs]);
    expect(pauses()).toEqual([[1301, 500], [1302, 500], [1303, 500]]);
    // Nothing goes during the pause, not even the chat that had not been tried yet.
    await d.time.advance(499);
    expect(d.held).toHaveLength(3);
    await d.time.advance(1);
    // The chat never tried goes first, then the ones that failed.
    expect(d.held.slice(3).map((r) => [r.chatId, r.at])).toEqual([[1304, 750]]);
    d.badGateway(d.held[3]!);
    await d.time.advance(0);
    expect(pauses().at(-1)).toEqual([1304, 1000]);
  });

  it("then stop() gives requests in flight 4 s, then cuts them short: their messages stay 'sending', unsent ones 'pending'", async () => {
    queueMessages(temp.database.db, [1401, 1402, 1403, 1404], 1);
    const d = startHeldDelivery(10);
    await d.time.advance(250);
    expect(d.held).toHaveLength(3);
    let stopped = false;
    void d.sender.stop().then(() => (stopped = true));
    // One answer arrives during the grace period and is recorded.
    await d.time.advance(1000);
    d.ok(d.held[0]!);
    await d.time.advance(2999);
    expect(stopped).toBe(false);
    expect(d.held.map((r) => r.aborted)).toEqual([false, false, false]);
    await d.time.advance(1);
    expect(stopped).toBe(true);
    expect(d.held.map((r) => r.aborted)).toEqual([false, true, true]);
    expect([1401, 1402, 1403, 1404].map((chatId) => outboxRows(d.db, chatId)[0]!.status)).toEqual(["sent", "sending", "sending", "pending"]);
    // Cut short, a request has no outcome: Telegram may or may not have the message.
    expect(d.outcomes).toEqual(["sent"]);
    expect(d.held).toHaveLength(3);
  });

  it("then stop() returns as soon as the last request in flight is answered", async () => {
    queueMessages(temp.database.db, [1501, 1502], 1);
    const d = startHeldDelivery(10);
    await d.time.advance(150);
    let stopped = false;
    void d.sender.stop().then(() => (stopped = true));
    await d.time.advance(500);
    expect(stopped).toBe(false);
    for (const request of d.held) d.ok(request);
    await d.time.advance(0);
    expect(stopped).toBe(true);
    expect([1501, 1502].map((chatId) => outboxRows(d.db, chatId)[0]!.status)).toEqual(["sent", "sent"]);
  });
});

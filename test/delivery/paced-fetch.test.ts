import { Api, GrammyError, HttpError, InputFile } from "grammy";
import { describe, expect, it } from "vitest";
import { pacedFetch, type Fetch } from "../../src/delivery/paced-fetch.js";
import { createPacer, type Pacer } from "../../src/delivery/pacer.js";
import { createLogger } from "../../src/logger.js";
import { FakeTime } from "../helpers/delivery.js";

/**
 * The bot's replies go through the paced fetch: a stub stands in for Telegram (only the answers' shape matters here),
 * and the pacer and the fetch run on a fake clock, so each request's time is exact.
 */

const TOKEN = "123456:PACED-FETCH-SECRET";

interface Answer {
  status: number;
  body: unknown;
}
const okAnswer = (result: unknown): Answer => ({ status: 200, body: { ok: true, result } });
const tooMany = (seconds: number): Answer => ({
  status: 429,
  body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${seconds}`, parameters: { retry_after: seconds } },
});
const message = { message_id: 7, date: 0, chat: { id: 42, type: "private" }, text: "Hello" };

/** Telegram as a script: each method's answers in turn, the last one repeated. Records each request's fake time. */
function scriptedTelegram(time: FakeTime, script: Record<string, Answer[]>) {
  const calls: { method: string; at: number }[] = [];
  const fetch = ((url: string, init: { signal: AbortSignal }) => {
    if (init.signal.aborted) return Promise.reject(new DOMException("The operation was aborted.", "AbortError"));
    const method = url.split("/").at(-1)!;
    calls.push({ method, at: time.now() });
    const answers = script[method] ?? [okAnswer(true)];
    const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
    return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "content-type": "application/json" } }));
  }) as unknown as Fetch;
  return { calls, fetch };
}

function setUp(script: Record<string, Answer[]>, options: { rate?: number; maxAttempts?: number } = {}) {
  const time = new FakeTime();
  const telegram = scriptedTelegram(time, script);
  const pacer: Pacer = createPacer({ ratePerSecond: options.rate ?? 25, now: time.now, sleep: time.sleep });
  const lines: string[] = [];
  const log = createLogger("debug", [], (line) => lines.push(line));
  const fetch = pacedFetch(pacer, log, { fetch: telegram.fetch, sleep: time.sleep, ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}) });
  const api = new Api(TOKEN, { apiRoot: "http://telegram.invalid", fetch });
  return { time, pacer, api, calls: telegram.calls, logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

/** Watches a promise without awaiting it. */
function track<T>(promise: Promise<T>) {
  const state: { done: boolean; value?: T; error?: unknown } = { done: false };
  promise.then(
    (value) => Object.assign(state, { done: true, value }),
    (error: unknown) => Object.assign(state, { done: true, error }),
  );
  return state;
}

describe("When a reply is answered 429", () => {
  it("then every send pauses for retry_after, digests included, and the reply is made again after it", async () => {
    const s = setUp({ sendMessage: [tooMany(3), okAnswer(message)] });
    const reply = track(s.api.sendMessage(42, "Hello"));
    await s.time.advance(0);
    // Nothing, the sender's digests included, goes before the pause ends.
    expect(s.pacer.slotAt()).toBe(3000);
    await s.time.runUntil(() => reply.done, "replied");

    expect(s.calls).toEqual([{ method: "sendMessage", at: 0 }, { method: "sendMessage", at: 3000 }]);
    expect(reply.value).toMatchObject({ message_id: 7 });
    // The chat's next message leaves a second after Telegram answered this one.
    expect(s.pacer.chatReadyAt(42)).toBe(4000);
    expect(s.logs()).toMatchObject([
      { level: 40, msg: "Telegram flood control: pausing every send before retrying", method: "sendMessage", chatId: 42, retryAfter: 3, attempt: 1 },
    ]);
    expect(JSON.stringify(s.logs())).not.toContain("PACED-FETCH-SECRET");
  });

  it("then a call that takes no slot (getUpdates) waits out the pause itself, and the pause holds every send", async () => {
    const s = setUp({ getUpdates: [tooMany(2), okAnswer([])] });
    const updates = track(s.api.getUpdates({ timeout: 0 }));
    await s.time.advance(0);
    expect(s.pacer.slotAt()).toBe(2000);
    await s.time.runUntil(() => updates.done, "answered");
    expect(s.calls.map((c) => c.at)).toEqual([0, 2000]);
    expect(updates.value).toEqual([]);
  });

  it("then after 5 tries the 429 is the answer", async () => {
    const s = setUp({ sendMessage: [tooMany(1)] });
    const reply = track(s.api.sendMessage(42, "Hello"));
    await s.time.runUntil(() => reply.done, "given up");
    expect(s.calls.map((c) => c.at)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(reply.error).toBeInstanceOf(GrammyError);
    expect((reply.error as GrammyError).error_code).toBe(429);
  });

  it("then maxAttempts sets how many tries", async () => {
    const s = setUp({ sendMessage: [tooMany(1)] }, { maxAttempts: 2 });
    const reply = track(s.api.sendMessage(42, "Hello"));
    await s.time.runUntil(() => reply.done, "given up");
    expect(s.calls.map((c) => c.at)).toEqual([0, 1000]);
  });

  it("then a retry_after past 120 s is cut to 120 s", async () => {
    const s = setUp({ sendMessage: [tooMany(600), okAnswer(message)] });
    const reply = track(s.api.sendMessage(42, "Hello"));
    await s.time.runUntil(() => reply.done, "replied");
    expect(s.calls.map((c) => c.at)).toEqual([0, 120_000]);
    expect(s.logs()[0]).toMatchObject({ retryAfter: 120 });
  });

  it("then stopping the bot cuts the wait short instead of waiting out retry_after", async () => {
    const s = setUp({ getUpdates: [tooMany(60), okAnswer([])] });
    const stop = new AbortController();
    // grammY types its signal as its AbortController shim's; a native one works the same.
    const updates = track(s.api.getUpdates({ timeout: 30 }, stop.signal as Parameters<Api["getUpdates"]>[1]));
    await s.time.advance(10);
    expect(updates.done).toBe(false);
    stop.abort();
    await s.time.advance(0);
    expect(updates.done).toBe(true);
    expect(updates.error).toBeInstanceOf(HttpError);
    expect(s.calls).toHaveLength(1);
  });

  it("then an upload (a body sent as a stream) is not sent twice: the 429 is the answer", async () => {
    const s = setUp({ sendDocument: [tooMany(1), okAnswer(message)] });
    const upload = track(s.api.sendDocument(42, new InputFile(Buffer.from("report"), "report.txt")));
    await s.time.runUntil(() => upload.done, "answered");
    expect(s.calls).toHaveLength(1);
    expect((upload.error as GrammyError).error_code).toBe(429);
  });
});

describe("When replies are sent", () => {
  it("then messages and edits take the pacer's slots one after another, and other calls take none", async () => {
    const s = setUp({ sendMessage: [okAnswer(message)], editMessageText: [okAnswer(message)], getMe: [okAnswer({ id: 1, is_bot: true, first_name: "Bot" })] }, { rate: 10 });
    const calls = [
      track(s.api.sendMessage(1, "one")),
      track(s.api.sendMessage(2, "two")),
      track(s.api.editMessageText(3, 7, "three")),
      track(s.api.getMe()),
    ];
    await s.time.runUntil(() => calls.every((c) => c.done), "all answered");
    expect(s.calls.filter((c) => c.method !== "getMe")).toEqual([
      { method: "sendMessage", at: 0 },
      { method: "sendMessage", at: 100 },
      { method: "editMessageText", at: 200 },
    ]);
    expect(s.calls.filter((c) => c.method === "getMe")).toEqual([{ method: "getMe", at: 0 }]);
    expect(s.pacer.slotAt()).toBe(300);
    // Each chat is recorded for its own 1 s limit.
    expect([1, 2, 3].map((chatId) => s.pacer.chatReadyAt(chatId))).toEqual([1000, 1100, 1200]);
  });
});

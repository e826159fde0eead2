import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FloodControl, startFakeBotApi, type FakeBotApi } from "../fake-bot-api.js";
import { rawCall } from "./raw-call.js";

let api: FakeBotApi;

beforeEach(async () => {
  api = await startFakeBotApi();
});

afterEach(async () => {
  await api.close();
});

const call = (method: string, payload: object = {}, token = api.token) => rawCall(api, method, payload, token);

const send = (text: string, extra: object = {}) =>
  call("sendMessage", { chat_id: 42, text, parse_mode: "HTML", ...extra });

describe("flood control", () => {
  const TOO_MANY = (retryAfter: number) => ({
    ok: false,
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    parameters: { retry_after: retryAfter },
  });
  const statuses = async (calls: Promise<{ status: number }>[]) => (await Promise.all(calls)).map((r) => r.status);

  it("is off by default", async () => {
    const sent = await statuses(Array.from({ length: 40 }, (_, i) => send(`m${i}`)));
    expect(sent.every((status) => status === 200)).toBe(true);
    expect(api.rateLimited()).toBe(0);
    expect(api.messageCount(42)).toBe(40);
  });

  it("perSecond refuses calls past the limit with 429, stores nothing, and accepts again after the window", async () => {
    const limited = await startFakeBotApi({ limits: { perSecond: 3, retryAfter: 5 } });
    try {
      const sendTo = (chat_id: number) =>
        fetch(`${limited.apiRoot}/bot${limited.token}/sendMessage`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ chat_id, text: "hi" }),
        });
      const answers = [];
      // The window runs from the last accepted call's arrival, which is before its answer came back.
      let lastAccepted = 0;
      for (const chat of [1, 2, -3, 4, 5]) {
        answers.push(await sendTo(chat));
        if (answers.length === 3) lastAccepted = performance.now();
      }
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
      expect(await answers[3]?.json()).toEqual(TOO_MANY(5));
      expect(limited.rateLimited()).toBe(2);
      expect(limited.messageCount()).toBe(3);
      expect(limited.messageCount(4)).toBe(0);

      await new Promise((resolve) => setTimeout(resolve, Math.max(0, lastAccepted + 1050 - performance.now())));
      expect((await sendTo(4)).status).toBe(200);
      expect(limited.rateLimited()).toBe(2);
    } finally {
      await limited.close();
    }
  });

  it("counts only sendMessage, editMessageText and editMessageReplyMarkup", async () => {
    api.setLimits({ perSecond: 1 });
    expect((await send("first")).status).toBe(200);
    expect((await call("getMe")).status).toBe(200);
    expect((await call("getUpdates", {})).status).toBe(200);
    expect((await call("setMyCommands", { commands: [{ command: "start", description: "Start" }] })).status).toBe(200);
    const keyboard = { inline_keyboard: [[{ text: "x", callback_data: "x" }]] };
    expect((await call("editMessageText", { chat_id: 42, message_id: 1, text: "second" })).body).toEqual(TOO_MANY(1));
    expect((await call("editMessageReplyMarkup", { chat_id: 42, message_id: 1, reply_markup: keyboard })).status).toBe(429);
    expect((await call("deleteMessage", { chat_id: 42, message_id: 1 })).status).toBe(200);
    expect(api.rateLimited()).toBe(2);
  });

  it("perChatPerSecond limits each private chat, perGroupPerMinute each group", async () => {
    api.setLimits({ perChatPerSecond: 1, perGroupPerMinute: 3 });
    const privates = await statuses([send("a"), send("b"), send("c", { chat_id: 43 })]);
    expect(privates.sort()).toEqual([200, 200, 429]);
    const groups = await statuses([-100, -100, -100, -100, -200, -200].map((chat_id) => send("g", { chat_id })));
    expect(groups).toEqual([200, 200, 200, 429, 200, 200]);
    expect(api.rateLimited()).toBe(2);
    expect([api.messageCount(42), api.messageCount(43), api.messageCount(-100), api.messageCount(-200)]).toEqual([1, 1, 3, 2]);
  });

  it("setLimits applies at once, counts calls accepted before it, and undefined lifts the limits", async () => {
    await statuses([send("a"), send("b", { chat_id: 43 })]);
    api.setLimits({ perSecond: 2 });
    expect((await send("c", { chat_id: 44 })).status).toBe(429);
    api.setLimits(undefined);
    expect((await send("d", { chat_id: 44 })).status).toBe(200);
    expect(() => api.setLimits({ perSecond: -1 })).toThrow(/perSecond/);
    expect(() => api.setLimits({ retryAfter: 0 })).toThrow(/retryAfter/);
  });

  it("failNext 429s are not flood-control refusals and refused calls do not count", async () => {
    api.setLimits({ perChatPerSecond: 1 });
    api.failNext("sendMessage", { error_code: 429, retry_after: 3 });
    expect((await send("injected")).status).toBe(429);
    expect(api.rateLimited()).toBe(0);
    expect((await send("accepted")).status).toBe(200);
    expect((await send("refused")).status).toBe(429);
    expect(api.rateLimited()).toBe(1);
    expect(api.messages(42).map((m) => m.text)).toEqual(["accepted"]);
  });

  it("uses sliding windows: a time leaves the window exactly its length later", () => {
    const flood = new FloodControl({ perSecond: 2, perGroupPerMinute: 2 });
    const admitted = (chat: number, at: number) => flood.admit(chat, at) === undefined;
    expect([admitted(1, 0), admitted(2, 10), admitted(3, 999.9)]).toEqual([true, true, false]);
    expect([admitted(3, 1000), admitted(4, 1005), admitted(4, 1010)]).toEqual([true, false, true]);
    expect([admitted(-5, 5000), admitted(-5, 30_000), admitted(-5, 64_999)]).toEqual([true, true, false]);
    expect([admitted(-5, 65_000), admitted(-5, 65_001), admitted(-6, 65_002)]).toEqual([true, false, true]);
    expect(flood.rateLimited).toBe(4);
  });

  it("keeps its record bounded: 100k calls to 100k chats hold only the times still in their windows", () => {
    const flood = new FloodControl({ perSecond: 1000, perChatPerSecond: 1, perGroupPerMinute: 20 });
    let peak = 0;
    for (let i = 0; i < 100_000; i += 1) {
      // 100 calls per simulated second, alternating private and group chats.
      expect(flood.admit(i % 2 === 0 ? i + 1 : -(i + 1), i * 10)).toBeUndefined();
      if (i % 997 === 0) peak = Math.max(peak, flood.slots);
    }
    // In the windows: 100 (all chats, 1 s) + 50 private (1 s) + 3000 group (60 s), plus compaction slack.
    expect(peak).toBeLessThan(2 * (100 + 50 + 3000) + 200);
    expect(flood.slots).toBeLessThan(2 * (100 + 50 + 3000) + 200);
  });
});

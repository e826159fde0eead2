import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Bot } from "grammy";
import { startFakeBotApi, type ApiResponse, type FakeBotApi } from "./fake-bot-api.js";
import { rawCall } from "./fake-bot-api/raw-call.js";

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

function description(body: ApiResponse): string {
  return body.ok ? "" : body.description;
}

describe("HTML validation", () => {
  it("accepts valid Telegram HTML and stores the plain text", async () => {
    const html =
      '<b>Bold</b> <i>it</i> <a href="https://example.com/?a=1&amp;b=2">link</a> ' +
      '&lt;tag&gt; &amp; &quot;q&quot; &#128512; &#x1F600; <tg-spoiler>s</tg-spoiler> ' +
      '<span class="tg-spoiler">s2</span> <blockquote expandable>quote</blockquote> ' +
      '<pre><code class="language-ts">x</code></pre>';
    const { status, body } = await send(html);
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    const [stored] = api.messages(42);
    expect(stored?.text).toBe(html);
    expect(stored?.plainText).toBe('Bold it link <tag> & "q" 😀 😀 s s2 quote x');
    expect(stored?.entities).toContainEqual({ type: "pre", offset: 42, length: 1, language: "ts" });
  });

  it.each([
    ["unclosed tag", "<b>bold", `Can't find end tag corresponding to start tag "b"`],
    ["unknown tag", "line<br>next", `Unsupported start tag "br" at byte offset 4`],
    ["bare ampersand", "Tom & Jerry", "Unsupported HTML entity at byte offset 4"],
    ["bare less-than", "1 < 2", `Unsupported start tag "" at byte offset 2`],
    ["bare greater-than", "2 > 1", `Unexpected ">" at byte offset 2`],
    ["misnested tags", "<b><i>x</b></i>", `Unmatched end tag at byte offset 7, expected "</i>", found "</b>"`],
    ["unknown entity", "&nbsp;", "Unsupported HTML entity at byte offset 0"],
    ["span without spoiler class", '<span class="x">s</span>', `Tag "span" must have class "tg-spoiler" at byte offset 0`],
  ])("rejects %s", async (_name, text, reason) => {
    const { status, body } = await send(text);
    expect(status).toBe(400);
    expect(description(body)).toBe(`Bad Request: can't parse entities: ${reason}`);
    expect(api.messages()).toHaveLength(0);
  });

  it("measures length after parsing, in UTF-16 code units", async () => {
    const tooLong = await send("x".repeat(4097));
    expect(tooLong.status).toBe(400);
    expect(description(tooLong.body)).toBe("Bad Request: message is too long");

    const visible4096 = `<b>${"a".repeat(2000)}</b><i>${"&amp;".repeat(2000)}</i>${"😀".repeat(48)}`;
    const accepted = await send(visible4096);
    expect(accepted.status).toBe(200);
    expect(api.messages(42)[0]?.plainText).toHaveLength(4096);
  });

  it("rejects empty text and invalid callback data", async () => {
    expect(description((await send("<b></b>")).body)).toBe("Bad Request: message text is empty");
    const longData = { inline_keyboard: [[{ text: "x", callback_data: "d".repeat(65) }]] };
    const { status, body } = await send("hi", { reply_markup: longData });
    expect(status).toBe(400);
    expect(description(body)).toBe("Bad Request: BUTTON_DATA_INVALID");
  });
});

describe("messages and edits", () => {
  it("edits update the stored message; identical edits and unknown messages fail", async () => {
    const keyboard = { inline_keyboard: [[{ text: "More", callback_data: "more:1" }]] };
    await send("<b>v1</b>", { reply_markup: keyboard });
    const edit = (text: string, extra: object = {}) =>
      call("editMessageText", { chat_id: 42, message_id: 1, text, parse_mode: "HTML", ...extra });

    expect((await edit("<b>v2</b>", { reply_markup: keyboard })).status).toBe(200);
    const same = await edit("<b>v2</b>", { reply_markup: keyboard });
    expect(description(same.body)).toMatch(/^Bad Request: message is not modified: /);
    const missing = await call("editMessageText", { chat_id: 42, message_id: 99, text: "x" });
    expect(description(missing.body)).toBe("Bad Request: message to edit not found");

    expect(api.messages(42)).toMatchObject([{ messageId: 1, text: "<b>v2</b>", plainText: "v2" }]);
  });
});

describe("long polling", () => {
  it("answers a waiting poll as soon as an update is pushed", async () => {
    const started = Date.now();
    const poll = call("getUpdates", { timeout: 10 });
    setTimeout(() => api.sendUserMessage(7, "hello"), 50);
    const { body } = await poll;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(body).toMatchObject({ ok: true, result: [{ update_id: 1, message: { text: "hello", chat: { id: 7 } } }] });
  });

  it("times out with an empty list and keeps unconfirmed updates", async () => {
    expect((await call("getUpdates", { timeout: 0.1 })).body).toEqual({ ok: true, result: [] });
    api.sendUserMessage(7, "a");
    api.sendUserMessage(7, "b");
    const first = await call("getUpdates", { limit: 1 });
    expect(first.body).toMatchObject({ result: [{ update_id: 1 }] });
    const again = await call("getUpdates", {});
    expect(again.body).toMatchObject({ result: [{ update_id: 1 }, { update_id: 2 }] });
    const confirmed = await call("getUpdates", { offset: 2 });
    expect(confirmed.body).toMatchObject({ result: [{ update_id: 2, message: { text: "b" } }] });
    expect(api.pendingUpdates().map((u) => u.update_id)).toEqual([2]);
  });

  it("adds a bot_command entity to commands", () => {
    const update = api.sendUserMessage(7, "/start@news_digest_test_bot payload");
    expect(update.message?.entities).toEqual([{ type: "bot_command", offset: 0, length: 27 }]);
  });

  it("ends a pending poll promptly on close", async () => {
    const poll = call("getUpdates", { timeout: 30 }).catch((error: unknown) => error);
    await api.waitForPolling();
    const started = Date.now();
    await api.close();
    await poll;
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("failures", () => {
  it("failNext answers the next matching call with the given error", async () => {
    api.failNext("sendMessage", { error_code: 429, retry_after: 3, chatId: 42 });
    expect((await send("other chat", { chat_id: 43 })).status).toBe(200);
    const limited = await send("hi");
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      ok: false,
      error_code: 429,
      description: "Too Many Requests: retry after 3",
      parameters: { retry_after: 3 },
    });
    expect((await send("hi")).status).toBe(200);
    expect(api.callCount("sendMessage")).toBe(3);
    expect(api.callCount("sendMessage", { ok: false })).toBe(1);
  });

  it("answers 401 for another token and 404 for unknown methods", async () => {
    const wrongToken = await call("getMe", {}, "999:WRONG");
    expect(wrongToken).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: "Unauthorized" },
    });
    expect((await call("sendPhotoz")).body).toEqual({ ok: false, error_code: 404, description: "Not Found" });
  });

  it("setDown answers 502 with an HTML body", async () => {
    api.setDown(true);
    const res = await fetch(`${api.apiRoot}/bot${api.token}/getMe`, { method: "POST" });
    expect(res.status).toBe(502);
    expect(await res.text()).toContain("<title>502 Bad Gateway</title>");
    api.setDown(false);
    expect((await call("getMe")).status).toBe(200);
  });

  it("a timed-out wait lists the recent calls", async () => {
    await send("<b>x");
    await expect(api.waitForMessage(42, undefined, 20)).rejects.toThrow(/#0 sendMessage .*can't parse entities/);
  });
});

describe("message counts", () => {
  it("messageCount counts live messages per chat, like messages(chatId).length", async () => {
    await send("a");
    await send("b");
    await send("c", { chat_id: -100 });
    await send("<b>broken");
    await call("editMessageText", { chat_id: 42, message_id: 2, text: "b2" });
    await call("deleteMessage", { chat_id: 42, message_id: 1 });
    expect(api.messageCount(42)).toBe(1);
    expect(api.messageCount(-100)).toBe(1);
    expect(api.messageCount(7)).toBe(0);
    expect(api.messageCount()).toBe(2);
    for (const chat of [42, -100, 7]) expect(api.messageCount(chat)).toBe(api.messages(chat).length);
    expect(api.messages(42)).toMatchObject([{ messageId: 2, plainText: "b2" }]);
  });
});

describe("going offline", () => {
  const errorCode = (error: unknown) =>
    (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;

  it("refuses connections while offline and listens again on the same port", async () => {
    const apiRoot = api.apiRoot;
    expect((await call("getMe")).status).toBe(200);
    await api.goOffline();
    const refused = await call("getMe").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Error);
    expect(errorCode(refused)).toBe("ECONNREFUSED");
    await api.goOffline();
    await api.goOnline();
    await api.goOnline();
    expect(api.apiRoot).toBe(apiRoot);
    expect((await call("getMe")).status).toBe(200);
    expect((await send("back")).status).toBe(200);
  });

  it("cuts a pending long poll with a socket error, not an answer, and closes while offline", async () => {
    const poll = call("getUpdates", { timeout: 30 }).catch((error: unknown) => error);
    await api.waitForPolling();
    const started = Date.now();
    await api.goOffline();
    const cut = await poll;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(cut).toBeInstanceOf(Error);
    expect(api.lastCall("getUpdates")).toMatchObject({ aborted: true });

    api.sendUserMessage(7, "queued while offline");
    await api.goOnline();
    expect((await call("getUpdates", { timeout: 1 })).body).toMatchObject({ result: [{ message: { text: "queued while offline" } }] });
    await api.goOffline();
    await api.close();
    await expect(api.goOnline()).rejects.toThrow(/closed/);
  });
});

describe("with a real grammY bot", () => {
  it("routes /start to a command handler and records the HTML reply", async () => {
    const bot = new Bot(api.token, { client: { apiRoot: api.apiRoot } });
    bot.command("start", (ctx) => ctx.reply("<b>hi</b>", { parse_mode: "HTML" }));
    const running = bot.start({ timeout: 10 });
    await api.waitForPolling();
    const since = api.mark();
    api.sendUserMessage(1001, "/start");
    const reply = await api.waitForMessage(1001, undefined, { since });
    expect(reply).toMatchObject({ text: "<b>hi</b>", plainText: "hi", parseMode: "HTML" });
    expect(api.callCount("getMe")).toBe(1);

    const started = Date.now();
    await bot.stop();
    await running;
    await api.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(api.pendingUpdates()).toEqual([]);
  });
});

import { spawn } from "node:child_process";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { Bot, webhookCallback } from "grammy";
import type { Update } from "grammy/types";
import { startFakeBotApi, type ApiResponse, type FakeBotApi, type FakeBotApiOptions } from "../fake-bot-api.js";

const HOOK = "https://bot.example.com/tg/hook?x=1";
const SECRET = "s3cret_-TOKEN";

// --- a small local server standing for the bot ------------------------------

interface Hit {
  url: string;
  headers: IncomingHttpHeaders;
  update: Update;
}

type Answer = { status: number; body?: string; headers?: Record<string, string> } | "hang";

interface BotServer {
  origin: string;
  hits: Hit[];
  /** Requests received and not yet answered (or cut). */
  open(): number;
  /** Most requests open at once so far. */
  peakOpen(): number;
  /** TCP connections open now. */
  connections(): Promise<number>;
  answer: (hit: Hit) => Answer | Promise<Answer>;
  close(): Promise<void>;
}

const servers: Server[] = [];
let api: FakeBotApi | undefined;

afterEach(async () => {
  await api?.close();
  api = undefined;
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function startBotServer(answer: BotServer["answer"] = () => ({ status: 200 })): Promise<BotServer> {
  let open = 0;
  let peak = 0;
  const bot: BotServer = {
    origin: "",
    hits: [],
    open: () => open,
    peakOpen: () => peak,
    connections: () => new Promise((resolve, reject) => server.getConnections((e, n) => (e ? reject(e) : resolve(n)))),
    answer,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      open += 1;
      peak = Math.max(peak, open);
      res.on("close", () => (open -= 1));
      const hit: Hit = {
        url: req.url ?? "",
        headers: req.headers,
        update: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Update,
      };
      bot.hits.push(hit);
      void Promise.resolve(bot.answer(hit)).then((reply) => {
        if (reply === "hang") return;
        res.writeHead(reply.status, reply.headers ?? {});
        res.end(reply.body ?? "");
      });
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  bot.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return bot;
}

// --- helpers -----------------------------------------------------------------

/** Short delays so retries and timeouts take milliseconds; the once-a-second setWebhook limit is off. */
async function start(webhook: FakeBotApiOptions["webhook"] = {}): Promise<FakeBotApi> {
  api = await startFakeBotApi({ webhook: { retryDelayMs: 10, timeoutMs: 200, setWebhookIntervalMs: 0, ...webhook } });
  return api;
}

async function call(fake: FakeBotApi, method: string, payload: object = {}) {
  const res = await fetch(`${fake.apiRoot}/bot${fake.token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(payload),
  });
  return { status: res.status, body: (await res.json()) as ApiResponse };
}

const description = (body: ApiResponse) => body.description;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

// --- tests -------------------------------------------------------------------

describe("setWebhook", () => {
  it("checks the URL and the secret token with Telegram's wording and leaves no webhook when refused", async () => {
    const fake = await start();
    const set = (payload: object) => call(fake, "setWebhook", payload);
    const refusals: [object, string][] = [
      [{ url: "http://bot.example.com/hook" }, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"],
      [{ url: "https://bot.example.com:8080/hook" }, "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443"],
      [{ url: "ftp://bot.example.com/hook" }, "Bad Request: invalid webhook URL specified"],
      [{ url: HOOK, secret_token: "has space" }, "Bad Request: secret token contains unallowed characters"],
      [{ url: HOOK, secret_token: "x".repeat(257) }, "Bad Request: secret token is too long"],
    ];
    for (const [payload, reason] of refusals) {
      const { status, body } = await set(payload);
      expect({ status, description: description(body) }).toEqual({ status: 400, description: reason });
    }
    expect(fake.webhookInfo().url).toBe("");

    expect((await set({ url: HOOK, secret_token: "y".repeat(256), max_connections: 5 })).body).toEqual({
      ok: true,
      result: true,
      description: "Webhook was set",
    });
    expect((await set({ url: HOOK, secret_token: "y".repeat(256), max_connections: 5 })).body).toMatchObject({
      description: "Webhook is already set",
    });
    // A refused change removes the webhook that was set, as Telegram's does.
    expect((await set({ url: "http://bot.example.com/other" })).status).toBe(400);
    expect(fake.webhookInfo()).toEqual({ url: "", has_custom_certificate: false, pending_update_count: 0 });
    expect(fake.callCount("setWebhook")).toBe(8);
  });

  it("reports the webhook in getWebhookInfo; an empty url and deleteWebhook remove it", async () => {
    const fake = await start();
    await call(fake, "setWebhook", { url: HOOK, max_connections: 7, allowed_updates: ["message", "callback_query"] });
    const info = await call(fake, "getWebhookInfo");
    expect(info.body).toEqual({
      ok: true,
      result: {
        url: HOOK,
        has_custom_certificate: false,
        pending_update_count: 0,
        max_connections: 7,
        allowed_updates: ["message", "callback_query"],
      },
    });
    expect((await call(fake, "setWebhook", { url: "" })).body).toMatchObject({ description: "Webhook was deleted" });
    expect((await call(fake, "deleteWebhook")).body).toMatchObject({ description: "Webhook is already deleted" });
    expect(fake.webhookInfo()).toMatchObject({ url: "" });
    expect(fake.webhookInfo()).not.toHaveProperty("max_connections");
    expect(fake.callCount("getWebhookInfo")).toBe(1);
    expect(fake.callCount("deleteWebhook")).toBe(1);
  });

  it("refuses a second setWebhook with a URL within a second, as Telegram does", async () => {
    api = await startFakeBotApi();
    expect((await call(api, "setWebhook", { url: HOOK })).status).toBe(200);
    expect(await call(api, "setWebhook", { url: `${HOOK}&again` })).toEqual({
      status: 429,
      body: { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } },
    });
    expect((await call(api, "deleteWebhook")).status).toBe(200);
  });

  it("waitForWebhook resolves once a webhook is set", async () => {
    const fake = await start();
    await expect(fake.waitForWebhook(20)).rejects.toThrow(/no webhook was set/);
    const waiting = fake.waitForWebhook();
    await call(fake, "setWebhook", { url: HOOK });
    await expect(waiting).resolves.toMatchObject({ url: HOOK, max_connections: 40 });
    await expect(fake.waitForWebhook(1)).resolves.toMatchObject({ url: HOOK });
  });
});

describe("getUpdates while a webhook is set", () => {
  it("answers 409, ends a waiting long poll with 409, and works again after deleteWebhook", async () => {
    const fake = await start();
    const poll = call(fake, "getUpdates", { timeout: 30 });
    await fake.waitForPolling();
    const started = Date.now();
    await call(fake, "setWebhook", { url: HOOK });
    expect(await poll).toEqual({
      status: 409,
      body: { ok: false, error_code: 409, description: "Conflict: terminated by setWebhook request" },
    });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await call(fake, "getUpdates", {})).toEqual({
      status: 409,
      body: {
        ok: false,
        error_code: 409,
        description:
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      },
    });

    // No route: the update cannot be delivered and stays pending, then getUpdates gets it.
    fake.sendUserMessage(7, "kept");
    await fake.waitForWebhookDelivery(1, { since: 0 });
    expect(fake.webhookInfo().pending_update_count).toBe(1);
    expect((await call(fake, "deleteWebhook")).body).toMatchObject({ description: "Webhook was deleted" });
    expect((await call(fake, "getUpdates", {})).body).toMatchObject({ ok: true, result: [{ update_id: 1, message: { text: "kept" } }] });
  });

  it("drop_pending_updates drops the queue", async () => {
    const fake = await start();
    await call(fake, "setWebhook", { url: HOOK });
    fake.sendUserMessage(7, "dropped");
    await call(fake, "deleteWebhook", { drop_pending_updates: true });
    expect(fake.pendingUpdates()).toEqual([]);
    expect((await call(fake, "getUpdates", {})).body).toEqual({ ok: true, result: [] });
  });
});

describe("webhook deliveries", () => {
  it("POSTs each update as JSON to the routed path and query, with the secret header", async () => {
    const bot = await startBotServer();
    const fake = await start({ route: bot.origin });
    await call(fake, "setWebhook", { url: HOOK, secret_token: SECRET });
    const update = fake.sendUserMessage(7, "hello");
    const delivery = await fake.waitForWebhookDelivery(update.update_id);
    expect(delivery).toMatchObject({ updateId: 1, status: 200, ok: true, attempt: 1, redelivery: false, url: HOOK });
    expect(delivery.target).toBe(`${bot.origin}/tg/hook?x=1`);
    expect(bot.hits).toHaveLength(1);
    const [hit] = bot.hits;
    expect(hit?.url).toBe("/tg/hook?x=1");
    expect(hit?.update).toEqual(update);
    expect(hit?.headers).toMatchObject({
      host: "bot.example.com",
      "content-type": "application/json",
      "x-telegram-bot-api-secret-token": SECRET,
    });
    expect(fake.webhookInfo()).toEqual({ url: HOOK, has_custom_certificate: false, pending_update_count: 0, max_connections: 40 });
    expect(fake.pendingUpdates()).toEqual([]);
  });

  it("sends no secret header without a secret, and delivers updates queued before the webhook was set", async () => {
    const bot = await startBotServer();
    const fake = await start();
    fake.routeWebhook(bot.origin);
    fake.sendUserMessage(7, "queued before");
    await call(fake, "setWebhook", { url: "bot.example.com/hook" });
    await fake.waitForWebhookDelivery(1, { since: 0 });
    expect(bot.hits[0]?.headers).not.toHaveProperty("x-telegram-bot-api-secret-token");
    expect(bot.hits[0]?.url).toBe("/hook");
  });

  it("retries a non-2xx answer and records it in getWebhookInfo until the bot answers 2xx", async () => {
    let failures = 2;
    const bot = await startBotServer(() => (failures-- > 0 ? { status: 401, body: "secret token is wrong" } : { status: 204 }));
    const fake = await start({ route: bot.origin });
    await call(fake, "setWebhook", { url: HOOK, secret_token: SECRET });
    const before = Math.floor(Date.now() / 1000);
    fake.sendUserMessage(7, "hi");
    const failed = await fake.waitForWebhookDelivery((d) => !d.ok, { since: 0 });
    expect(failed).toMatchObject({ status: 401, ok: false, error: "Wrong response from the webhook: 401 Unauthorized" });
    const done = await fake.waitForWebhookDelivery((d) => d.ok, { since: 0 });
    expect(done).toMatchObject({ status: 204, attempt: 3 });
    expect(fake.webhookDeliveries.map((d) => d.status)).toEqual([401, 401, 204]);
    const info = fake.webhookInfo();
    // Telegram keeps the last error after later successes.
    expect(info).toMatchObject({ pending_update_count: 0, last_error_message: "Wrong response from the webhook: 401 Unauthorized" });
    expect(info.last_error_date).toBeGreaterThanOrEqual(before);
    expect(info.last_error_date).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    // Retries wait: at once, then 2 retry delays (20 ms).
    const [, second, third] = fake.webhookDeliveries;
    expect((third?.at ?? 0) - (second?.at ?? 0)).toBeGreaterThanOrEqual(15);
  });

  it("keeps the update pending while the webhook fails, with its count in getWebhookInfo", async () => {
    const bot = await startBotServer(() => ({ status: 500 }));
    const fake = await start({ route: bot.origin });
    await call(fake, "setWebhook", { url: HOOK });
    fake.sendUserMessage(7, "a");
    fake.sendUserMessage(8, "b");
    await until(() => bot.hits.length >= 4, "retries");
    expect(fake.webhookInfo()).toMatchObject({
      pending_update_count: 2,
      last_error_message: "Wrong response from the webhook: 500 Internal Server Error",
    });
    bot.answer = () => ({ status: 200 });
    await until(() => fake.webhookInfo().pending_update_count === 0, "the retries to succeed");
  });

  it("records connection errors, a missing route and timeouts in Telegram's words", async () => {
    const closed = await startBotServer();
    const refusedOrigin = closed.origin;
    await closed.close();
    const fake = await start({ timeoutMs: 50 });
    await call(fake, "setWebhook", { url: HOOK });

    fake.sendUserMessage(7, "one");
    const unrouted = await fake.waitForWebhookDelivery(1, { since: 0 });
    expect(unrouted).toMatchObject({ target: undefined, status: undefined, ok: false });
    expect(fake.webhookInfo().last_error_message).toBe("Failed to resolve host: Name or service not known");

    fake.routeWebhook(refusedOrigin);
    await fake.waitForWebhookDelivery((d) => d.target !== undefined);
    expect(fake.webhookInfo().last_error_message).toBe("Connection refused");

    let hang = true;
    const bot = await startBotServer(() => (hang ? "hang" : { status: 200 }));
    fake.routeWebhook(bot.origin);
    const timedOut = await fake.waitForWebhookDelivery((d) => d.error === "Read timeout expired");
    expect(timedOut.durationMs).toBeGreaterThanOrEqual(45);
    expect(fake.webhookInfo().last_error_message).toBe("Read timeout expired");
    // The timed-out request was cut, not left open.
    await until(() => bot.open() === 0, "the timed-out request to be closed");
    hang = false;
    await fake.waitForWebhookDelivery((d) => d.ok);
    expect(bot.hits.every((hit) => hit.update.update_id === 1)).toBe(true);
  });

  it("delivers one chat's updates one at a time, in order, even across failures; other chats go alongside", async () => {
    const release: Array<() => void> = [];
    let failFirst = true;
    const bot = await startBotServer(
      (hit) =>
        new Promise<Answer>((resolve) => {
          if (hit.update.update_id === 1 && failFirst) {
            failFirst = false;
            release.push(() => resolve({ status: 502 }));
          } else {
            release.push(() => resolve({ status: 200 }));
          }
        }),
    );
    const fake = await start({ route: bot.origin });
    await call(fake, "setWebhook", { url: HOOK });
    fake.sendUserMessage(1, "1a");
    fake.sendUserMessage(1, "1b");
    fake.sendUserMessage(2, "2a");
    fake.sendUserMessage(1, "1c");
    await until(() => bot.hits.length === 2, "the first deliveries");
    await sleep(30);
    // Chat 1's first update and chat 2's, nothing else while chat 1's is unanswered.
    expect(bot.hits.map((hit) => hit.update.update_id)).toEqual([1, 3]);
    while (fake.webhookInfo().pending_update_count > 0) {
      release.shift()?.();
      await sleep(5);
    }
    const chat1 = bot.hits.filter((hit) => hit.update.message?.chat.id === 1).map((hit) => hit.update.update_id);
    expect(chat1).toEqual([1, 1, 2, 4]);
    expect(bot.peakOpen()).toBe(2);
  });

  it("has at most max_connections deliveries open at once", async () => {
    const release: Array<() => void> = [];
    const bot = await startBotServer(() => new Promise<Answer>((resolve) => release.push(() => resolve({ status: 200 }))));
    const fake = await start({ route: bot.origin });
    await call(fake, "setWebhook", { url: HOOK, max_connections: 2 });
    for (let chat = 1; chat <= 5; chat += 1) fake.sendUserMessage(chat, "hi");
    await until(() => bot.open() === 2, "two open deliveries");
    await sleep(30);
    expect(bot.open()).toBe(2);
    while (fake.webhookInfo().pending_update_count > 0) {
      release.shift()?.();
      await sleep(5);
    }
    expect(bot.hits).toHaveLength(5);
    expect(bot.peakOpen()).toBe(2);
  });

  it("honours allowed_updates, and withholds opt-in types by default", async () => {
    const bot = await startBotServer();
    const fake = await start({ route: bot.origin });
    const keyboard = { inline_keyboard: [[{ text: "Go", callback_data: "go" }]] };
    expect((await call(fake, "sendMessage", { chat_id: 7, text: "pick", reply_markup: keyboard })).status).toBe(200);

    await call(fake, "setWebhook", { url: HOOK });
    fake.pushUpdate({ message_reaction: { chat: { id: 7, type: "private", first_name: "T" }, message_id: 1, date: 0, old_reaction: [], new_reaction: [] } });
    const message = fake.sendUserMessage(7, "default types");
    await fake.waitForWebhookDelivery(message.update_id, { since: 0 });
    expect(bot.hits.map((hit) => hit.update.update_id)).toEqual([message.update_id]);

    await call(fake, "setWebhook", { url: HOOK, allowed_updates: ["callback_query"] });
    expect(fake.webhookInfo().allowed_updates).toEqual(["callback_query"]);
    fake.sendUserMessage(7, "not subscribed");
    const press = fake.pressButton(7, 1, "go");
    await fake.waitForWebhookDelivery(press.update_id, { since: 0 });
    expect(bot.hits.map((hit) => Object.keys(hit.update).find((key) => key !== "update_id"))).toEqual([
      "message",
      "callback_query",
    ]);
    expect(fake.webhookInfo().pending_update_count).toBe(0);
  });

  it("redeliver posts a delivered update again with the same update_id", async () => {
    const bot = await startBotServer();
    const fake = await start({ route: bot.origin });
    await expect(fake.redeliver(1)).rejects.toThrow(/no webhook is set/);
    await call(fake, "setWebhook", { url: HOOK, secret_token: SECRET });
    await expect(fake.redeliver(1)).rejects.toThrow(/never posted/);
    const update = fake.sendUserMessage(7, "twice");
    await fake.waitForWebhookDelivery(update.update_id);
    const again = await fake.redeliver(update);
    expect(again).toMatchObject({ updateId: update.update_id, redelivery: true, attempt: 2, ok: true });
    expect(bot.hits.map((hit) => hit.update)).toEqual([update, update]);
    expect(bot.hits[1]?.headers["x-telegram-bot-api-secret-token"]).toBe(SECRET);
    expect(fake.pendingUpdates()).toEqual([]);
  });

  it("runs a method call in the body of a 2xx answer, as Telegram does with webhook replies", async () => {
    const bot = await startBotServer((hit) => ({
      status: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ method: "sendMessage", chat_id: hit.update.message?.chat.id, text: "<b>reply</b>", parse_mode: "HTML" }),
    }));
    const fake = await start({ route: bot.origin });
    await call(fake, "setWebhook", { url: HOOK });
    fake.sendUserMessage(7, "/start");
    const reply = await fake.waitForMessage(7);
    expect(reply).toMatchObject({ text: "<b>reply</b>", plainText: "reply" });
    expect(fake.lastCall("sendMessage")).toMatchObject({ ok: true, viaWebhookReply: true });

    // getMe in an answer is ignored, like Telegram ignores get* methods there.
    bot.answer = () => ({ status: 200, headers: { "content-type": "application/json" }, body: '{"method":"getMe"}' });
    const update = fake.sendUserMessage(7, "again");
    await fake.waitForWebhookDelivery(update.update_id, { since: 0 });
    await sleep(20);
    expect(fake.callCount("getMe")).toBe(0);
  });

  it("close() stops deliveries, retries and timers and cuts open requests", async () => {
    const bot = await startBotServer(() => ({ status: 500 }));
    const fake = await start({ route: bot.origin, timeoutMs: 5000 });
    await call(fake, "setWebhook", { url: HOOK });
    fake.sendUserMessage(7, "failing");
    await until(() => bot.hits.length >= 3, "retries");
    bot.answer = () => "hang";
    fake.sendUserMessage(8, "hanging");
    await until(() => bot.open() === 1, "the hanging request");
    const waiting = fake.waitForWebhookDelivery((d) => d.ok).catch((error: unknown) => error);

    const started = Date.now();
    await fake.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await waiting).toEqual(new Error("waitForWebhookDelivery: the fake Bot API was closed"));
    await until(async () => bot.open() === 0 && (await bot.connections()) === 0, "the fake's connections to close");
    const hits = bot.hits.length;
    fake.sendUserMessage(9, "after close");
    // Past several retry delays (10 ms, doubling): nothing more arrives.
    await sleep(150);
    expect(bot.hits).toHaveLength(hits);
    expect(fake.webhookDeliveries.at(-1)).toMatchObject({ aborted: true, error: undefined });
    await expect(fake.redeliver(1)).rejects.toThrow(/closed/);
  });
});

describe("close() in a process of its own", () => {
  it("leaves no timer, socket or request behind: the process exits as soon as the fake is closed", async () => {
    // Telegram's real delays there: a 2 s retry timer is pending and a delivery hangs when the fake closes.
    const fixture = fileURLToPath(new URL("./fixtures/close-with-webhook.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", fixture], { cwd: process.cwd(), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise((resolve) => child.on("exit", resolve));
    const exitedAt = Date.now();
    const closedAt = Number(/closed (\d+)/.exec(output)?.[1]);
    expect({ code, output }).toMatchObject({ code: 0 });
    expect(exitedAt - closedAt).toBeLessThan(1000);
  }, 20_000);
});

describe("with a real grammY bot behind webhookCallback", () => {
  it("delivers /start with the secret the bot checks, and a wrong secret shows up in getWebhookInfo", async () => {
    const fake = await start();
    const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
    bot.command("start", (ctx) => ctx.reply("welcome"));
    const server = createServer(webhookCallback(bot, "http", { secretToken: SECRET }));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    fake.routeWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);

    await bot.api.setWebhook(HOOK, { secret_token: SECRET });
    fake.sendUserMessage(1001, "/start");
    await expect(fake.waitForMessage(1001)).resolves.toMatchObject({ text: "welcome" });

    await bot.api.setWebhook(HOOK, { secret_token: "another" });
    fake.sendUserMessage(1001, "/start");
    await fake.waitForWebhookDelivery((d) => !d.ok);
    const info = await bot.api.getWebhookInfo();
    expect(info).toMatchObject({ url: HOOK, pending_update_count: 1, last_error_message: "Wrong response from the webhook: 401 Unauthorized" });
  });
});

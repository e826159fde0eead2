import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rssFeed } from "../helpers/feed-server.js";
import { say, startWorld, type TestWorld } from "../helpers/test-app.js";

const SECRET = "webhook_Secret-42";
const WEBHOOK_URL = "https://bot.example.com/tg/update";

/** An update as Telegram would post it for a user's message. */
function messageUpdate(updateId: number, chatId: number, text: string) {
  return {
    update_id: updateId,
    message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: "private", first_name: "Olena" }, from: { id: chatId, is_bot: false, first_name: "Olena" }, text, entities: [{ type: "bot_command", offset: 0, length: text.length }] },
  };
}

describe("When the operator runs the bot with a webhook", () => {
  let world: TestWorld;
  const post = (body: unknown, headers: Record<string, string>) =>
    fetch(`${world.app.http!.url}/tg/update`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    world = await startWorld({
      env: { BOT_MODE: "webhook", WEBHOOK_URL, WEBHOOK_SECRET: SECRET, HTTP_PORT: "0", HTTP_HOST: "127.0.0.1" },
      api: { webhook: { retryDelayMs: 20, timeoutMs: 2000, setWebhookIntervalMs: 0 } },
      catalog: (feeds) => {
        feeds.route("/wire.xml", { body: rssFeed({ title: "Wire", items: [{ guid: "1", title: "Parliament sits late", link: "https://news.example/1", pubDate: new Date() }] }) });
        return `feeds:\n  - url: ${feeds.url("/wire.xml")}\n    name: Wire\n`;
      },
    });
  });
  afterAll(() => world?.close());

  it("then it sets the webhook with its secret and the update types, and never long-polls", () => {
    const call = world.api.lastCall("setWebhook")!;
    expect(call.payload).toMatchObject({ url: WEBHOOK_URL, secret_token: SECRET, allowed_updates: ["message", "callback_query"] });
    expect(world.api.callCount("getUpdates")).toBe(0);
  });

  it("then a user's command arrives by POST, is answered 200 at once with an empty body, and the reply is an API call", async () => {
    const since = world.api.mark();
    const reply = await say(world, 5101, "/help");
    expect(reply.plainText).toContain("/subscribe");
    const delivery = world.api.webhookDeliveries.at(-1)!;
    expect(delivery).toMatchObject({ status: 200, body: "", ok: true });
    expect(delivery.headers["x-telegram-bot-api-secret-token"]).toBe(SECRET);
    // Telegram had its answer before the bot made its reply: handling never holds the webhook's response.
    const sent = world.api.calls.slice(since).find((c) => c.method === "sendMessage")!;
    expect(delivery.at + delivery.durationMs).toBeLessThanOrEqual(sent.at + 1);
  });

  it("then a POST with a wrong secret or none is refused with 401 and not handled", async () => {
    const before = world.api.messageCount(5102);
    expect((await post(messageUpdate(900_001, 5102, "/help"), { "x-telegram-bot-api-secret-token": "wrong" })).status).toBe(401);
    expect((await post(messageUpdate(900_002, 5102, "/help"), {})).status).toBe(401);
    // A genuine update afterwards is the only one answered.
    expect((await post(messageUpdate(900_003, 5102, "/help"), { "x-telegram-bot-api-secret-token": SECRET })).status).toBe(200);
    await world.api.waitForMessage(5102);
    await world.api.waitForMessage(5103, undefined, { timeoutMs: 300 }).catch(() => undefined);
    expect(world.api.messageCount(5102)).toBe(before + 1);
  });

  it("then the same update delivered twice is handled once", async () => {
    const since = world.api.mark();
    const update = world.api.sendUserMessage(5104, "/help");
    await world.api.waitForMessage(5104, undefined, { since });
    const again = await world.api.redeliver(update);
    expect(again.status).toBe(200);
    // A reply to a second handling would come right behind the first; /help to another chat shows the bot is past it.
    await say(world, 5105, "/help");
    expect(world.api.messageCount(5104)).toBe(1);
  });

  it("then /readyz is ready, and not ready while Telegram cannot deliver to the webhook", async () => {
    const ready = await fetch(`${world.app.http!.url}/readyz`);
    expect(await ready.json()).toMatchObject({ ready: true, checks: { database: { ok: true }, telegram: { ok: true }, feeds: { ok: true } } });
    world.api.routeWebhook(undefined);
    world.api.sendUserMessage(5106, "/help");
    await world.api.waitForWebhookDelivery((d) => !d.ok);
    // Telegram dates its errors to the second; its retries soon date one later than the last update that got through.
    // Each look moves the app's clock past the cached getWebhookInfo.
    const readyz = async () => {
      world.clock.advance(20_000);
      return fetch(`${world.app.http!.url}/readyz`);
    };
    await expect.poll(async () => (await readyz()).status, { timeout: 10_000, interval: 200 }).toBe(503);
    const notReady = await readyz();
    const body = (await notReady.json()) as { checks: { telegram: { ok: boolean; detail: string } } };
    expect(body.checks.telegram).toMatchObject({ ok: false });
    expect(body.checks.telegram.detail).toContain("cannot deliver");
    world.api.routeWebhook(world.app.http!.url);
    await world.api.waitForMessage(5106);
    world.clock.advance(20_000);
    expect((await fetch(`${world.app.http!.url}/readyz`)).status).toBe(200);
  });

  it("then a stop leaves the webhook set, and a restart in polling mode deletes it and polls", async () => {
    await world.app.stop();
    expect(world.api.callCount("deleteWebhook")).toBe(0);
    expect(world.api.webhookInfo().url).toBe(WEBHOOK_URL);
    world.config = { ...world.config, botMode: "polling" };
    delete (world.config as { webhook?: unknown }).webhook;
    await world.restart();
    expect(world.api.callCount("deleteWebhook")).toBe(1);
    expect(world.api.webhookInfo().url).toBe("");
    expect((await say(world, 5107, "/help")).plainText).toContain("/subscribe");
  });
});

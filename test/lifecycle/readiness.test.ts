import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import { createReadiness } from "../../src/lifecycle/readiness.js";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.js";

describe("createReadiness", () => {
  let api: FakeBotApi;
  let database: DatabaseHandle;
  let now = 1_000_000;
  const clock = () => now;
  beforeAll(async () => {
    api = await startFakeBotApi();
    database = openDatabase(":memory:");
  });
  afterAll(async () => {
    await api.close();
  });

  it("in polling mode is ready once Telegram answered and while getUpdates and the feeds are recent", async () => {
    const readiness = createReadiness({ db: database.db, now: clock, mode: "polling", feedIntervalMs: 600_000, api: new Api(api.token, { apiRoot: api.apiRoot }) });
    expect((await readiness.check()).checks.telegram).toEqual({ ok: false, detail: "Telegram has not answered getMe yet" });
    readiness.connected();
    expect(await readiness.check()).toEqual({ ready: true, checks: { database: { ok: true }, telegram: { ok: true }, feeds: { ok: true } } });
    now += 121_000;
    expect((await readiness.check()).checks.telegram).toEqual({ ok: false, detail: "no getUpdates answered for 121 s" });
    readiness.updatesReceived();
    expect((await readiness.check()).ready).toBe(true);
    now += 1_800_001 - 121_000;
    const late = await readiness.check();
    expect(late.checks.feeds).toEqual({ ok: false, detail: "no feed poll has ended for 1800 s" });
    readiness.feedPollEnded();
    readiness.updatesReceived();
    expect((await readiness.check()).ready).toBe(true);
  });

  it("is not ready when the database does not answer", async () => {
    const other = openDatabase(":memory:");
    const readiness = createReadiness({ db: other.db, now: clock, mode: "polling", feedIntervalMs: 600_000, api: new Api(api.token, { apiRoot: api.apiRoot }) });
    readiness.connected();
    other.close();
    const result = await readiness.check();
    expect(result.ready).toBe(false);
    expect(result.checks.database?.ok).toBe(false);
  });

  it("in webhook mode asks getWebhookInfo, at most every 15 s, and is not ready while the webhook is not ours", async () => {
    const botApi = new Api(api.token, { apiRoot: api.apiRoot });
    const readiness = createReadiness({ db: database.db, now: clock, mode: "webhook", feedIntervalMs: 600_000, api: botApi, webhookUrl: "https://bot.example.com/hook" });
    readiness.connected();
    expect((await readiness.check()).checks.telegram).toEqual({ ok: false, detail: "the webhook is not set to WEBHOOK_URL" });
    await botApi.setWebhook("https://bot.example.com/hook");
    expect((await readiness.check()).checks.telegram?.ok).toBe(false); // the answer is cached
    const asked = api.callCount("getWebhookInfo");
    now += 15_001;
    expect((await readiness.check()).checks.telegram).toEqual({ ok: true });
    expect(api.callCount("getWebhookInfo")).toBe(asked + 1);
    await api.goOffline();
    try {
      now += 15_001;
      expect((await readiness.check()).checks.telegram).toEqual({ ok: false, detail: "getWebhookInfo failed: ECONNREFUSED" });
    } finally {
      await api.goOnline();
    }
  });

  it("in webhook mode is not ready while updates wait and Telegram's last delivery error is later than the last update received", async () => {
    let wall = 1_700_000_000_500;
    let info = { url: "https://bot.example.com/hook2", has_custom_certificate: false, pending_update_count: 0 } as Record<string, unknown>;
    const fakeApi = { getWebhookInfo: async () => info } as unknown as Api;
    const readiness = createReadiness({ db: database.db, now: clock, wallClock: () => wall, mode: "webhook", feedIntervalMs: 600_000, api: fakeApi, webhookUrl: "https://bot.example.com/hook2" });
    readiness.connected();
    const telegram = async () => {
      now += 15_001; // past the cached answer
      return (await readiness.check()).checks.telegram;
    };
    // An error from before the last update, or with nothing waiting, is history.
    info = { ...info, last_error_date: 1_699_999_990, last_error_message: "Connection refused", pending_update_count: 3 };
    expect(await telegram()).toEqual({ ok: true });
    info = { ...info, last_error_date: 1_700_000_100, pending_update_count: 0 };
    expect(await telegram()).toEqual({ ok: true });
    // A later error with updates waiting: Telegram cannot deliver now (getWebhookInfo's answer, as Telegram words it).
    info = { ...info, pending_update_count: 2 };
    expect(await telegram()).toEqual({ ok: false, detail: "Telegram cannot deliver to the webhook: Connection refused" });
    // An update arrives after that error: delivering works again.
    wall = 1_700_000_101_000;
    readiness.updatesReceived();
    expect(await telegram()).toEqual({ ok: true });
    readiness.stopping();
    expect((await readiness.check()).checks.stopping).toEqual({ ok: false, detail: "the bot is stopping" });
  });
});

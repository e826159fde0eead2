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
});

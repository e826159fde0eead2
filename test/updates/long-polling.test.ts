import { Api } from "grammy";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLongPolling } from "../../src/updates/long-polling.js";
import { createUpdateIntake } from "../../src/updates/update-intake.js";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.js";
import { recordingLog } from "../helpers/recording-log.js";


describe("startLongPolling", () => {
  let api: FakeBotApi;
  beforeAll(async () => {
    api = await startFakeBotApi();
  });
  afterAll(() => api.close());

  const start = (handled: Update[], extra: { onFatal?: (e: unknown) => void; waits?: number[]; token?: string; sleep?: (ms: number, signal?: AbortSignal) => Promise<void> } = {}) => {
    const { log, lines } = recordingLog();
    const intake = createUpdateIntake({ bot: { handleUpdate: async (u) => void handled.push(u) }, log });
    intake.open();
    let polled = 0;
    const polling = startLongPolling({
      api: new Api(extra.token ?? api.token, { apiRoot: api.apiRoot }),
      intake, log, apiRoot: api.apiRoot,
      onPolled: () => polled++,
      onFatal: extra.onFatal ?? (() => undefined),
      // Records the wait and takes a turn of the event loop: a poller left running by a failed test cannot spin.
      sleep: extra.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(() => resolve(void extra.waits?.push(ms)), 1))),
      timeoutSeconds: 1,
    });
    return { polling, lines, polled: () => polled };
  };

  /**
   * Long polling whose next getUpdates, the one that would confirm the first batch by itself, fails and then waits
   * until the stop: only the stop can confirm what was fetched.
   */
  const startStalled = async (handleUpdate: (update: Update) => Promise<void>) => {
    const { log } = recordingLog();
    const intake = createUpdateIntake({ bot: { handleUpdate }, log });
    intake.open();
    const polling = startLongPolling({
      api: new Api(api.token, { apiRoot: api.apiRoot }), intake, log, apiRoot: api.apiRoot, onPolled: () => undefined, onFatal: () => undefined,
      sleep: (_ms, signal) => new Promise((resolve) => signal?.addEventListener("abort", () => resolve())),
      timeoutSeconds: 1,
    });
    await api.waitForPolling();
    api.failNext("getUpdates", { error_code: 502, html: true });
    return { intake, polling };
  };

  it("deletes a webhook left from webhook mode and hands updates over", async () => {
    const handled: Update[] = [];
    const { polling, polled } = start(handled);
    await api.waitForPolling();
    expect(api.lastCall("deleteWebhook")?.payload).toMatchObject({ drop_pending_updates: false });
    api.sendUserMessage(70, "/help");
    await expect.poll(() => handled.length, { timeout: 10_000 }).toBe(1);
    await polling.stop(1000);
    await polling.stop(1000);
    expect(polled()).toBeGreaterThan(0);
  });

  it("at stop, lets the updates being handled finish, then tells Telegram they need not come again", async () => {
    let release!: () => void;
    const finished: number[] = [];
    const { polling } = await startStalled((u) => new Promise<void>((resolve) => (release = () => resolve(void finished.push(u.update_id)))));
    const update = api.sendUserMessage(73, "/help");
    await expect.poll(() => api.callCount("getUpdates", { ok: false }), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(api.pendingUpdates().map((u) => u.update_id)).toEqual([update.update_id]);
    const stopping = polling.stop(2000);
    setTimeout(() => release(), 100);
    await stopping;
    expect(finished).toEqual([update.update_id]);
    expect(api.pendingUpdates()).toEqual([]);
    const confirm = api.lastCall("getUpdates")!;
    expect(confirm.payload).toMatchObject({ offset: update.update_id + 1, timeout: 0, allowed_updates: ["message", "callback_query"] });
  });

  it("at stop, does not confirm an update still being handled when the grace period ends: Telegram sends it again", async () => {
    const { intake, polling } = await startStalled(() => new Promise<void>(() => undefined));
    const update = api.sendUserMessage(74, "/help");
    await expect.poll(() => intake.unfinished(), { timeout: 10_000 }).toEqual([update.update_id]);
    const started = performance.now();
    await polling.stop(200);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(api.pendingUpdates().map((u) => u.update_id)).toEqual([update.update_id]);
    // Confirm it by hand, so the next tests start clean.
    await new Api(api.token, { apiRoot: api.apiRoot }).getUpdates({ offset: update.update_id + 1, timeout: 0 });
  });

  it("logs each failed getUpdates with its cause and retries, the wait doubling, until Telegram answers", async () => {
    const handled: Update[] = [];
    const waits: number[] = [];
    api.failNext("getUpdates", { error_code: 502, times: 3, html: true });
    const { polling, lines } = start(handled, { waits });
    api.sendUserMessage(71, "/help");
    await expect.poll(() => handled.length, { timeout: 10_000 }).toBe(1);
    await polling.stop(1000);
    expect(waits).toEqual([1000, 2000, 4000]);
    const warnings = lines.filter((l) => l.level === 40 && l.method === "getUpdates");
    expect(warnings).toHaveLength(3);
    expect(warnings[0]?.cause).toBe("not a Bot API answer (an error page?)");
    expect(JSON.stringify(lines)).not.toContain(api.token);
  });

  it("stops without throwing when the last confirmation cannot reach Telegram, and says the updates may come again", async () => {
    const handled: Update[] = [];
    const { polling, lines } = start(handled);
    api.sendUserMessage(72, "/help");
    await expect.poll(() => handled.length, { timeout: 10_000 }).toBe(1);
    await api.goOffline();
    try {
      await polling.stop(1000);
    } finally {
      await api.goOnline();
    }
    expect(lines.some((l) => l.level === 40 && String(l.msg).includes("may come again"))).toBe(true);
    // Confirm what the stop could not, so the next tests start clean.
    await new Api(api.token, { apiRoot: api.apiRoot }).getUpdates({ offset: -1, timeout: 0 });
  });

  it("gives up and calls onFatal when Telegram rejects the token", async () => {
    let fatal: unknown;
    const { polling } = start([], { token: "999:REVOKED-token", onFatal: (e) => (fatal = e) });
    await expect.poll(() => fatal !== undefined, { timeout: 10_000 }).toBe(true);
    expect(String((fatal as { error_code?: number }).error_code)).toBe("401");
    await polling.stop(1000);
  });
});

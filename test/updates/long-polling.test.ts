import { Api } from "grammy";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { startLongPolling } from "../../src/updates/long-polling.js";
import { createUpdateIntake } from "../../src/updates/update-intake.js";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.js";

function recordingLog() {
  const lines: Record<string, unknown>[] = [];
  return { lines, log: createLogger("debug", [], (line) => lines.push(JSON.parse(line) as Record<string, unknown>)) };
}

describe("startLongPolling", () => {
  let api: FakeBotApi;
  beforeAll(async () => {
    api = await startFakeBotApi();
  });
  afterAll(() => api.close());

  const start = (handled: Update[], extra: { onFatal?: (e: unknown) => void; waits?: number[]; token?: string } = {}) => {
    const { log, lines } = recordingLog();
    const intake = createUpdateIntake({ bot: { handleUpdate: async (u) => void handled.push(u) }, log });
    let polled = 0;
    const polling = startLongPolling({
      api: new Api(extra.token ?? api.token, { apiRoot: api.apiRoot }),
      intake, log, apiRoot: api.apiRoot,
      onPolled: () => polled++,
      onFatal: extra.onFatal ?? (() => undefined),
      sleep: async (ms) => void extra.waits?.push(ms),
      timeoutSeconds: 1,
    });
    return { polling, lines, polled: () => polled };
  };

  it("deletes a webhook left from webhook mode, hands updates over, and confirms them at stop so they do not come again", async () => {
    const handled: Update[] = [];
    const { polling, polled } = start(handled);
    await api.waitForPolling();
    expect(api.lastCall("deleteWebhook")?.payload).toMatchObject({ drop_pending_updates: false });
    api.sendUserMessage(70, "/help");
    await expect.poll(() => handled.length, { timeout: 10_000 }).toBe(1);
    await polling.stop();
    await polling.stop();
    expect(polled()).toBeGreaterThan(0);
    expect(api.pendingUpdates()).toEqual([]);
  });

  it("logs each failed getUpdates with its cause and retries, the wait doubling, until Telegram answers", async () => {
    const handled: Update[] = [];
    const waits: number[] = [];
    api.failNext("getUpdates", { error_code: 502, times: 3, html: true });
    const { polling, lines } = start(handled, { waits });
    api.sendUserMessage(71, "/help");
    await expect.poll(() => handled.length, { timeout: 10_000 }).toBe(1);
    await polling.stop();
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
      await polling.stop();
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
    await polling.stop();
  });
});

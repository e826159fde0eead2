import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeBotApi } from "../helpers/fake-bot-api.js";
import { freePort, startBotProcess, startProcessFixture, waitFor, type BotProcess, type ProcessFixture } from "../helpers/bot-process.js";

/** What a stop that never breaks looks like from outside: exit code 0, a last "stopped" line, the database closed. */
async function expectCleanStop(bot: BotProcess, db: string): Promise<void> {
  const stopping = Date.now();
  bot.child.kill("SIGTERM");
  expect(await bot.exited).toBe(0);
  expect(Date.now() - stopping).toBeLessThan(10_000);
  expect(bot.lines().at(-1)?.msg).toBe("stopped");
  expect(bot.output()).not.toMatch(/Unhandled|GrammyError|at .*\.ts:\d+/);
  // SQLite removes the write-ahead log when the last connection closes cleanly.
  expect(existsSync(`${db}-wal`)).toBe(false);
}

const warnings = (bot: BotProcess) => bot.lines().filter((l) => l.level === 40).map((l) => String(l.msg));

describe("When the operator runs the bot and something it depends on fails", () => {
  let fixture: ProcessFixture;
  let api: FakeBotApi;
  let dir: string;
  let n = 0;
  const env = (extra: Record<string, string> = {}) => {
    const db = join(dir, `bot-${++n}.db`);
    return { db, env: { BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: db, CATALOG_FILE: join(dir, "catalog.yaml"), FEEDS_ALLOW_PRIVATE: "true", ...extra } };
  };

  beforeAll(async () => {
    fixture = await startProcessFixture();
    ({ api, dir } = fixture);
  });
  afterAll(() => fixture?.close());

  it("then with the Bot API answering 502 and then refusing connections, SIGTERM still stops it with 0 within 10 s", async () => {
    const { db, env: vars } = env();
    const bot = startBotProcess(dir, vars);
    await waitFor(() => bot.output().includes('"msg":"feeds polled"'), 15_000, "the start-up poll");
    await api.waitForPolling(10_000);
    api.sendUserMessage(8101, "/help");
    await api.waitForMessage(8101, undefined, 10_000);
    // The long poll under way ends with the 502 page, and the retries get one too; then connections are refused.
    api.setDown(true);
    api.sendUserMessage(8101, "/help");
    await waitFor(() => warnings(bot).some((m) => m.startsWith("getUpdates failed (not a Bot API answer")), 10_000, "a warning about a 502 page");
    await api.goOffline();
    await waitFor(() => warnings(bot).some((m) => m.startsWith("getUpdates failed (ECONNREFUSED")), 15_000, "a warning about refused connections");
    await expectCleanStop(bot, db);
    await api.goOnline();
    api.setDown(false);
  });

  it("then when Telegram cannot be reached at start it says why at each try, is not ready, and starts once Telegram answers", async () => {
    const port = await freePort();
    await api.goOffline();
    const { db, env: vars } = env({ HTTP_PORT: String(port), HTTP_HOST: "127.0.0.1" });
    const bot = startBotProcess(dir, vars);
    try {
      await waitFor(() => warnings(bot).length >= 2, 10_000, "two warnings");
      const [first] = warnings(bot);
      expect(first).toContain(api.apiRoot);
      expect(first).toContain("ECONNREFUSED");
      const notReady = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(notReady.status).toBe(503);
      expect(((await notReady.json()) as { checks: Record<string, { ok: boolean }> }).checks.telegram?.ok).toBe(false);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      await api.goOnline();
    }
    await waitFor(() => bot.output().includes('"msg":"news digest bot started"'), 10_000, "the start");
    await api.waitForPolling(10_000);
    await waitFor(() => bot.output().includes('"msg":"feeds polled"'), 10_000, "the start-up poll");
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    await expectCleanStop(bot, db);
  });
});

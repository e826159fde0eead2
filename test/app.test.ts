import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, StartCancelled } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { WebhookRefusedError } from "../src/updates/set-webhook.js";
import { freePort } from "./helpers/bot-process.js";
import { startFakeBotApi, type FakeBotApi } from "./helpers/fake-bot-api.js";
import { startFeedServer, type FeedServer } from "./helpers/feed-server.js";

describe("startApp and stop", () => {
  let api: FakeBotApi;
  let feeds: FeedServer;
  let dir: string;
  let n = 0;
  const lines: Record<string, unknown>[] = [];
  const log = createLogger("debug", [], (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  const config = (env: Record<string, string> = {}) =>
    loadConfig({ BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: join(dir, `app-${++n}.db`), CATALOG_FILE: join(dir, "catalog.yaml"), FEEDS_ALLOW_PRIVATE: "true", FETCH_CRON: "0 0 1 1 *", ...env });
  /** Whether something still listens on the port. */
  const listening = (port: number) => fetch(`http://127.0.0.1:${port}/healthz`).then(() => true, () => false);

  beforeAll(async () => {
    api = await startFakeBotApi();
    feeds = await startFeedServer();
    feeds.route("/hangs.xml", () => new Promise<void>(() => undefined));
    dir = mkdtempSync(join(tmpdir(), "news-digest-app-"));
    writeFileSync(join(dir, "catalog.yaml"), `feeds:\n  - url: ${feeds.url("/hangs.xml")}\n`);
  });
  afterAll(async () => {
    await api.close();
    await feeds.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a stop while Telegram is out of reach ends the start: it rejects with StartCancelled and has closed what it opened", async () => {
    const port = await freePort();
    const cfg = config({ TELEGRAM_API_ROOT: "http://api.telegram.invalid", HTTP_PORT: String(port), HTTP_HOST: "127.0.0.1" });
    const stop = new AbortController();
    const starting = startApp(cfg, { log, signal: stop.signal, sleep: async (_ms, signal) => new Promise((resolve) => signal?.addEventListener("abort", () => resolve())) });
    await expect.poll(() => listening(port), { timeout: 10_000 }).toBe(true);
    stop.abort();
    await expect(starting).rejects.toBeInstanceOf(StartCancelled);
    expect(await listening(port)).toBe(false);
    expect(existsSync(`${cfg.databasePath}-wal`)).toBe(false);
  });

  it("a webhook Telegram refuses fails the start with WebhookRefusedError, after unwinding the HTTP server and the database", async () => {
    const port = await freePort();
    const cfg = config({ BOT_MODE: "webhook", WEBHOOK_URL: "https://bot.example.com/hook", WEBHOOK_SECRET: "s", HTTP_PORT: String(port), HTTP_HOST: "127.0.0.1" });
    api.failNext("setWebhook", { error_code: 400, description: "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443" });
    const error = await startApp(cfg, { log }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookRefusedError);
    expect((error as Error).message).toBe("Telegram refused WEBHOOK_URL (400 Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443)");
    expect(await listening(port)).toBe(false);
    expect(existsSync(`${cfg.databasePath}-wal`)).toBe(false);
  });

  it("a stop during the start-up poll, with a feed that never answers, ends the poll and closes everything; a second stop is the same stop", async () => {
    const cfg = config({ FETCH_TIMEOUT_MS: "600000" });
    lines.length = 0;
    const app = await startApp(cfg, { log });
    await expect.poll(() => feeds.hitCount("/hangs.xml"), { timeout: 10_000 }).toBeGreaterThan(0);
    const started = Date.now();
    const first = app.stop();
    expect(app.stop()).toBe(first);
    await first;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(existsSync(`${cfg.databasePath}-wal`)).toBe(false);
    expect(lines.filter((l) => l.level !== undefined && Number(l.level) >= 50)).toEqual([]);
  });

  it("a database that cannot be opened fails the start with one line naming it", async () => {
    writeFileSync(join(dir, "not-a-folder"), "");
    const cfg = config({ DATABASE_PATH: join(dir, "not-a-folder", "bot.db") });
    const error = await startApp(cfg, { log }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^cannot open the database .*not-a-folder\/bot\.db: EEXIST/);
    expect((error as Error).message).not.toContain("\n");
  });

  it("a start that fails half-way (the HTTP port taken) stops what it had started and rejects with the cause", async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    try {
      const cfg = config({ HTTP_PORT: String((taken.address() as { port: number }).port), HTTP_HOST: "127.0.0.1" });
      lines.length = 0;
      const error = await startApp(cfg, { log }).catch((e: unknown) => e);
      expect((error as Error).message).toContain("EADDRINUSE");
      // The database was opened before the port was tried, and is closed again; the stop said so last.
      expect(existsSync(`${cfg.databasePath}-wal`)).toBe(false);
      expect(lines.at(-1)?.msg).toBe("stopped");
    } finally {
      taken.close();
    }
  });
});

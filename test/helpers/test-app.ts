import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startApp, type App } from "../../src/app.js";
import { loadConfig, type Config } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import type { Sleep } from "../../src/lifecycle/sleep.js";
import { startFakeBotApi, type FakeBotApi, type FakeBotApiOptions, type StoredMessage } from "./fake-bot-api.js";
import { startFeedServer, type FeedServer } from "./feed-server.js";

/** A clock the test can move forward; everything in the app reads time through it. */
export class TestClock {
  private offset = 0;
  now = () => Date.now() + this.offset;
  advance(ms: number): void {
    this.offset += ms;
  }
  /** Moves the clock to `instant` (only forward). */
  set(instant: number): void {
    this.offset = Math.max(this.offset, instant - Date.now());
  }
}

export interface TestWorld {
  api: FakeBotApi;
  feeds: FeedServer;
  dir: string;
  clock: TestClock;
  logs: string[];
  config: Config;
  app: App;
  /** Stops the app (keeping the database) and starts it again on the same files, with `config` as it is then. */
  restart(): Promise<App>;
  close(): Promise<void>;
}

export interface WorldOptions {
  /** Builds the catalog YAML from the feed server, so feed URLs can point at it. */
  catalog: (feeds: FeedServer) => string;
  env?: Record<string, string>;
  /** The feed server's loopback address. */
  feedHost?: string;
  /** Passed to the app: which addresses the feed guard refuses. */
  isBlockedAddress?: (address: string) => boolean;
  /** Options of the fake Bot API (flood limits, webhook delays). */
  api?: FakeBotApiOptions;
  /** Passed to the app: how retries wait while Telegram is out of reach. */
  sleep?: Sleep;
  /** The Bot API root the app uses, given the fake's (a proxy in front of it); the fake's own by default. */
  apiRoot?: (fakeApiRoot: string) => Promise<string>;
}

/**
 * The whole bot, in process, over real HTTP: a fake Telegram Bot API, a local feed server, a real SQLite file in a
 * temporary folder, and the app as `npm start` builds it. Digests are checked every second; feeds only when asked.
 */
export async function startWorld(options: WorldOptions): Promise<TestWorld> {
  const api = await startFakeBotApi(options.api);
  const feeds = await startFeedServer(options.feedHost);
  const dir = mkdtempSync(join(tmpdir(), "news-digest-test-"));
  const catalogFile = join(dir, "catalog.yaml");
  writeFileSync(catalogFile, options.catalog(feeds));
  const config = loadConfig({
    BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: options.apiRoot ? await options.apiRoot(api.apiRoot) : api.apiRoot,
    DATABASE_PATH: join(dir, "bot.db"),
    CATALOG_FILE: catalogFile,
    FETCH_CRON: "0 0 1 1 *",
    DIGEST_CRON: "* * * * * *",
    FEEDS_ALLOW_PRIVATE: "true",
    FETCH_TIMEOUT_MS: "3000",
    LOG_LEVEL: "debug",
    // Feeds parsed on the main thread: a worker costs most of a second of CPU to start, in each of the suite's many
    // apps. The pool itself is tested in test/feeds/parse-pool.test.ts, and the bot processes of test/e2e run it.
    PARSE_WORKERS: "0",
    ...options.env,
  });
  const clock = new TestClock();
  const logs: string[] = [];
  const log = createLogger(config.logLevel, [config.botToken], (line) => logs.push(line));
  const start = async (config: Config) => {
    const app = await startApp(config, {
      log, now: clock.now,
      ...(options.isBlockedAddress ? { isBlockedAddress: options.isBlockedAddress } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
    await app.initialPoll;
    if (config.webhook) {
      // As a reverse proxy would: the public WEBHOOK_URL reaches the app's HTTP server.
      api.routeWebhook(app.http!.url);
      await api.waitForWebhook();
    } else {
      await api.waitForPolling();
    }
    return app;
  };
  const world: TestWorld = {
    api, feeds, dir, clock, logs, config,
    app: await start(config),
    async restart() {
      await world.app.stop();
      world.app = await start(world.config);
      return world.app;
    },
    async close() {
      await world.app.stop();
      await api.close();
      await feeds.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return world;
}

/** Sends a user's message and waits for the bot's next reply to that chat. */
export async function say(world: TestWorld, chatId: number, text: string) {
  const since = world.api.mark();
  world.api.sendUserMessage(chatId, text, { first_name: "Olena" });
  return world.api.waitForMessage(chatId, undefined, { since });
}

/** The inline buttons under a bot message, flattened, as a user sees them. */
export function buttonsOf(message: StoredMessage): { text: string; data: string }[] {
  return (message.inlineKeyboard ?? []).flat().map((b) => ({ text: b.text, data: "callback_data" in b ? (b.callback_data ?? "") : "" }));
}

/** Sends /digest and waits for the digest's first message (the one with its heading). */
export async function askForDigest(world: TestWorld, chatId: number) {
  const since = world.api.mark();
  world.api.sendUserMessage(chatId, "/digest", { first_name: "Olena" });
  return world.api.waitForMessage(chatId, (m) => m.plainText.includes("Your news digest"), { since });
}

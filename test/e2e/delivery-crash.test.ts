import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/load-catalog.js";
import { openDatabase } from "../../src/db/client.js";
import { syncCatalogFeeds } from "../../src/db/feeds.js";
import { syncCatalogTopics } from "../../src/db/topics.js";
import { seedArticles, seedSubscribers, waitUntil } from "../helpers/delivery.js";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.js";
import { rssFeed, startFeedServer, type FeedServer } from "../helpers/feed-server.js";
import { startSlowProxy, type SlowProxy } from "../helpers/slow-proxy.js";

const ROOT = join(import.meta.dirname, "..", "..");
const running: ChildProcess[] = [];

/** Runs the bot as `npm start` does (tsx src/main.ts) in `cwd`, where its .env is; as in process.test.ts. */
function startBotProcess(cwd: string): { child: ChildProcess; output: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  // node with tsx's loader, not the tsx CLI: SIGKILL then reaches the bot itself.
  const loader = pathToFileURL(join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;
  const child = spawn(process.execPath, ["--import", loader, join(ROOT, "src", "main.ts")], {
    cwd,
    env: { PATH: process.env.PATH ?? "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  running.push(child);
  return { child, output: () => out, exited };
}

const USERS = Array.from({ length: 200 }, (_, i) => 700_001 + i);
const STORIES = ["Parliament passes the budget after a long night", "Minister resigns over the leaked report", "Senate confirms the new ambassador"];

describe("When the bot process is killed hard while it sends digests", () => {
  let api: FakeBotApi;
  let proxy: SlowProxy;
  let feeds: FeedServer;
  let dir: string;

  beforeAll(async () => {
    api = await startFakeBotApi();
    // Answers reach the bot 150 ms after the fake recorded them: at 100 a second, many requests are always in flight.
    proxy = await startSlowProxy(api.apiRoot, 150);
    feeds = await startFeedServer();
    // The feed has nothing new: the digests' stories are in the database already, so no start-up poll races the digest job.
    feeds.route("/wire.xml", { body: rssFeed({ title: "Wire", items: [] }) });
    dir = mkdtempSync(join(tmpdir(), "news-digest-crash-"));
    const catalogFile = join(dir, "catalog.yaml");
    writeFileSync(catalogFile, `feeds:\n  - url: ${feeds.url("/wire.xml")}\n    name: Wire\n`);
    writeFileSync(
      join(dir, ".env"),
      [
        `BOT_TOKEN=${api.token}`,
        `TELEGRAM_API_ROOT=${proxy.apiRoot}`,
        "DATABASE_PATH=./data/bot.db",
        "CATALOG_FILE=./catalog.yaml",
        "FEEDS_ALLOW_PRIVATE=true",
        "FETCH_CRON=0 0 1 1 *",
        "DIGEST_CRON=* * * * * *",
        // 200 one-message digests take about two seconds: time to kill the bot half-way.
        "TELEGRAM_RATE=100",
        "LOG_LEVEL=info",
        "",
      ].join("\n"),
    );

    // 200 users following Politics, due now, and three fresh Politics stories: the bot composes 200 digests.
    const now = Date.now();
    const database = openDatabase(join(dir, "data", "bot.db"));
    try {
      const catalog = loadCatalog(catalogFile);
      syncCatalogTopics(database.db, catalog.topics);
      syncCatalogFeeds(database.db, catalog.feeds, now);
      const stories = STORIES.map((title, i) => ({ title, link: `https://news.example/${i}`, topics: ["Politics"], publishedAt: now - (i + 1) * 600_000 }));
      seedArticles(database.db, feeds.url("/wire.xml"), stories, now - 60_000);
      seedSubscribers(database.db, USERS, { topics: ["Politics"], dueAt: now - 1000, now });
    } finally {
      database.close();
    }
  });
  afterAll(async () => {
    // A failed test must not leave a bot running.
    for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await proxy?.close();
    await api?.close();
    await feeds?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Outbox rows by status, read beside the bot (SQLite's WAL lets a reader in while it writes). */
  const outboxStatuses = (): Record<string, number> => {
    const sqlite = new Database(join(dir, "data", "bot.db"), { readonly: true });
    try {
      const rows = sqlite.prepare("SELECT status, count(*) AS n FROM outbox GROUP BY status").all() as { status: string; n: number }[];
      return Object.fromEntries(rows.map((r) => [r.status, r.n]));
    } finally {
      sqlite.close();
    }
  };
  const digestsOf = (chatId: number) => api.messages(chatId).filter((m) => m.plainText.includes("Your news digest"));
  const usersWithDigest = () => USERS.filter((id) => api.messageCount(id) > 0).length;

  it("then after a restart every user has their digest, and no more arrived twice than were in flight at the kill", async () => {
    const first = startBotProcess(dir);
    await waitUntil(() => usersWithDigest() >= 50, 20_000, () => `50 users to get their digest (got ${usersWithDigest()}); bot output:\n${first.output().slice(-2000)}`);
    first.child.kill("SIGKILL");
    expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });

    // What the operator finds in the database right after the crash, before the bot starts again.
    const statuses = outboxStatuses();
    const inFlight = statuses.sending ?? 0;
    const before = usersWithDigest();
    // The kill came half-way: some users had their digest, others did not yet.
    expect(before).toBeGreaterThanOrEqual(50);
    expect(before).toBeLessThan(USERS.length);
    expect((statuses.pending ?? 0) + inFlight).toBeGreaterThan(0);
    // Some requests were in flight: delivered at the fake, their answers not yet back, so still 'sending'.
    expect(inFlight).toBeGreaterThan(0);
    expect(Object.values(statuses).reduce((a, b) => a + b, 0)).toBe(USERS.length);

    const second = startBotProcess(dir);
    await waitUntil(() => usersWithDigest() === USERS.length, 20_000, () => `every user to get their digest (got ${usersWithDigest()}); bot output:\n${second.output().slice(-2000)}`);
    // Every message sent, repeats included, and answered: nothing more can arrive.
    await waitUntil(() => outboxStatuses().sent === USERS.length, 20_000, () => `every message marked sent (${JSON.stringify(outboxStatuses())})`);

    const twice = USERS.reduce((n, id) => n + Math.max(0, digestsOf(id).length - 1), 0);
    expect({ missing: USERS.filter((id) => digestsOf(id).length === 0), twiceAtMostInFlight: twice <= inFlight }).toEqual({ missing: [], twiceAtMostInFlight: true });
    for (const id of USERS) {
      const text = digestsOf(id).map((m) => m.plainText).join("\n");
      for (const story of STORIES) expect(text).toContain(story);
    }
    if (inFlight > 0) expect(second.output()).toContain(`"requeued":${inFlight}`);

    second.child.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);
  });
});

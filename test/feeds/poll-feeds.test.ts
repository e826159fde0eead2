import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { countArticles, pruneArticles } from "../../src/db/articles.js";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import { syncCatalogFeeds } from "../../src/db/feeds.js";
import { articleSources, type Feed } from "../../src/db/schema.js";
import { listTopics, syncCatalogTopics } from "../../src/db/topics.js";
import { createFeedFetcher, type FeedFetcher } from "../../src/feeds/fetch-feed.js";
import { DISABLE_AFTER_MS, MAX_INTERVAL_MS, pollDueFeeds, prepareHere, type PollDeps } from "../../src/feeds/poll-feeds.js";
import { createLogger } from "../../src/logger.js";
import { BUILTIN_TOPICS } from "../../src/topics/builtin-topics.js";
import { TopicMatcher } from "../../src/topics/matcher.js";
import { rssFeed, startFeedServer, type FeedServer } from "../helpers/feed-server.js";

const BASE = 10 * 60_000;
const HOUR = 3_600_000;

describe("When feeds are polled on their own schedules", () => {
  let server: FeedServer;
  let fetcher: FeedFetcher;
  let dir: string;
  let database: DatabaseHandle;
  let clock: number;
  let disabled: string[];

  beforeAll(async () => {
    server = await startFeedServer();
    fetcher = createFeedFetcher({ timeoutMs: 3000, maxBytes: 1024 * 1024, userAgent: "test", allowPrivate: true });
  });
  afterAll(async () => {
    await fetcher.close();
    await server.close();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "poll-feeds-"));
    database = openDatabase(join(dir, "test.db"));
    syncCatalogTopics(database.db, BUILTIN_TOPICS);
    clock = Date.parse("2026-11-24T12:00:00Z");
    disabled = [];
  });
  afterEach(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const catalog = (...paths: string[]) => syncCatalogFeeds(database.db, paths.map((p) => ({ url: server.url(p), topics: [] })), clock);
  const deps = (): PollDeps => ({
    db: database.db,
    fetcher,
    prepare: prepareHere(new TopicMatcher(listTopics(database.db))),
    log: createLogger("silent", []),
    concurrency: 8,
    baseIntervalMs: BASE,
    now: () => clock,
    onFeedDisabled: (feed) => disabled.push(feed.url),
  });
  const feed = (path: string): Feed => database.db.query.feeds.findFirst({ where: (f, { eq }) => eq(f.url, server.url(path)) }).sync()!;

  it("then an item's relative link is stored resolved against the address the feed came from, after its redirect", async () => {
    server.route("/old/feed.xml", { status: 302, headers: { location: server.url("/rss/politics.xml") }, body: "" });
    server.route("/rss/politics.xml", { body: rssFeed({ title: "R", items: [{ guid: "r1", title: "Budget passes", link: "/news/2026/budget" }] }) });
    catalog("/old/feed.xml");
    await pollDueFeeds(deps());
    expect(database.db.query.articles.findFirst().sync()?.link).toBe(server.url("/news/2026/budget"));
  });

  it("then a feed is polled again only when due, after max-age, Expires or <ttl> when they ask for longer", async () => {
    server.route("/plain.xml", { body: rssFeed({ title: "P", items: [{ guid: "1", title: "a" }] }) });
    server.route("/max-age.xml", { body: rssFeed({ title: "M", items: [{ guid: "1", title: "a" }] }), headers: { "cache-control": "public, max-age=7200" } });
    server.route("/short.xml", { body: rssFeed({ title: "S", items: [{ guid: "1", title: "a" }] }), headers: { "cache-control": "max-age=5" } });
    server.route("/ttl.xml", { body: rssFeed({ title: "T", items: [{ guid: "1", title: "a" }] }).replace("<channel>", "<channel><ttl>90</ttl>") });
    server.route("/expires.xml", { body: rssFeed({ title: "E", items: [{ guid: "1", title: "a" }] }), headers: { expires: new Date(Date.now() + 3 * HOUR).toUTCString(), date: new Date().toUTCString() } });
    catalog("/plain.xml", "/max-age.xml", "/short.xml", "/ttl.xml", "/expires.xml");
    expect(await pollDueFeeds(deps())).toHaveLength(5);
    expect(feed("/plain.xml").nextCheckAt - clock).toBe(BASE);
    expect(feed("/max-age.xml").nextCheckAt - clock).toBe(2 * HOUR);
    expect(feed("/short.xml").nextCheckAt - clock).toBe(BASE);
    expect(feed("/ttl.xml").nextCheckAt - clock).toBe(90 * 60_000);
    expect(Math.abs(feed("/expires.xml").nextCheckAt - clock - 3 * HOUR)).toBeLessThan(5000);

    clock += BASE;
    const second = await pollDueFeeds(deps());
    expect(second.map((r) => r.url).sort()).toEqual([server.url("/plain.xml"), server.url("/short.xml")]);
  });

  it("then failures back off exponentially up to a day, a success resets, and three days of failure disable the feed once", async () => {
    server.route("/flaky.xml", { status: 500, body: "oops" });
    catalog("/flaky.xml");
    const gaps: number[] = [];
    for (let i = 0; i < 10; i++) {
      await pollDueFeeds(deps());
      const f = feed("/flaky.xml");
      gaps.push(f.nextCheckAt - clock);
      clock = f.nextCheckAt;
    }
    expect(gaps.slice(0, 4)).toEqual([BASE, 2 * BASE, 4 * BASE, 8 * BASE]);
    expect(Math.max(...gaps)).toBe(MAX_INTERVAL_MS);
    expect(feed("/flaky.xml").errorStreak).toBe(10);

    server.route("/flaky.xml", { body: rssFeed({ title: "F", items: [{ guid: "1", title: "back" }] }) });
    await pollDueFeeds(deps());
    expect(feed("/flaky.xml")).toMatchObject({ errorStreak: 0, lastError: null, failingSince: null, nextCheckAt: clock + BASE });

    server.route("/flaky.xml", { status: 503, body: "down" });
    const started = clock;
    while (feed("/flaky.xml").status === "active") {
      clock = feed("/flaky.xml").nextCheckAt;
      await pollDueFeeds(deps());
    }
    expect(clock - started).toBeGreaterThanOrEqual(DISABLE_AFTER_MS);
    expect(feed("/flaky.xml").disabledReason).toContain("failing for 3 days");
    expect(disabled).toEqual([server.url("/flaky.xml")]);
    clock += 2 * MAX_INTERVAL_MS;
    expect(await pollDueFeeds(deps())).toHaveLength(0);
  });

  it("then the same story in two feeds, with tracking parameters and a trailing slash, is stored once and remembers both", async () => {
    server.route("/a.xml", { body: rssFeed({ title: "A", items: [{ guid: "a-1", title: "Summit opens", link: "https://www.news.example/story/42/?utm_source=rss&utm_medium=feed#top" }] }) });
    server.route("/b.xml", { body: rssFeed({ title: "B", items: [{ guid: "b-77", title: "Summit opens today", link: "http://news.example/story/42?fbclid=xyz" }] }) });
    catalog("/a.xml", "/b.xml");
    await pollDueFeeds(deps());
    expect(countArticles(database.db)).toBe(1);
    const article = database.db.query.articles.findFirst().sync()!;
    const extra = database.db.select().from(articleSources).all();
    expect([article.feedId, ...extra.map((s) => s.feedId)].sort()).toEqual([feed("/a.xml").id, feed("/b.xml").id].sort());
  });

  it("then an item is stored once per feed even when its guid-less link repeats, and pruned items never come back as new", async () => {
    server.route("/c.xml", {
      body: rssFeed({ title: "C", items: [{ guid: "x-1", title: "One", link: "https://c.example/1" }, { guid: "x-2", title: "Two", link: "https://c.example/2" }] }),
    });
    catalog("/c.xml");
    const first = await pollDueFeeds(deps());
    expect(first[0]!.newArticles).toBe(2);
    clock += 40 * 24 * HOUR;
    expect(pruneArticles(database.db, clock - 30 * 24 * HOUR)).toBe(2);
    expect(countArticles(database.db)).toBe(0);
    const again = await pollDueFeeds(deps());
    expect(again[0]!.outcome).toBe("stored");
    expect(again[0]!.newArticles).toBe(0);
    expect(countArticles(database.db)).toBe(0);
  });

  it("then at most two feeds of one host are fetched at once", async () => {
    let inFlight = 0;
    let most = 0;
    for (let i = 0; i < 6; i++) {
      server.route(`/slow-${i}.xml`, async (_req, res) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 100));
        inFlight--;
        res.writeHead(200, { "content-type": "application/rss+xml" });
        res.end(rssFeed({ title: "S", items: [{ guid: `s${i}`, title: "slow" }] }));
      });
    }
    catalog(...Array.from({ length: 6 }, (_, i) => `/slow-${i}.xml`));
    await pollDueFeeds(deps());
    expect(most).toBe(2);
  });

  it("then a poll cut short by shutdown leaves the feed's record as it was, due again", async () => {
    let answered = false;
    server.route("/slow.xml", (_req, res) => {
      // Answers only after the poll has been cancelled.
      setTimeout(() => {
        answered = true;
        res.end(rssFeed({ title: "S", items: [{ guid: "1", title: "a" }] }));
      }, 500);
    });
    catalog("/slow.xml");
    const stopping = new AbortController();
    const poll = pollDueFeeds({ ...deps(), signal: stopping.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    stopping.abort();
    const [result] = await poll;
    expect(answered).toBe(false);
    expect(result).toMatchObject({ outcome: "failed", error: "cancelled: the bot is stopping" });
    expect(feed("/slow.xml")).toMatchObject({ errorStreak: 0, lastError: null });
    expect(feed("/slow.xml").nextCheckAt).toBeLessThanOrEqual(clock);
  });
});

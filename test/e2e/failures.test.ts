import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rssFeed, type FeedItem } from "../helpers/feed-server.js";
import { say, startWorld, type TestWorld } from "../helpers/test-app.js";

const fresh = (n: number, prefix: string): FeedItem[] =>
  Array.from({ length: n }, (_, i) => ({ guid: `${prefix}${i}`, title: `${prefix} election report number ${i} ${"with a fairly long headline ".repeat(4)}`, description: "Voters chose a new parliament; the electoral commission announced the turnout.", link: `https://news.example/${prefix}/${i}`, pubDate: new Date() }));

describe("When Telegram or a feed misbehaves", () => {
  let world: TestWorld;

  beforeAll(async () => {
    world = await startWorld({
      catalog: (feeds) => {
        feeds.route("/good.xml", { body: rssFeed({ title: "Good", items: [{ guid: "g1", title: "Parliament opens session", link: "https://news.example/g1", pubDate: new Date() }] }), etag: '"v1"' });
        feeds.route("/broken.xml", { body: "<rss><channel><item><title>unclosed" });
        feeds.route("/html.xml", { body: "<!DOCTYPE html><html><body>Not a feed</body></html>", headers: { "content-type": "text/html" } });
        feeds.route("/missing.xml", { status: 404, body: "not here" });
        return [
          "feeds:",
          `  - url: ${feeds.url("/broken.xml")}`,
          `  - url: ${feeds.url("/good.xml")}`,
          "    name: Good News",
          `  - url: ${feeds.url("/html.xml")}`,
          `  - url: ${feeds.url("/missing.xml")}`,
          "",
        ].join("\n");
      },
      // The long-digest case needs 25 stories in one topic.
      env: { DIGEST_MAX_PER_TOPIC: "200" },
    });
  });
  afterAll(() => world?.close());

  it("then a malformed feed is recorded with its error while the good one is stored and served", async () => {
    const results = await world.app.pollFeeds({ force: true });
    const byPath = (p: string) => results.find((r) => r.url.endsWith(p))!;
    expect(byPath("/broken.xml").outcome).toBe("failed");
    expect(byPath("/html.xml").error).toContain("HTML");
    expect(byPath("/missing.xml").error).toContain("404");
    expect(byPath("/good.xml").outcome).not.toBe("failed");
    const feeds = world.app.database.db.query.feeds.findMany().sync();
    expect(feeds.find((f) => f.url.endsWith("/broken.xml"))!.lastError).toMatch(/not a readable RSS or Atom feed/);
    expect(feeds.find((f) => f.url.endsWith("/broken.xml"))!.errorStreak).toBeGreaterThanOrEqual(1);
    await say(world, 4004, "/subscribe Politics");
    expect((await say(world, 4004, "/latest")).plainText).toContain("Parliament opens session — Good News");
  });

  it("then a repoll sends the validators and a 304 is not parsed again", async () => {
    await world.app.pollFeeds({ force: true });
    const hits = world.feeds.hits("/good.xml");
    expect(hits.at(-1)!.headers["if-none-match"]).toBe('"v1"');
    const results = await world.app.pollFeeds({ force: true });
    expect(results.find((r) => r.url.endsWith("/good.xml"))!.outcome).toBe("not-modified");
    expect(world.feeds.hits("/good.xml").at(-1)!.headers["user-agent"]).toMatch(/NewsDigestBot\/.+t\.me\/news_digest_test_bot/);
  });

  it("then a 429 waits retry_after and the reply still arrives", async () => {
    world.api.failNext("sendMessage", { error_code: 429, retry_after: 1, chatId: 4004 });
    const started = Date.now();
    const reply = await say(world, 4004, "/help");
    expect(reply.plainText).toContain("/latest");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const attempts = world.api.calls.filter((c) => c.method === "sendMessage" && (c.payload as { chat_id?: number }).chat_id === 4004 && c.at >= started);
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
  });

  // 120 stories, in more messages, are delivered on a fake clock in test/delivery/sender.test.ts.
  it("then a long digest is split into valid messages within 4096 characters", async () => {
    world.feeds.route("/good.xml", { body: rssFeed({ title: "Good", items: fresh(25, "long") }) });
    await world.app.pollFeeds({ force: true });
    const since = world.api.mark();
    world.api.sendUserMessage(4004, "/digest");
    await world.api.waitForMessage(4004, (m) => m.plainText.includes("long election report number 24 "), { since, timeoutMs: 10_000 });
    await world.app.sender.drained();
    const sent = world.api.calls.slice(since).filter((c) => c.method === "sendMessage" && c.ok);
    expect(sent.length).toBeGreaterThan(1);
    const text = sent.map((c) => c.message!.plainText).join("\n");
    for (let i = 0; i < 25; i++) expect(text.match(new RegExp(`long election report number ${i} `, "g"))).toHaveLength(1);
    for (const call of sent) expect(call.message!.plainText.length).toBeLessThanOrEqual(4096);
    expect(world.api.calls.slice(since).filter((c) => c.method === "sendMessage" && !c.ok)).toHaveLength(0);
  });

  it("then a 403 marks the user inactive: no more digests until /start", async () => {
    world.feeds.route("/good.xml", { body: rssFeed({ title: "Good", items: fresh(3, "blocked") }) });
    await world.app.pollFeeds({ force: true });
    world.api.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user", chatId: 4004, times: Infinity });
    const since = world.api.mark();
    world.clock.advance(24 * 3_600_000);
    world.app.runDueDigests();
    await world.api.waitForCall((c) => c.method === "sendMessage" && c.status === 403, { since, timeoutMs: 5000 });
    await world.app.sender.drained();
    const subscriber = world.app.database.db.query.subscribers.findFirst({ where: (s, { eq }) => eq(s.chatId, 4004) }).sync();
    expect(subscriber!.active).toBe(false);
    const attempts = world.api.calls.slice(since).filter((c) => c.method === "sendMessage").length;
    const queued = () => world.app.database.db.$client.prepare("SELECT count(*) FROM outbox WHERE chat_id = 4004").pluck().get() as number;
    const queuedBefore = queued();
    // A day later the user is due again, with news; the digest run (the job's, or this one) composes nothing for them.
    world.feeds.route("/good.xml", { body: rssFeed({ title: "Good", items: [...fresh(3, "blocked"), ...fresh(2, "later")] }) });
    await world.app.pollFeeds({ force: true });
    world.clock.advance(24 * 3_600_000);
    world.app.runDueDigests();
    await world.app.sender.drained();
    expect(queued()).toBe(queuedBefore);
    expect(world.api.calls.slice(since).filter((c) => c.method === "sendMessage").length).toBe(attempts);

    world.api.clearFailures();
    await say(world, 4004, "/start");
    expect(world.app.database.db.query.subscribers.findFirst({ where: (s, { eq }) => eq(s.chatId, 4004) }).sync()!.active).toBe(true);
  });

  it("then setMyCommands failing is logged and the bot runs on", async () => {
    world.api.failNext("setMyCommands", { error_code: 500, description: "Internal Server Error" });
    await world.restart();
    expect(world.logs.some((l) => l.includes("setMyCommands failed"))).toBe(true);
    expect((await say(world, 4004, "/help")).plainText).toContain("/latest");
  });

  it("then the token never appears in the logs, even when Telegram is unreachable", async () => {
    const since = world.api.mark();
    world.api.setDown(true);
    world.api.sendUserMessage(4004, "/help");
    await world.api.waitForCall((c) => c.method === "getUpdates" && c.status === 502, { since, timeoutMs: 5000 });
    world.api.setDown(false);
    await say(world, 4004, "/help");
    const all = world.logs.join("\n");
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain(world.api.token);
    expect(all).not.toContain(world.api.token.split(":")[1]);
  });

  it("then articles past ARTICLE_RETENTION_DAYS (30) are pruned and do not come back as new on the next poll", async () => {
    const stored = () => world.app.database.db.query.articles.findMany().sync().length;
    world.feeds.route("/good.xml", { body: rssFeed({ title: "Good", items: fresh(3, "retained") }) });
    await world.app.pollFeeds({ force: true });
    const before = stored();
    expect(before).toBeGreaterThanOrEqual(3);
    world.clock.advance(29 * 24 * 3_600_000);
    world.app.pruneOld();
    expect(world.app.database.db.query.articles.findMany().sync().filter((a) => a.title.startsWith("retained"))).toHaveLength(3);
    world.clock.advance(2 * 24 * 3_600_000);
    world.app.pruneOld();
    expect(stored()).toBe(0);
    // A changed document (a 200, not a 304) that still lists the pruned items.
    world.feeds.route("/good.xml", { body: rssFeed({ title: "Good, again", items: fresh(3, "retained") }) });
    const results = await world.app.pollFeeds({ force: true });
    expect(results.find((r) => r.url.endsWith("/good.xml"))).toMatchObject({ outcome: "stored", newArticles: 0 });
    expect(stored()).toBe(0);
  });
});


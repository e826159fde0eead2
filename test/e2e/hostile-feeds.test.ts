import { Readable } from "node:stream";
import { createGzip } from "node:zlib";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Feed } from "../../src/db/schema.js";
import { isPrivateAddress } from "../../src/feeds/address-guard.js";
import { rssFeed } from "../helpers/feed-server.js";
import { say, startWorld, type TestWorld } from "../helpers/test-app.js";

const ADMIN = 9001;
const MiB = 1024 * 1024;

/** gzip of `size` zero bytes: a small body that inflates enormously. */
async function gzipBomb(size: number): Promise<Buffer> {
  const chunk = Buffer.alloc(MiB);
  const source = Readable.from((function* () {
    for (let sent = 0; sent < size; sent += MiB) yield chunk;
  })());
  const parts: Buffer[] = [];
  for await (const part of source.pipe(createGzip({ level: 9 }))) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

describe("When feeds are hostile or broken", () => {
  let world: TestWorld;
  let bomb: Buffer;
  const paths = ["/good.xml", "/stall.xml", "/huge.xml", "/bomb.xml", "/loop-a", "/to-localhost", "/to-metadata", "/cp1251.xml", "/page.html", "/empty.xml", "/missing.xml", "/gone.xml", "/busy.xml", "/old.xml"];
  let feeds: Feed[];
  const feedAt = (path: string) => feeds.find((f) => f.url.endsWith(path))!;

  beforeAll(async () => {
    bomb = await gzipBomb(100 * MiB);
    world = await startWorld({
      feedHost: "127.0.0.2",
      // The feed server stands in for a public host; every other private address stays refused.
      isBlockedAddress: (address) => address !== "127.0.0.2" && isPrivateAddress(address),
      env: { FEEDS_ALLOW_PRIVATE: "false", FETCH_TIMEOUT_MS: "1500", ADMIN_CHAT_IDS: String(ADMIN) },
      catalog: (server) => {
        const origin = server.origin;
        const port = new URL(origin).port;
        server.route("/good.xml", { body: rssFeed({ title: "Good", items: [{ guid: "g1", title: "Parliament opens session", link: "https://news.example/g1", pubDate: new Date() }] }) });
        server.route("/stall.xml", (_req, res) => {
          res.writeHead(200, { "content-type": "application/rss+xml" });
          res.write("<?xml version='1.0'?><rss version='2.0'><channel><title>Slow</title>");
        });
        server.route("/huge.xml", (_req, res) => {
          res.writeHead(200, { "content-type": "application/rss+xml" });
          const chunk = Buffer.alloc(MiB, 0x20);
          let sent = 0;
          const pump = () => {
            while (sent < 50 && res.write(chunk)) sent++;
            if (sent >= 50) res.end();
            else res.once("drain", () => { sent++; pump(); });
          };
          res.on("error", () => undefined);
          pump();
        });
        server.route("/bomb.xml", { body: bomb, headers: { "content-encoding": "gzip", "content-type": "application/rss+xml" } });
        server.route("/loop-a", { status: 302, body: "", headers: { location: "/loop-b" } });
        server.route("/loop-b", { status: 302, body: "", headers: { location: "/loop-a" } });
        server.route("/to-localhost", { status: 302, body: "", headers: { location: `http://127.0.0.1:${port}/good.xml` } });
        server.route("/to-metadata", { status: 302, body: "", headers: { location: "http://169.254.169.254/latest/meta-data/" } });
        const cyrillic = rssFeed({ title: "Новости", items: [{ guid: "c1", title: "Верховна Рада ухвалила бюджет", link: "https://news.example/c1", pubDate: new Date() }] }).replace('encoding="UTF-8"', 'encoding="windows-1251"');
        server.route("/cp1251.xml", { body: iconv.encode(cyrillic, "windows-1251"), headers: { "content-type": "application/rss+xml; charset=windows-1251" } });
        server.route("/page.html", { body: "<!DOCTYPE html><html><head><title>Home</title></head><body><p>Welcome</p></body></html>", headers: { "content-type": "text/html; charset=utf-8" } });
        server.route("/empty.xml", { body: "" });
        server.route("/missing.xml", { status: 404, body: "Not Found" });
        server.route("/gone.xml", { status: 410, body: "Gone" });
        server.route("/busy.xml", { status: 429, body: "slow down", headers: { "retry-after": "7200" } });
        server.route("/old.xml", { status: 301, body: "", headers: { location: "/new.xml" } });
        server.route("/new.xml", { body: rssFeed({ title: "Moved", items: [{ guid: "m1", title: "Minister speaks from the moved feed", link: "https://news.example/m1", pubDate: new Date() }] }) });
        return `feeds:\n${paths.map((p) => `  - url: ${origin}${p}\n`).join("")}`;
      },
    });
    feeds = world.app.database.db.query.feeds.findMany().sync();
  }, 30_000);
  afterAll(() => world?.close());

  it("then the good feed is ingested and the bot answers, whatever the others did", async () => {
    expect(feedAt("/good.xml").lastError).toBeNull();
    await say(world, 8008, "/subscribe Politics");
    const latest = await say(world, 8008, "/latest");
    expect(latest.plainText).toContain("Parliament opens session");
  });

  it.each([
    ["/stall.xml", /timed out/],
    ["/huge.xml", /larger than the 10485760-byte limit/],
    ["/bomb.xml", /larger than the 10485760-byte limit/],
    ["/loop-a", /redirect loop/],
    ["/to-localhost", /127\.0\.0\.1.*private/],
    ["/to-metadata", /169\.254\.169\.254.*private/],
    ["/page.html", /HTML, not an RSS or Atom feed/],
    ["/empty.xml", /empty response/],
    ["/missing.xml", /HTTP 404/],
  ])("then %s is recorded on the feed with a clear error", (path, error) => {
    const feed = feedAt(path);
    expect(feed.lastError).toMatch(error);
    expect(feed.errorStreak).toBe(1);
    expect(feed.status).toBe("active");
    expect(feed.nextCheckAt).toBeGreaterThan(feed.lastPolledAt!);
  });

  it("then a windows-1251 feed's Cyrillic title is stored correctly", async () => {
    expect(feedAt("/cp1251.xml").lastError).toBeNull();
    const latest = await say(world, 8008, "/latest");
    expect(latest.plainText).toContain("Верховна Рада ухвалила бюджет");
  });

  it("then 410 Gone disables the feed and tells the admins once", async () => {
    const gone = feedAt("/gone.xml");
    expect(gone.status).toBe("disabled");
    expect(gone.disabledReason).toContain("410");
    const notice = await world.api.waitForMessage(ADMIN, (m) => m.plainText.includes("Feed disabled"), { since: 0, timeoutMs: 5000 });
    expect(notice.plainText).toContain("/gone.xml");
    await world.app.pollFeeds({ force: true });
    await new Promise((r) => setTimeout(r, 300));
    expect(world.api.messages(ADMIN).filter((m) => m.plainText.includes("Feed disabled"))).toHaveLength(1);
    expect(world.feeds.hitCount("/gone.xml")).toBe(1);
  });

  it("then 429 with Retry-After puts the next check after the pause", () => {
    const busy = feedAt("/busy.xml");
    expect(busy.lastError).toContain("HTTP 429");
    expect(busy.nextCheckAt - busy.lastPolledAt!).toBeGreaterThanOrEqual(7200 * 1000 - 5000);
  });

  it("then a 301 moves the feed: its items are stored and the next poll goes to the new address", async () => {
    const moved = feedAt("/old.xml");
    expect(moved.fetchUrl).toBe(`${world.feeds.origin}/new.xml`);
    const before = world.feeds.hitCount("/old.xml");
    await world.app.pollFeeds({ force: true });
    expect(world.feeds.hitCount("/old.xml")).toBe(before);
    expect((await say(world, 8008, "/latest")).plainText).toContain("Minister speaks from the moved feed");
  });

  it("then /feeds shows admins each feed's health, and refuses everyone else", async () => {
    expect((await say(world, 8008, "/feeds")).plainText).toContain("operators only");
    const report = await say(world, ADMIN, "/feeds");
    expect(report.plainText).toMatch(/14 feeds, 13 active/);
    expect(report.plainText).toContain("disabled: 410 Gone");
    expect(report.plainText).toMatch(/last error: HTTP 404/);
    expect(report.plainText).toMatch(/items\/day/);
  });
});

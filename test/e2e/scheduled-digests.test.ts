import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rssFeed, type FeedItem } from "../helpers/feed-server.js";
import { say, startWorld, type TestWorld } from "../helpers/test-app.js";

const MINUTE = 60_000;

/** The instant of the next HH:MM in UTC after `from`. */
function nextUtc(from: number, hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  const d = new Date(from);
  let t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), h, m);
  if (t <= from) t += 24 * 60 * MINUTE;
  return t;
}

function hhmm(instant: number): string {
  const d = new Date(instant);
  return `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
}

describe("When a user has a digest time", () => {
  let world: TestWorld;
  const items: FeedItem[] = [
    { guid: "a1", title: "Election results announced", link: "https://news.example/a1", pubDate: new Date() },
    { guid: "a2", title: "President and parliament in Ukraine talks", link: "https://news.example/a2", pubDate: new Date() },
  ];
  const serveFeed = () => world.feeds.route("/feed.xml", { body: rssFeed({ title: "Wire", items }) });

  beforeAll(async () => {
    world = await startWorld({
      catalog: (feeds) => {
        feeds.route("/feed.xml", { body: rssFeed({ title: "Wire", items }) });
        return `feeds:\n  - url: ${feeds.url("/feed.xml")}\n    name: Wire\n`;
      },
    });
    await say(world, 3003, "/start");
    await say(world, 3003, "/subscribe Politics");
    await say(world, 3003, "/subscribe Ukraine");
  });
  afterAll(() => world?.close());

  const digestsTo = (chatId: number) => world.api.messages(chatId).filter((m) => m.plainText.includes("Your news digest"));

  it("then at that time one digest arrives with every new article once, though one matches two topics", async () => {
    const at = nextUtc(world.clock.now(), "06:15");
    expect((await say(world, 3003, `/time ${hhmm(at)}`)).plainText).toContain(`Digests at ${hhmm(at)} (UTC)`);
    world.clock.set(at - MINUTE);
    // A minute early the digest run (this one, or the job's every second) finds nobody due, and nothing is sent.
    expect(world.app.runDueDigests().due).toBe(0);
    await world.app.sender.drained();
    expect(digestsTo(3003)).toHaveLength(0);

    const since = world.api.mark();
    world.clock.set(at + 1000);
    const digest = await world.api.waitForMessage(3003, (m) => m.plainText.includes("Your news digest"), { since, timeoutMs: 5000 });
    expect(digest.plainText).toContain("Election results announced");
    expect(digest.plainText.match(/President and parliament in Ukraine talks/g)).toHaveLength(1);
    // The next run finds nobody due any more: no second digest.
    expect(world.app.runDueDigests().due).toBe(0);
    await world.app.sender.drained();
    expect(digestsTo(3003)).toHaveLength(1);
  });

  it("then the next day's digest has only what arrived since, and nothing is sent when nothing is new", async () => {
    items.push({ guid: "a3", title: "Minister resigns over scandal", link: "https://news.example/a3", pubDate: new Date(world.clock.now()) });
    serveFeed();
    await world.app.pollFeeds({ force: true });
    const since = world.api.mark();
    world.clock.advance(24 * 60 * MINUTE);
    const digest = await world.api.waitForMessage(3003, (m) => m.plainText.includes("Your news digest"), { since, timeoutMs: 5000 });
    expect(digest.plainText).toContain("Minister resigns");
    expect(digest.plainText).not.toContain("Election results");

    world.clock.advance(24 * 60 * MINUTE);
    // Due again with nothing new: whichever run takes the user (this one or the job's) queues nothing.
    expect(world.app.runDueDigests().queued).toBe(0);
    await world.app.sender.drained();
    expect(digestsTo(3003)).toHaveLength(2);
  });

  it("then after a restart no article is sent again, and new ones still are", async () => {
    await world.restart();
    items.push({ guid: "a4", title: "Government unveils climate plan", link: "https://news.example/a4", pubDate: new Date(world.clock.now()) });
    serveFeed();
    await world.app.pollFeeds({ force: true });
    const since = world.api.mark();
    world.clock.advance(24 * 60 * MINUTE);
    const digest = await world.api.waitForMessage(3003, (m) => m.plainText.includes("Your news digest"), { since, timeoutMs: 5000 });
    expect(digest.plainText).toContain("Government unveils climate plan");
    for (const old of ["Election results", "Minister resigns", "President and parliament"]) expect(digest.plainText).not.toContain(old);
  });

  it("then /pause stops scheduled digests and /resume restarts them", async () => {
    expect((await say(world, 3003, "/pause")).plainText).toContain("paused");
    items.push({ guid: "a5", title: "Senate votes on new law", link: "https://news.example/a5", pubDate: new Date(world.clock.now()) });
    serveFeed();
    await world.app.pollFeeds({ force: true });
    world.clock.advance(24 * 60 * MINUTE);
    expect(world.app.runDueDigests()).toMatchObject({ due: 0, queued: 0 });
    await world.app.sender.drained();
    expect(digestsTo(3003)).toHaveLength(3);
    expect((await say(world, 3003, "/resume")).plainText).toMatch(/Next: .+, 06:15/);
  });

  it("then /timezone moves the digest to the same local time elsewhere, and bad input is explained", async () => {
    const bad = await say(world, 3003, "/timezone Mars/Olympus");
    expect(bad.plainText).toContain("not a timezone I know");
    const good = await say(world, 3003, "/timezone asia/baku");
    expect(good.plainText).toContain("Digests at 06:15 (Asia/Baku)");
    const badTime = await say(world, 3003, "/time 25:99");
    expect(badTime.plainText).toContain("not a time of day");
    expect((await say(world, 3003, "/time 7:30, 19:00")).plainText).toContain("Digests at 07:30 and 19:00 (Asia/Baku)");
  });
});

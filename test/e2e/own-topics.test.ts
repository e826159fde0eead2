import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rssFeed, type FeedServer } from "../helpers/feed-server.js";
import { askForDigest, buttonsOf, say, startWorld, type TestWorld } from "../helpers/test-app.js";

const HOUR = 3_600_000;
const RULE = "Mariupol OR Mykolaiv -sport";

function serveNews(feeds: FeedServer, extra: { guid: string; title: string; description?: string }[] = []): void {
  const published = new Date(Date.now() - HOUR);
  const items = [
    { guid: "m1", title: "Mariupol theatre rebuilt, officials say", description: "Reconstruction of the drama theatre is complete." },
    { guid: "m2", title: "Mykolaiv water supply restored after two years", description: "The city has drinking water again." },
    { guid: "m3", title: "Mariupol sport club returns to the league", description: "Football in exile." },
    { guid: "k1", title: "Kyiv metro extends its night service", description: "Three stations stay open until 2 am." },
    { guid: "k2", title: "Kyiv hosts a book fair", description: "Publishers from 20 countries." },
    ...extra,
  ].map((item) => ({ ...item, link: `https://news.example/${item.guid}`, pubDate: published }));
  feeds.route("/news.xml", { body: rssFeed({ title: "Wire", items }) });
}

describe("When a user follows words of their own", () => {
  let world: TestWorld;

  beforeAll(async () => {
    world = await startWorld({
      catalog: (feeds) => {
        serveNews(feeds);
        return `feeds:\n  - url: ${feeds.url("/news.xml")}\n    name: Wire\n`;
      },
    });
  });
  afterAll(() => world?.close());

  it("then /follow creates the topic and matches it against the articles already stored", async () => {
    const reply = await say(world, 3001, `/follow ${RULE}`);
    expect(reply.plainText).toContain(`You now follow ${RULE}`);
    const latest = await say(world, 3001, `/latest ${RULE}`);
    expect(latest.plainText).toContain("Mariupol theatre rebuilt");
    expect(latest.plainText).toContain("Mykolaiv water supply restored");
    expect(latest.plainText).not.toContain("sport club");
    expect(latest.plainText).not.toContain("Kyiv");
  });

  it("then the same rule written another way is already followed, and /topics lists it beside the catalog's", async () => {
    expect((await say(world, 3001, "/follow  mariupol   OR MYKOLAIV  -sport")).plainText).toContain(`You already follow ${RULE}`);
    const topics = await say(world, 3001, "/topics");
    expect(topics.plainText).toContain(`Your own topics`);
    expect(topics.plainText).toContain(`🔎 ${RULE}`);
    expect(buttonsOf(topics).some((b) => b.text.includes("Politics"))).toBe(true);
  });

  it("then words side by side must all be there, and articles stored later are matched as they arrive", async () => {
    await say(world, 3001, "/follow Kyiv metro");
    serveNews(world.feeds, [{ guid: "k3", title: "Kyiv metro opens a new station", description: "The first in ten years." }]);
    await world.app.pollFeeds({ force: true });
    const latest = await say(world, 3001, "/latest Kyiv metro");
    expect(latest.plainText).toContain("Kyiv metro extends its night service");
    expect(latest.plainText).toContain("Kyiv metro opens a new station");
    expect(latest.plainText).not.toContain("book fair");
  });

  it("then the digest shows each own topic under its own heading", async () => {
    const digest = await askForDigest(world, 3001);
    expect(digest.plainText).toMatch(new RegExp(`🔎 ${RULE}\\n• Mariupol theatre rebuilt.*\\n• Mykolaiv water supply`));
    expect(digest.plainText).toMatch(/🔎 Kyiv metro\n• Kyiv metro/);
    expect(digest.plainText).not.toContain("book fair");
  });

  it("then a broken rule, a rule past 200 characters and the 21st topic get a clear answer and change nothing", async () => {
    const broken = await say(world, 3002, '/follow Kyiv OR "metro');
    expect(broken.plainText).toContain("A quote is never closed.");
    const long = await say(world, 3002, `/follow ${"x".repeat(10_000)}`);
    expect(long.plainText).toContain("A rule can be at most 200 characters");
    for (let i = 1; i <= 20; i++) expect((await say(world, 3002, `/follow word${i}`)).plainText).toContain(`You now follow word${i}`);
    const over = await say(world, 3002, "/follow word21");
    expect(over.plainText).toContain("You already follow 20 topics of your own");
    expect((await say(world, 3002, "/unfollow")).inlineKeyboard?.flat()).toHaveLength(20);
  });

  it("then /unfollow by name or by button removes it, and a forged button for another chat's topic removes nothing", async () => {
    const list = await say(world, 3001, "/unfollow");
    const button = buttonsOf(list).find((b) => b.text.includes("Kyiv metro"))!;
    // Chat 3002 sends a button press naming chat 3001's topic.
    let since = world.api.mark();
    world.api.pushUpdate({
      callback_query: { id: "forged-unfollow", from: { id: 3002, is_bot: false, first_name: "Taras" }, chat_instance: "x", data: button.data, message: { message_id: list.messageId, date: 0, chat: { id: 3002, type: "private", first_name: "Taras" } } },
    } as never);
    let answer = await world.api.waitForCall("answerCallbackQuery", { since });
    expect(String((answer.payload as { text?: string }).text)).toContain("already gone");
    expect((await say(world, 3001, "/latest Kyiv metro")).plainText).toContain("Kyiv metro opens");

    since = world.api.mark();
    world.api.pressButton(3001, list.messageId, button.data);
    answer = await world.api.waitForCall("answerCallbackQuery", { since });
    expect(String((answer.payload as { text?: string }).text)).toContain("Stopped following Kyiv metro");
    await world.api.waitForCall("editMessageText", { since });
    expect((await say(world, 3001, "/unfollow")).plainText).toContain("Your own topics (1 of 20)");

    expect((await say(world, 3002, "/unfollow WORD7")).plainText).toContain("You no longer follow word7");
    expect((await say(world, 3002, "/unfollow word7")).plainText).toContain("You have no topic of your own called");
    expect((await say(world, 3002, "/unfollow politics")).plainText).toContain("/unsubscribe Politics");
  });
});

describe("When the operator edits a catalog topic's keywords", () => {
  let world: TestWorld;
  const catalog = (url: string, keywords: string) => `feeds:\n  - url: ${url}\n    name: Wire\ntopics:\n  - name: Transport\n    keywords: [${keywords}]\n`;

  beforeAll(async () => {
    world = await startWorld({
      catalog: (feeds) => {
        serveNews(feeds, [{ guid: "f1", title: "Bus fares rise in Kyiv", description: "From Monday." }]);
        return catalog(feeds.url("/news.xml"), "metro");
      },
    });
  });
  afterAll(() => world?.close());

  it("then at the next start the articles already stored are matched against the new keywords", async () => {
    await say(world, 3101, "/subscribe Transport");
    expect((await say(world, 3101, "/latest Transport")).plainText).not.toContain("Bus fares");
    writeFileSync(world.config.catalogFile, catalog(world.feeds.url("/news.xml"), "metro, fare*"));
    await world.restart();
    const latest = await say(world, 3101, "/latest Transport");
    expect(latest.plainText).toContain("Bus fares rise in Kyiv");
    expect(latest.plainText).toContain("Kyiv metro extends its night service");
  });
});

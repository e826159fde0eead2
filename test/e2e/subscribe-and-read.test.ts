import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rssFeed } from "../helpers/feed-server.js";
import { askForDigest, buttonsOf, say, startWorld, type TestWorld } from "../helpers/test-app.js";

const HOUR = 3_600_000;

describe("When a user subscribes and reads the news", () => {
  let world: TestWorld;
  const published = new Date(Date.now() - 2 * HOUR);

  beforeAll(async () => {
    world = await startWorld({
      catalog: (feeds) => {
        feeds.route("/world.xml", {
          body: rssFeed({
            title: "World Wire",
            items: [
              { guid: "w1", title: "Parliament passes budget after long night", link: "https://news.example/budget", pubDate: published, categories: ["Politics"] },
              { guid: "w2", title: "Kyiv hosts reconstruction summit", link: "https://news.example/kyiv", pubDate: published },
              { guid: "w3", title: "Tom & Jerry <3 \"quotes\" in the headline", description: "MPs quoted the cartoon in a parliament debate on taxes.", link: "https://news.example/q?a=1&b=2", pubDate: published, categories: ["Politics"] },
              { guid: "w4", title: "Local bakery wins award", link: "https://news.example/bakery", pubDate: published },
            ],
          }),
        });
        const many = Array.from({ length: 25 }, (_, i) => ({ guid: `s${i}`, title: `Match report ${i}`, link: `https://sport.example/${i}`, pubDate: new Date(Date.now() - i * 60_000) }));
        feeds.route("/sport.xml", { body: rssFeed({ title: "Sport Desk", items: many }) });
        return `feeds:\n  - url: ${feeds.url("/world.xml")}\n    name: World Wire\n  - url: ${feeds.url("/sport.xml")}\n    name: Sport Desk\n    topics: [Sports]\n`;
      },
    });
  });
  afterAll(() => world?.close());

  it("then /start greets and shows one button per topic", async () => {
    const reply = await say(world, 1001, "/start");
    expect(reply.plainText).toContain("Hi Olena");
    const buttons = buttonsOf(reply).map((b) => b.text);
    expect(buttons).toHaveLength(9);
    expect(buttons.some((b) => b.includes("Politics"))).toBe(true);
    expect(buttons.every((b) => !b.startsWith("✅"))).toBe(true);
  });

  it("then tapping a topic ticks it in place and answers the tap", async () => {
    const picker = world.api.messages(1001).at(-1)!;
    const ukraine = buttonsOf(picker).find((b) => b.text.includes("Ukraine"))!;
    const since = world.api.mark();
    const update = world.api.pressButton(1001, picker.messageId, ukraine.data);
    await world.api.waitForCall("editMessageReplyMarkup", { since });
    expect(world.api.isCallbackAnswered(update.callback_query!.id)).toBe(true);
    const edited = world.api.messages(1001).find((m) => m.messageId === picker.messageId)!;
    expect(buttonsOf(edited).find((b) => b.text.includes("Ukraine"))!.text).toMatch(/^✅/);
  });

  it("then /subscribe works by name in any case, and an unknown name gets the closest ones", async () => {
    expect((await say(world, 1001, "/subscribe politics")).plainText).toBe("✅ You now follow Politics.");
    expect((await say(world, 1001, "/subscribe POLITICS")).plainText).toBe("You already follow Politics.");
    const unknown = await say(world, 1001, "/subscribe Politcs");
    expect(unknown.plainText).toContain("no topic called “Politcs”");
    expect(unknown.plainText).toContain("Politics");
  });

  it("then /latest lists linked headlines of their topics with source and age, escaped", async () => {
    const reply = await say(world, 1001, "/latest");
    expect(reply.plainText).toContain("Parliament passes budget after long night — World Wire, 2 h ago");
    expect(reply.plainText).toContain("Kyiv hosts reconstruction summit");
    expect(reply.plainText).toContain('Tom & Jerry <3 "quotes" in the headline');
    expect(reply.plainText).not.toContain("bakery");
    expect(reply.text).toContain('<a href="https://news.example/q?a=1&amp;b=2">');
  });

  it("then /latest for one topic shows only that topic", async () => {
    const reply = await say(world, 1001, "/latest ukraine");
    expect(reply.plainText).toContain("Latest in Ukraine");
    expect(reply.plainText).toContain("Kyiv hosts");
    expect(reply.plainText).not.toContain("Parliament");
  });

  it("then /digest sends everything new once, grouped by topic, and a second /digest says nothing is new", async () => {
    const digest = await askForDigest(world, 1001);
    expect(digest.plainText).toMatch(/Politics\n• Parliament passes budget/);
    expect(digest.plainText).toMatch(/Ukraine\n• Kyiv hosts/);
    expect(digest.plainText.match(/Tom & Jerry/g)).toHaveLength(1);
    const again = await say(world, 1001, "/digest");
    expect(again.plainText).toMatch(/^Nothing new since \d\d:\d\d\.$/);
  });

  it("then /latest pages on with More and back to the newest, editing the message in place", async () => {
    const first = await say(world, 1001, "/latest sports");
    expect(first.plainText.match(/Match report \d+/g)).toEqual(Array.from({ length: 10 }, (_, i) => `Match report ${i}`));
    const more = (m: typeof first) => buttonsOf(m).find((b) => b.text.startsWith("More"));
    const page = async (label: "More" | "« Newest") => {
      const current = world.api.messages(1001).find((m) => m.messageId === first.messageId)!;
      const button = buttonsOf(current).find((b) => b.text.startsWith(label))!;
      const since = world.api.mark();
      world.api.pressButton(1001, first.messageId, button.data);
      await world.api.waitForCall("editMessageText", { since });
      return world.api.messages(1001).find((m) => m.messageId === first.messageId)!;
    };
    const second = await page("More");
    expect(second.plainText.match(/Match report \d+/g)).toEqual(Array.from({ length: 10 }, (_, i) => `Match report ${i + 10}`));
    const third = await page("More");
    expect(third.plainText.match(/Match report \d+/g)).toEqual(Array.from({ length: 5 }, (_, i) => `Match report ${i + 20}`));
    expect(more(third)).toBeUndefined();
    expect((await page("« Newest")).plainText).toContain("Match report 0");
  });

  it("then /unsubscribe stops a topic and says so", async () => {
    expect((await say(world, 1001, "/subscribe sports")).plainText).toBe("✅ You now follow Sports.");
    expect((await say(world, 1001, "/unsubscribe Sports")).plainText).toBe("You no longer follow Sports.");
    expect((await say(world, 1001, "/unsubscribe sports")).plainText).toBe("You were not following Sports.");
    expect((await say(world, 1001, "/latest")).plainText).not.toContain("Match report");
  });

  it("then a user with no topics is told how to subscribe", async () => {
    expect((await say(world, 2002, "/latest")).plainText).toContain("/topics");
  });

  it("then nonsense, unknown commands and 10,000 characters get a clear answer", async () => {
    expect((await say(world, 2002, "hello?")).plainText).toContain("/help");
    expect((await say(world, 2002, "/frobnicate")).plainText).toContain("I don't know that command");
    const long = await say(world, 2002, `/subscribe ${"x".repeat(10_000)}`);
    expect(long.plainText).toContain("no topic called");
    expect(long.plainText.length).toBeLessThan(500);
  });

  it("then a forged button is answered and changes nothing", async () => {
    const picker = world.api.messages(1001).find((m) => buttonsOf(m).length > 0)!;
    const since = world.api.mark();
    world.api.pushUpdate({
      callback_query: { id: "forged-1", from: { id: 1001, is_bot: false, first_name: "Olena" }, chat_instance: "x", data: "topic:99999", message: { message_id: picker.messageId, date: 0, chat: { id: 1001, type: "private", first_name: "Olena" } } },
    } as never);
    const answer = await world.api.waitForCall("answerCallbackQuery", { since });
    expect(String((answer.payload as { text?: string }).text)).toContain("no longer offered");
    expect((await say(world, 1001, "/latest")).plainText).toContain("Parliament");
  });

  it("then /preview counts the last day's articles a rule matches and shows the newest, escaped", async () => {
    const either = await say(world, 1002, "/preview kyiv OR BUDGET");
    expect(either.plainText).toContain("2 articles of the last 24 hours match kyiv OR BUDGET");
    expect(either.plainText).toContain("Parliament passes budget after long night — World Wire");
    expect(either.plainText).toContain("Kyiv hosts reconstruction summit");
    const narrowed = await say(world, 1002, "/preview category:politics -budget");
    expect(narrowed.plainText).toContain('1 article of the last 24 hours match category:politics -budget');
    expect(narrowed.plainText).toContain('Tom & Jerry <3 "quotes" in the headline');
    const many = await say(world, 1002, "/preview match*");
    expect(many.plainText).toContain("25 articles of the last 24 hours match match*; the newest 5:");
    expect(many.plainText.match(/Match report/g)).toHaveLength(5);
  });

  it("then /preview explains a broken rule and points at the problem, and treats FTS5 or SQL as text", async () => {
    const unclosed = await say(world, 1002, '/preview Kyiv OR "reconstruction summit');
    expect(unclosed.plainText).toContain("A quote is never closed.");
    expect(unclosed.plainText).toContain('Kyiv OR "reconstruction summit\n        ^');
    const long = await say(world, 1002, `/preview ${"x".repeat(10_000)}`);
    expect(long.plainText).toContain("A rule can be at most 200 characters");
    const sql = await say(world, 1002, "/preview '; DROP TABLE articles; -- NEAR(budget)");
    expect(sql.plainText).toContain("No article of the last 24 hours matches");
    expect((await say(world, 1002, "/preview")).plainText).toContain("/preview Mariupol OR Mykolaiv -sport");
    expect((await say(world, 1002, "/preview budget")).plainText).toContain("1 article");
  });

  it("then /help lists the commands and they were registered with setMyCommands", async () => {
    const help = await say(world, 1001, "/help");
    for (const command of ["/start", "/topics", "/subscribe", "/unsubscribe", "/latest", "/digest", "/settings", "/help"]) expect(help.plainText).toContain(command);
    const registered = world.api.commands().map((c) => c.command);
    expect(registered).toEqual(expect.arrayContaining(["start", "topics", "subscribe", "unsubscribe", "latest", "digest", "settings", "help"]));
  });
});

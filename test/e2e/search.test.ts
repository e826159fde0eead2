import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rssFeed } from "../helpers/feed-server.js";
import { buttonsOf, say, startWorld, type TestWorld } from "../helpers/test-app.js";

const MINUTE = 60_000;

describe("When a user searches the stored articles", () => {
  let world: TestWorld;

  beforeAll(async () => {
    world = await startWorld({
      catalog: (feeds) => {
        const items = [
          ...Array.from({ length: 23 }, (_, i) => ({ guid: `k${i}`, title: `Kyiv report ${i}`, description: "From the capital.", pubDate: new Date(Date.now() - (i + 1) * MINUTE) })),
          { guid: "c1", title: "Київ: нова станція метро", description: "Відкриття.", pubDate: new Date(Date.now() - 30 * MINUTE) },
          { guid: "c2", title: "Zélensky signs the budget & the tax law", description: "Parliament & president agree.", pubDate: new Date(Date.now() - 40 * MINUTE), categories: ["Politics"] },
          { guid: "c3", title: "Bakery opens in Lviv", description: "Fresh bread.", pubDate: new Date(Date.now() - 50 * MINUTE) },
        ].map((item) => ({ ...item, link: `https://news.example/${item.guid}` }));
        feeds.route("/news.xml", { body: rssFeed({ title: "Wire", items }) });
        return `feeds:\n  - url: ${feeds.url("/news.xml")}\n    name: Wire\n`;
      },
    });
  });
  afterAll(() => world?.close());

  it("then /search lists the matches newest first, ten a page, and More and Newest page through them in place", async () => {
    const first = await say(world, 4001, "/search kyiv");
    expect(first.plainText).toContain("🔎 23 articles match kyiv\n");
    expect(first.plainText.match(/Kyiv report \d+/g)).toEqual(Array.from({ length: 10 }, (_, i) => `Kyiv report ${i}`));
    const press = async (label: string) => {
      const current = world.api.messages(4001).find((m) => m.messageId === first.messageId)!;
      const since = world.api.mark();
      world.api.pressButton(4001, first.messageId, buttonsOf(current).find((b) => b.text.startsWith(label))!.data);
      await world.api.waitForCall("editMessageText", { since });
      return world.api.messages(4001).find((m) => m.messageId === first.messageId)!;
    };
    expect((await press("More")).plainText.match(/Kyiv report \d+/g)).toEqual(Array.from({ length: 10 }, (_, i) => `Kyiv report ${i + 10}`));
    const last = await press("More");
    expect(last.plainText.match(/Kyiv report \d+/g)).toEqual(["Kyiv report 20", "Kyiv report 21", "Kyiv report 22"]);
    expect(buttonsOf(last).map((b) => b.text)).toEqual(["« Newest"]);
    expect((await press("« Newest")).plainText.match(/Kyiv report \d+/g)).toHaveLength(10);
  });

  it("then case and diacritics do not matter in any script, and the rule syntax works as everywhere else", async () => {
    expect((await say(world, 4001, "/search КИЇВ")).plainText).toContain("Київ: нова станція метро");
    const accent = await say(world, 4001, "/search zelensky");
    expect(accent.plainText).toContain("1 article matches zelensky");
    expect(accent.text).toContain("Zélensky signs the budget &amp; the tax law");
    expect((await say(world, 4001, "/search category:politics")).plainText).toContain("Zélensky signs");
    expect((await say(world, 4001, '/search "nova stantsiia" OR bakery -bread')).plainText).toContain("No stored article matches");
    expect((await say(world, 4001, "/search report* -kyiv")).plainText).toContain("No stored article matches");
    expect((await say(world, 4001, "/search lviv OR метро")).plainText).toContain("2 articles match lviv OR метро");
  });

  it("then nonsense, FTS5 or SQL syntax, a broken rule and 10,000 characters get a clear answer", async () => {
    expect((await say(world, 4001, "/search")).plainText).toContain("/search Kyiv metro");
    expect((await say(world, 4001, "/search '; DROP TABLE articles; -- NEAR(kyiv)")).plainText).toContain("No stored article matches");
    expect((await say(world, 4001, '/search "kyiv')).plainText).toContain("A quote is never closed.");
    expect((await say(world, 4001, `/search ${"x".repeat(10_000)}`)).plainText).toContain("A rule can be at most 200 characters");
    expect((await say(world, 4001, "/search kyiv")).plainText).toContain("23 articles");
  });

  it("then a button naming another chat's search pages nothing", async () => {
    const mine = await say(world, 4001, "/search kyiv");
    const more = buttonsOf(mine).find((b) => b.text.startsWith("More"))!;
    const since = world.api.mark();
    world.api.pushUpdate({
      callback_query: { id: "forged-search", from: { id: 4002, is_bot: false, first_name: "Ivan" }, chat_instance: "x", data: more.data, message: { message_id: 1, date: 0, chat: { id: 4002, type: "private", first_name: "Ivan" } } },
    } as never);
    const answer = await world.api.waitForCall("answerCallbackQuery", { since });
    expect(String((answer.payload as { text?: string }).text)).toContain("This search has expired");
  });
});

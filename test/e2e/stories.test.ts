import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rssFeed } from "../helpers/feed-server.js";
import { askForDigest, buttonsOf, say, startWorld, type TestWorld } from "../helpers/test-app.js";

const MINUTE = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE);

/** Fourteen Politics stories with nothing in common, so that none folds into another. */
const POLITICS = [
  "Parliament passes the budget after a long night",
  "Opposition leader calls for early elections",
  "Cabinet reshuffle brings three new ministers",
  "Senate rejects the pension reform bill",
  "Coalition talks stall over defence spending",
  "Prime minister survives confidence vote",
  "New law caps rents in the capital",
  "Election commission publishes final turnout",
  "Speaker resigns amid expenses inquiry",
  "Referendum on the voting age set for spring",
  "Mayors demand a bigger share of fuel taxes",
  "Constitutional court strikes down the media law",
  "Lawmakers approve a ban on plastic bags",
  "President vetoes the farm subsidy package",
];

describe("When several sources carry the same story", () => {
  let world: TestWorld;
  let moreButton = "";

  beforeAll(async () => {
    world = await startWorld({
      catalog: (feeds) => {
        feeds.route("/a.xml", {
          body: rssFeed({
            title: "Wire A",
            items: [
              ...POLITICS.map((title, i) => ({ guid: `p${i}`, title, link: `https://a.example/p${i}`, pubDate: ago(30 + i) })),
              { guid: "s1", title: "Storm closes ports along the coast", link: "https://shared.example/storm?utm_source=a", pubDate: ago(5) },
            ],
          }),
        });
        feeds.route("/b.xml", {
          body: rssFeed({
            title: "Wire B",
            items: [
              { guid: "b1", title: "UPDATE 1-Coalition talks stall over defence spending - Reuters", link: "https://b.example/coalition", pubDate: ago(20) },
              { guid: "b2", title: "PARLIAMENT passes the budget after long night", link: "https://b.example/budget", pubDate: ago(25) },
              { guid: "s1", title: "Storm closes ports along the coast", link: "https://shared.example/storm", pubDate: ago(4) },
            ],
          }),
        });
        feeds.route("/c.xml", {
          body: rssFeed({ title: "Wire C", items: [{ guid: "c1", title: "Coalition talks stall over defence spending", link: "https://c.example/coalition", pubDate: ago(10) }] }),
        });
        return [
          "feeds:",
          `  - url: ${feeds.url("/a.xml")}\n    name: Wire A\n    topics: [Politics]`,
          `  - url: ${feeds.url("/b.xml")}\n    name: Wire B\n    topics: [Politics]`,
          `  - url: ${feeds.url("/c.xml")}\n    name: Wire C\n    topics: [Politics]`,
        ].join("\n");
      },
    });
  });
  afterAll(() => world?.close());

  const digestOf = async (chatId: number) => {
    await say(world, chatId, "/subscribe Politics");
    return askForDigest(world, chatId);
  };

  it("then the digest shows each story once with its other sources, the most covered first, then the newest", async () => {
    const digest = await digestOf(5001);
    const lines = digest.plainText.split("\n").filter((line) => line.startsWith("• "));
    expect(lines[0]).toMatch(/^• Coalition talks stall over defence spending — Wire C, 10 min ago · also: Wire B, Wire A$/);
    expect(lines[1]).toMatch(/^• Storm closes ports along the coast — Wire \w, \d+ min ago · also: Wire \w$/);
    expect(lines[2]).toMatch(/^• PARLIAMENT passes the budget after long night — Wire B, 25 min ago · also: Wire A$/);
    expect(lines).toHaveLength(10);
    expect(digest.plainText.match(/Coalition talks/g)).toHaveLength(1);
    expect(digest.plainText.match(/passes the budget/g)).toHaveLength(1);
  });

  it("then the topics' left-out stories are behind a \"Show N more\" button that adds them to the message", async () => {
    const digest = world.api.messages(5001).findLast((m) => m.plainText.includes("Your news digest"))!;
    // 14 stories of Wire A, two of them also in Wire B and C, and the storm both carried: 15 stories, 10 shown.
    const button = buttonsOf(digest).find((b) => b.text === "Show 5 more in Politics")!;
    expect(button).toBeDefined();
    moreButton = button.data;
    const since = world.api.mark();
    world.api.pressButton(5001, digest.messageId, button.data);
    await world.api.waitForCall("editMessageText", { since });
    const edited = world.api.messages(5001).find((m) => m.messageId === digest.messageId)!;
    expect(edited.plainText).toContain("Politics, more\n• ");
    const shown = edited.plainText.split("\n").filter((line) => line.startsWith("• "));
    expect(shown).toHaveLength(15);
    for (const title of POLITICS) expect(edited.plainText.split(title.slice(0, 20)).length - 1, title).toBeLessThanOrEqual(1);
    expect(buttonsOf(edited)).toEqual([]);

    // The same button again (an old copy of the message) changes nothing.
    const again = world.api.mark();
    world.api.pushUpdate({
      callback_query: { id: "again", from: { id: 5001, is_bot: false, first_name: "Olena" }, chat_instance: "x", data: button.data, message: { message_id: digest.messageId, date: 0, chat: { id: 5001, type: "private", first_name: "Olena" } } },
    } as never);
    const answer = await world.api.waitForCall("answerCallbackQuery", { since: again });
    expect(String((answer.payload as { text?: string }).text)).toContain("Already shown");
  });

  it("then a button naming another chat's digest shows it nothing", async () => {
    const digest = world.api.messages(5001).findLast((m) => m.plainText.includes("Your news digest"))!;
    const since = world.api.mark();
    world.api.pushUpdate({
      callback_query: { id: "forged-more", from: { id: 5002, is_bot: false, first_name: "Ivan" }, chat_instance: "x", data: moreButton, message: { message_id: digest.messageId, date: 0, chat: { id: 5002, type: "private", first_name: "Ivan" } } },
    } as never);
    const answer = await world.api.waitForCall("answerCallbackQuery", { since });
    expect(String((answer.payload as { text?: string }).text)).toContain("too old to expand");
  });

  it("then /latest and /search fold the same story too", async () => {
    const line = "Coalition talks stall over defence spending — Wire C, 10 min ago · also: Wire B, Wire A";
    const latest = await say(world, 5001, "/latest politics");
    expect(latest.plainText.match(/Coalition talks/g)).toHaveLength(1);
    expect(latest.plainText).toContain(line);
    const search = await say(world, 5001, "/search coalition");
    expect(search.plainText).toContain("3 articles match coalition");
    expect(search.plainText.match(/Coalition talks/gi)).toHaveLength(1);
    expect(search.plainText).toContain(line);
  });
});

describe("When the stories left out would not fit in the digest's message", () => {
  let world: TestWorld;
  const filler = " and a long account of what the council said about it, who voted how, and what happens next week".repeat(2);

  beforeAll(async () => {
    world = await startWorld({
      env: { DIGEST_MAX_PER_TOPIC: "2" },
      catalog: (feeds) => {
        const items = Array.from({ length: 30 }, (_, i) => ({ guid: `l${i}`, title: `Item ${i + 1}: ${filler}`, link: `https://a.example/l${i}`, pubDate: ago(i + 1) }));
        feeds.route("/a.xml", { body: rssFeed({ title: "Wire A", items }) });
        return `feeds:\n  - url: ${feeds.url("/a.xml")}\n    name: Wire A\n    topics: [Politics]\n`;
      },
    });
  });
  afterAll(() => world?.close());

  it("then \"Show N more\" sends them in messages of their own and takes the button away", async () => {
    await say(world, 6001, "/subscribe Politics");
    const digest = await askForDigest(world, 6001);
    expect(digest.plainText.match(/Item \d+:/g)).toEqual(["Item 1:", "Item 2:"]);
    const since = world.api.mark();
    world.api.pressButton(6001, digest.messageId, buttonsOf(digest).find((b) => b.text === "Show 28 more in Politics")!.data);
    await world.api.waitForCall("editMessageText", { since });
    const deadline = Date.now() + 10_000;
    const items = () => world.api.messages(6001).filter((m) => m.messageId !== digest.messageId).flatMap((m) => m.plainText.match(/Item \d+:/g) ?? []);
    while (items().length < 28 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(items().sort()).toEqual(Array.from({ length: 28 }, (_, i) => `Item ${i + 3}:`).sort());
    const edited = world.api.messages(6001).find((m) => m.messageId === digest.messageId)!;
    expect(edited.plainText).not.toContain("Item 3:");
    expect(buttonsOf(edited)).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import type { DigestCandidate } from "../../src/db/deliveries.js";
import type { Topic } from "../../src/db/schema.js";
import type { DigestSection } from "../../src/digests/compose-digest.js";
import { formatDigest } from "../../src/digests/format-digest.js";
import { storyOf } from "../../src/stories/fold-stories.js";
import { parseTelegramHtml } from "../helpers/fake-bot-api.js";

const NOW = Date.UTC(2026, 10, 24, 6, 0); // Tue 24 Nov 2026, 08:00 in Europe/Kyiv
const MINUTE = 60_000;

function topic(id: number, name: string): Topic {
  return { id, name, categories: [], keywords: [], exclude: [], active: true, ownerChatId: null, rule: null };
}

/** A 300-character title full of characters that must be escaped, with a unique marker. */
function nastyTitle(n: number): string {
  const marker = `[story-${String(n).padStart(3, "0")}]`;
  const filler = ` Breaking & "urgent" <update> on a <b>very</b> long & winding <a href="x">story</a> `;
  return (marker + filler.repeat(10)).slice(0, 300);
}

function sectionsWith300Articles(): DigestSection[] {
  const names = ["Politics & <Power>", "Ukraine", "World \"news\""];
  return names.map((name, t) => ({
    topic: topic(t + 1, name),
    more: [],
    stories: Array.from({ length: 100 }, (_, i): DigestCandidate => {
      const n = t * 100 + i;
      return {
        id: n + 1,
        title: nastyTitle(n),
        link: `https://example.com/story?id=${n}&ref="digest"&x=<y>`,
        source: `Source <${n % 7}> & Co`,
        publishedAt: NOW - (n + 1) * MINUTE,
        topicId: t + 1,
        alsoSources: [],
      };
    }).map((article) => storyOf([article])),
  }));
}

describe("formatDigest", () => {
  const sections = sectionsWith300Articles();
  const messages = formatDigest(sections, "Europe/Kyiv", NOW);
  const parsed = messages.map((m) => parseTelegramHtml(m));

  it("splits a 300-article digest into several messages of at most 4096 characters", () => {
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(message.length).toBeLessThanOrEqual(4096);
  });

  it("makes every message valid Telegram HTML", () => {
    for (const message of messages) expect(() => parseTelegramHtml(message)).not.toThrow();
  });

  it("shows every article exactly once, with its title exactly as written and linked to its URL", () => {
    const text = parsed.map((p) => p.text).join("\n");
    for (const section of sections) {
      for (const article of section.stories.map((s) => s.articles[0]!)) {
        const marker = article.title.slice(0, "[story-000]".length);
        expect(text.split(marker).length - 1, marker).toBe(1);
        expect(text).toContain(article.title);
        const links = parsed.flatMap((p) => p.entities.filter((e) => e.type === "text_link" && e.url === article.link));
        expect(links, marker).toHaveLength(1);
      }
    }
  });

  it("escapes titles, sources and topic names instead of passing their markup through", () => {
    const bolds = parsed.flatMap((p) => p.entities.filter((e) => e.type === "bold").map((e) => p.text.slice(e.offset, e.offset + e.length)));
    // The only bold text is the digest heading and the topic headings: a <b> inside a title stays text.
    for (const b of bolds) expect(b).toMatch(/^(Your news digest|Politics & <Power>|Ukraine|World "news")/);
    expect(parsed.map((p) => p.text).join("\n")).toContain("Source <3> & Co");
  });

  it("starts with the digest heading and the number of stories", () => {
    expect(parsed[0]!.text).toMatch(/^📰 Your news digest · Tue 24 Nov, 08:00\n300 new stories\n/);
  });

  it("puts every article under its own topic, repeating the heading on continuation messages", () => {
    const topicOf = new Map(sections.flatMap((s) => s.stories.map((story) => [story.articles[0]!.title.slice(0, 11), s.topic.name] as const)));
    const headings = sections.map((s) => s.topic.name);
    parsed.forEach((p, index) => {
      let current: string | undefined;
      const lines = p.text.split("\n");
      // A continuation starts with a heading: the topic "(continued)", or the next topic when the split falls between topics.
      if (index > 0) expect(headings.flatMap((h) => [h, `${h} (continued)`])).toContain(lines[0]);
      for (const line of lines) {
        const heading = headings.find((h) => line === h || line === `${h} (continued)`);
        if (heading) current = heading;
        const marker = /\[story-\d{3}\]/.exec(line)?.[0];
        if (marker) expect(current, marker).toBe(topicOf.get(marker));
      }
    });
  });

  it("shows a story once with the other sources that carried it, escaped like every other text", () => {
    const article = (id: number, source: string, alsoSources: string[] = []) => ({ id, title: "Moon & stars", link: null, source, publishedAt: NOW - 5 * MINUTE, topicId: 1, alsoSources });
    const story = storyOf([article(1, "NASA", ["ESA <Europe>"]), article(2, "Reuters"), article(3, "NASA")]);
    const [message] = formatDigest([{ topic: topic(1, "Science & <Space>"), more: [], stories: [story] }], "UTC", NOW);
    expect(parseTelegramHtml(message!).text).toContain("1 new story\n\nScience & <Space>\n• Moon & stars — NASA, 5 min ago · also: ESA <Europe>, Reuters");
  });

  it("names three of a story's other sources and counts the rest, so a story carried by dozens of feeds stays one line", () => {
    const copy = (id: number, source: string) => ({ id, title: "Ceasefire agreed", link: null, source, publishedAt: NOW - MINUTE, topicId: 1, alsoSources: [] });
    const story = storyOf(["A", "B", "C", "D", "E", "F"].map((source, i) => copy(i + 1, `Wire ${source}`)));
    const [message] = formatDigest([{ topic: topic(1, "World"), more: [], stories: [story] }], "UTC", NOW);
    expect(parseTelegramHtml(message!).text).toContain("• Ceasefire agreed — Wire A, 1 min ago · also: Wire B, Wire C, Wire D and 2 more");
  });

  it("says \"1 new story\" for a single article and gives one message", () => {
    const one = formatDigest([{ topic: topic(1, "Science"), more: [], stories: [storyOf([{ id: 1, title: "Moon & stars", link: null, source: "NASA", publishedAt: NOW - 5 * MINUTE, topicId: 1, alsoSources: [] }])] }], "UTC", NOW);
    expect(one).toHaveLength(1);
    expect(parseTelegramHtml(one[0]!).text).toBe("📰 Your news digest · Tue 24 Nov, 06:00\n1 new story\n\nScience\n• Moon & stars — NASA, 5 min ago");
  });
});

import { describe, expect, it } from "vitest";
import { escapeAttribute, escapeHtml, link, MAX_MESSAGE_LENGTH, packMessages } from "../../src/telegram/html.js";
import { parseTelegramHtml } from "../helpers/fake-bot-api.js";

const NASTY = `Tom & Jerry <script>alert("x")</script> 'quoted' &amp; 5 > 3 <b>`;

describe("escapeHtml", () => {
  it("escapes &, < and > so Telegram shows the text exactly as written", () => {
    expect(escapeHtml("a & b < c > d")).toBe("a &amp; b &lt; c &gt; d");
    expect(parseTelegramHtml(escapeHtml(NASTY))).toEqual({ text: NASTY, entities: [] });
  });

  it("escapes text that already looks escaped, so it is shown literally", () => {
    expect(parseTelegramHtml(escapeHtml("&amp; &lt;")).text).toBe("&amp; &lt;");
  });

  it("leaves ordinary text alone", () => {
    expect(escapeHtml("Привіт, світ! 👋")).toBe("Привіт, світ! 👋");
  });
});

describe("escapeAttribute", () => {
  it("escapes double quotes as well", () => {
    expect(escapeAttribute(`say "hi" & <go>`)).toBe("say &quot;hi&quot; &amp; &lt;go&gt;");
  });
});

describe("link", () => {
  it("makes a link whose href and text survive &, \" and <>", () => {
    const url = 'https://example.com/search?q="a&b"&lang=en<x>';
    const html = link("Fish & <chips>", url);
    const parsed = parseTelegramHtml(html);
    expect(parsed.text).toBe("Fish & <chips>");
    expect(parsed.entities).toEqual([{ type: "text_link", offset: 0, length: "Fish & <chips>".length, url }]);
  });

  it("gives escaped plain text when there is no URL", () => {
    expect(link("Fish & chips", null)).toBe("Fish &amp; chips");
    expect(link("Fish & chips", "")).toBe("Fish &amp; chips");
  });
});

/** Parses each message as Telegram would (throws on unbalanced or unknown tags, bad entities). */
function expectValidMessages(messages: readonly string[], max = MAX_MESSAGE_LENGTH): void {
  for (const message of messages) {
    expect(message.length).toBeLessThanOrEqual(max);
    expect(message.trim()).not.toBe("");
    expect(() => parseTelegramHtml(message)).not.toThrow();
  }
}

const articleLine = (n: number) => `• <a href="https://example.com/a?id=${n}&amp;x=1">Story ${n} &amp; more &lt;news&gt;</a> — <b>Source</b>`;

describe("packMessages", () => {
  it("joins short lines into one message", () => {
    expect(packMessages(["<b>Hello</b>", "", "world"])).toEqual(["<b>Hello</b>\n\nworld"]);
  });

  it("sends nothing for no lines or only blank lines", () => {
    expect(packMessages([])).toEqual([]);
    expect(packMessages(["", ""])).toEqual([]);
  });

  it("keeps every message within 4096 characters and valid HTML, splitting only between lines", () => {
    const lines = Array.from({ length: 600 }, (_, i) => articleLine(i));
    const messages = packMessages(lines);
    expect(messages.length).toBeGreaterThan(1);
    expectValidMessages(messages);
    // Splitting only between lines: the messages, joined again, are the lines in order, none lost or repeated.
    expect(messages.join("\n")).toBe(lines.join("\n"));
    for (const message of messages) {
      expect(message.match(/<a /g)?.length).toBe(message.match(/<\/a>/g)?.length);
      expect(message.match(/<b>/g)?.length).toBe(message.match(/<\/b>/g)?.length);
    }
  });

  it("fills messages instead of sending one per line", () => {
    const lines = Array.from({ length: 600 }, (_, i) => articleLine(i));
    const total = lines.join("\n").length;
    expect(packMessages(lines).length).toBeLessThanOrEqual(Math.ceil(total / (MAX_MESSAGE_LENGTH - 200)));
  });

  it("honours a smaller limit", () => {
    const lines = Array.from({ length: 40 }, (_, i) => articleLine(i));
    const messages = packMessages(lines, 300);
    expectValidMessages(messages, 300);
    expect(messages.join("\n")).toBe(lines.join("\n"));
  });

  it("repeats the heading at the top of each continuation message", () => {
    const heading = "<b>Politics</b>";
    const continued = "<b>Politics</b> (continued)";
    const lines = [heading, ...Array.from({ length: 60 }, (_, i) => articleLine(i))];
    const messages = packMessages(lines, 1000, (i) => (i === 0 ? undefined : continued));
    expect(messages.length).toBeGreaterThan(2);
    expectValidMessages(messages, 1000);
    expect(messages[0]!.startsWith(`${heading}\n`)).toBe(true);
    for (const message of messages.slice(1)) expect(message.startsWith(`${continued}\n•`)).toBe(true);
    const withoutHeadings = messages.map((m, i) => (i === 0 ? m : m.slice(continued.length + 1)));
    expect(withoutHeadings.join("\n")).toBe(lines.join("\n"));
  });

  it("reduces a single over-long line to escaped plain text within the limit", () => {
    const huge = `<a href="https://example.com/">${"word ".repeat(2000)}</a>`;
    const messages = packMessages(["<b>Before</b>", huge, "<i>After</i>"]);
    expectValidMessages(messages);
    const parsed = messages.map((m) => parseTelegramHtml(m));
    const reduced = parsed.find((p) => p.text.startsWith("word word"));
    expect(reduced).toBeDefined();
    expect(reduced!.entities.filter((e) => e.type === "text_link")).toEqual([]);
    expect(parsed.map((p) => p.text).join("\n")).toContain("Before");
    expect(parsed.map((p) => p.text).join("\n")).toContain("After");
  });

  it("keeps the text of an over-long line readable (tags removed, entities shown as characters)", () => {
    const huge = `<b>${"Fish &quot;n&quot; chips ".repeat(300)}</b>`;
    const messages = packMessages([huge]);
    expect(messages.length).toBe(1);
    expectValidMessages(messages);
    expect(parseTelegramHtml(messages[0]!).text.startsWith('Fish "n" chips Fish "n" chips')).toBe(true);
  });

  // BUG: the over-long line is cut to max-10 characters *before* it is escaped, so every &, < or > in it grows
  // back by 3-4 characters and the message passes the limit again; as the first line it also yields an empty message.
  it("keeps an over-long line containing & within the limit and sends no empty message", () => {
    const messages = packMessages([`<b>${"Fish &amp; chips ".repeat(400)}</b>`]);
    expect(messages.length).toBe(1);
    expectValidMessages(messages);
  });

  it("keeps an over-long line made of &, < and > within the limit", () => {
    const messages = packMessages(["<b>Heading</b>", `<b>${"&amp;&lt;&gt;".repeat(2000)}</b>`]);
    expectValidMessages(messages);
  });
});

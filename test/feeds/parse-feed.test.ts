import { describe, expect, it } from "vitest";
import { FeedParseError, parseFeed, type FeedItem } from "../../src/feeds/parse-feed.js";

const FETCHED_AT = Date.parse("2026-11-24T12:00:00Z");

function rss(items: string, channel = "<title>Example &amp; Co</title><link>https://example.com/</link>"): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>${channel}${items}</channel></rss>`;
}

async function onlyItem(xml: string, fetchedAt = FETCHED_AT): Promise<FeedItem> {
  const feed = await parseFeed(xml, fetchedAt);
  expect(feed.items).toHaveLength(1);
  return feed.items[0]!;
}

async function parseError(xml: string): Promise<FeedParseError> {
  try {
    await parseFeed(xml, FETCHED_AT);
  } catch (error) {
    expect(error).toBeInstanceOf(FeedParseError);
    return error as FeedParseError;
  }
  throw new Error("parseFeed accepted the input");
}

describe("parseFeed: RSS 2.0", () => {
  const xml = rss(`
    <item>
      <title>Parliament votes on the budget</title>
      <link>https://example.com/news/1</link>
      <guid isPermaLink="false">story-1</guid>
      <description><![CDATA[<p>Lawmakers&nbsp;met <b>late</b> &mdash; again.</p>]]></description>
      <category>Politics</category>
      <category domain="https://example.com/sections">Economy</category>
      <category>Politics</category>
      <pubDate>Mon, 23 Nov 2026 10:00:00 +0300</pubDate>
    </item>
    <item>
      <title>Second story</title>
      <link>https://example.com/news/2</link>
      <pubDate>Sun, 22 Nov 2026 08:30:00 GMT</pubDate>
    </item>`);

  it("reads the feed title and every item in order", async () => {
    const feed = await parseFeed(xml, FETCHED_AT);
    expect(feed.title).toBe("Example & Co");
    expect(feed.items.map((i) => i.title)).toEqual(["Parliament votes on the budget", "Second story"]);
  });

  it("reads link, plain-text summary, categories (with or without domain, each once) and date", async () => {
    const [first] = (await parseFeed(xml, FETCHED_AT)).items;
    expect(first).toEqual({
      key: "guid:story-1",
      title: "Parliament votes on the budget",
      link: "https://example.com/news/1",
      summary: "Lawmakers met late — again.",
      categories: ["Politics", "Economy"],
      publishedAt: Date.parse("2026-11-23T07:00:00Z"),
    });
  });

  it("turns HTML in a title into plain text", async () => {
    const item = await onlyItem(rss("<item><title>Breaking: &lt;b&gt;Markets&lt;/b&gt; &amp;amp; more&#8230;</title><link>https://e.com/1</link></item>"));
    expect(item.title).toBe("Breaking: Markets & more…");
  });

  it("decodes a numeric entity escaped twice and folds line breaks and runs of spaces in a title into one space", async () => {
    const item = await onlyItem(rss("<item><title>Oil at &amp;#x0024;90:\n   prices\t\tclimb &amp;#8212; again</title><link>https://e.com/1</link></item>"));
    expect(item.title).toBe("Oil at $90: prices climb — again");
  });

  it("gives an untitled item a headline from the first sentence of its summary", async () => {
    const item = await onlyItem(rss("<item><description>&lt;p&gt;Storm hits the coast. Thousands lose power.&lt;/p&gt;</description><link>https://e.com/1</link></item>"));
    expect(item.title).toBe("Storm hits the coast.");
    expect(item.summary).toBe("Storm hits the coast. Thousands lose power.");
  });

  it("skips an item with neither a title nor a summary", async () => {
    const feed = await parseFeed(rss("<item><link>https://e.com/1</link></item><item><title>Kept</title></item>"), FETCHED_AT);
    expect(feed.items.map((i) => i.title)).toEqual(["Kept"]);
  });

  // BUG: the summary comes from rss-parser's contentSnippet, which keeps the text inside <script> and <style>, before
  // htmlToText (which drops them) is ever used; the CSS then feeds topic matching and the headline of an untitled item.
  it("leaves scripts and styles out of the summary and of a headline made from it", async () => {
    const item = await onlyItem(
      rss(`<item><link>https://e.com/1</link><description><![CDATA[<style>.gallery { margin: auto; }</style><p>Storm hits the coast.</p><script>track("chip")</script>]]></description></item>`),
    );
    expect(item.summary).toBe("Storm hits the coast.");
    expect(item.title).toBe("Storm hits the coast.");
  });

  it("keeps titles and summaries to a size a message can carry", async () => {
    const item = await onlyItem(rss(`<item><title>${"Long title ".repeat(100)}</title><description>${"word ".repeat(1000)}</description></item>`));
    expect(item.title.length).toBeLessThanOrEqual(300);
    expect(item.summary.length).toBeLessThanOrEqual(1000);
    expect(item.summary.endsWith("…")).toBe(true);
  });

  it("reads a CDATA description containing &nbsp; and other HTML entities", async () => {
    const item = await onlyItem(rss("<item><title>T</title><description><![CDATA[Kyiv&nbsp;&ndash;&nbsp;Lviv &laquo;train&raquo;]]></description></item>"));
    expect(item.summary).toBe("Kyiv – Lviv «train»");
  });
});

describe("parseFeed: dates", () => {
  it.each([
    ["missing", ""],
    ["unreadable", "<pubDate>not a date</pubDate>"],
    ["in the future", "<pubDate>Mon, 23 Nov 2099 10:00:00 GMT</pubDate>"],
  ])("uses the fetch time when the date is %s", async (_, date) => {
    const item = await onlyItem(rss(`<item><title>T</title><link>https://e.com/1</link>${date}</item>`));
    expect(item.publishedAt).toBe(FETCHED_AT);
  });

  it("keeps a date just before the fetch time", async () => {
    const item = await onlyItem(rss("<item><title>T</title><pubDate>Tue, 24 Nov 2026 11:59:00 GMT</pubDate></item>"));
    expect(item.publishedAt).toBe(Date.parse("2026-11-24T11:59:00Z"));
  });
});

describe("parseFeed: item keys", () => {
  it("prefers the guid, then the link", async () => {
    const feed = await parseFeed(
      rss(`
        <item><title>A</title><guid>abc-123</guid><link>https://e.com/a</link></item>
        <item><title>B</title><link>https://e.com/b</link></item>`),
      FETCHED_AT,
    );
    expect(feed.items.map((i) => i.key)).toEqual(["guid:abc-123", "link:https://e.com/b"]);
  });

  it("gives the same keys when the same feed is fetched again later", async () => {
    const xml = rss(`
      <item><title>A</title><guid>abc-123</guid></item>
      <item><title>B</title><link>https://e.com/b</link></item>
      <item><title>C</title><pubDate>Mon, 23 Nov 2026 10:00:00 GMT</pubDate></item>`);
    const first = await parseFeed(xml, FETCHED_AT);
    const again = await parseFeed(xml, FETCHED_AT + 10 * 60_000);
    expect(again.items.map((i) => i.key)).toEqual(first.items.map((i) => i.key));
  });

  // BUG: an item with no guid, no link and no usable date is keyed by its title and the *fetch time*, so each poll
  // sees it as new and the same story is stored (and sent in a digest) again after every fetch.
  it("gives an item without guid, link or date the same key on every fetch", async () => {
    const xml = rss("<item><title>Undated story</title><description>No link either.</description></item>");
    const first = await onlyItem(xml, FETCHED_AT);
    const again = await onlyItem(xml, FETCHED_AT + 10 * 60_000);
    expect(again.key).toBe(first.key);
  });

  it("gives different items without guid or link different keys", async () => {
    const feed = await parseFeed(rss("<item><title>One</title></item><item><title>Two</title></item>"), FETCHED_AT);
    expect(new Set(feed.items.map((i) => i.key)).size).toBe(2);
  });

  it("uses a guid that is a URL as the link when the item has none, and never a non-web link", async () => {
    const feed = await parseFeed(
      rss(`
        <item><title>A</title><guid>https://e.com/from-guid</guid></item>
        <item><title>B</title><link>javascript:alert(1)</link></item>
        <item><title>C</title><link>/relative/path</link><guid isPermaLink="false">c-1</guid></item>`),
      FETCHED_AT,
    );
    expect(feed.items.map((i) => i.link)).toEqual(["https://e.com/from-guid", null, null]);
  });
});

describe("parseFeed: Atom", () => {
  const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom feed</title>
  <entry>
    <title type="html">&lt;em&gt;Chip&lt;/em&gt; makers &amp;amp; markets</title>
    <link href="https://example.com/a1"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <updated>2026-11-23T09:00:00Z</updated>
    <summary type="html">&lt;p&gt;Summary &amp;amp; more&lt;/p&gt;</summary>
    <category term="Technology" label="Tech"/>
    <category term="Science"/>
  </entry>
</feed>`;

  it("reads entries with <category term>, HTML titles and summaries as plain text, id as key", async () => {
    const feed = await parseFeed(atom, FETCHED_AT);
    expect(feed.title).toBe("Atom feed");
    expect(feed.items).toEqual([
      {
        key: "guid:urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a",
        title: "Chip makers & markets",
        link: "https://example.com/a1",
        summary: "Summary & more",
        categories: ["Technology", "Science"],
        publishedAt: Date.parse("2026-11-23T09:00:00Z"),
      },
    ]);
  });
});

describe("parseFeed: RSS 1.0 (RDF)", () => {
  const rdf = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://example.com/"><title>RDF feed</title><link>https://example.com/</link><description>d</description></channel>
  <item rdf:about="https://example.com/r1">
    <title>Central bank holds rates</title>
    <link>https://example.com/r1</link>
    <description>Rates &lt;b&gt;unchanged&lt;/b&gt;.</description>
    <dc:subject>Economy</dc:subject>
    <dc:subject>Markets</dc:subject>
    <dc:date>2026-11-22T10:00:00Z</dc:date>
  </item>
</rdf:RDF>`;

  it("reads items with dc:subject as categories and dc:date as the date", async () => {
    const feed = await parseFeed(rdf, FETCHED_AT);
    expect(feed.title).toBe("RDF feed");
    expect(feed.items).toEqual([
      {
        key: "link:https://example.com/r1",
        title: "Central bank holds rates",
        link: "https://example.com/r1",
        summary: "Rates unchanged.",
        categories: ["Economy", "Markets"],
        publishedAt: Date.parse("2026-11-22T10:00:00Z"),
      },
    ]);
  });
});

describe("parseFeed: what is not a feed", () => {
  it.each(["", "   \n\t "])("says an empty body is empty (%j)", async (body) => {
    expect((await parseError(body)).message).toMatch(/empty/i);
  });

  it.each([
    "<!DOCTYPE html><html><head><title>Home</title></head><body>Welcome</body></html>",
    "\n  <html><body><h1>502 Bad Gateway</h1></body></html>",
    "<!doctype HTML>\n<html lang=en>",
    "\uFEFF<HTML><BODY>Moved</BODY></HTML>",
  ])("says an HTML page is HTML, not a feed", async (body) => {
    expect((await parseError(body)).message).toMatch(/HTML, not an RSS or Atom feed/);
  });

  it.each([
    "<rss version=\"2.0\"><channel><item><title>x</title></channel>",
    "not xml at all",
    "[1, 2, 3]",
    "<note><to>Tove</to></note>",
  ])("rejects malformed or foreign XML with a one-line message: %j", async (body) => {
    const error = await parseError(body);
    expect(error.name).toBe("FeedParseError");
    expect(error.message).toMatch(/not a readable RSS or Atom feed: \S/);
    expect(error.message).not.toContain("\n");
    expect(error.message.length).toBeLessThan(300);
  });
});

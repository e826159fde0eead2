import { describe, expect, it } from "vitest";
import { countArticles, storeFeedItems } from "../../src/db/articles.js";
import { parseFeed } from "../../src/feeds/parse-feed.js";
import { completeFeed } from "../../src/feeds/prepare-feed.js";
import { TopicMatcher } from "../../src/topics/matcher.js";
import { openTempDatabase } from "../helpers/temp-database.js";

const FETCHED_AT = Date.parse("2026-11-24T12:00:00Z");

describe("parseFeed: <rss> without a version attribute", () => {
  // The shape of a large Brazilian portal's feed: no XML declaration, no version, dates in -0300.
  const xml = `<rss xmlns:media="http://search.yahoo.com/mrss/"><channel>
  <title>Portal de Not&#237;cias - &#218;ltimas</title>
  <link>https://portal.example.com.br/</link>
  <description>As &#250;ltimas not&#237;cias</description>
  <item>
    <title><![CDATA[Governo anuncia <b>reforma</b> tribut&aacute;ria]]></title>
    <link>https://portal.example.com.br/economia/2026/11/23/reforma.ghtml</link>
    <guid isPermaLink="true">https://portal.example.com.br/economia/2026/11/23/reforma.ghtml</guid>
    <description><![CDATA[<img src="https://img.example/x.jpg" /><br />O texto segue para o Senado.]]></description>
    <category>Economia</category>
    <category>Pol&#237;tica</category>
    <pubDate>Mon, 23 Nov 2026 18:45:00 -0300</pubDate>
  </item>
  <item>
    <title>Chuva forte atinge S&#227;o Paulo</title>
    <link>https://portal.example.com.br/sp/2026/11/23/chuva.ghtml</link>
    <pubDate>Mon, 23 Nov 2026 09:00:00 -0300</pubDate>
  </item>
</channel></rss>`;

  it("reads the channel and every item as stored", async () => {
    const feed = await parseFeed(xml, FETCHED_AT);
    expect(feed.title).toBe("Portal de Notícias - Últimas");
    expect(feed.items).toEqual([
      {
        key: "guid:https://portal.example.com.br/economia/2026/11/23/reforma.ghtml",
        title: "Governo anuncia reforma tributária",
        link: "https://portal.example.com.br/economia/2026/11/23/reforma.ghtml",
        summary: "O texto segue para o Senado.",
        categories: ["Economia", "Política"],
        publishedAt: Date.parse("2026-11-23T21:45:00Z"),
      },
      {
        key: "link:https://portal.example.com.br/sp/2026/11/23/chuva.ghtml",
        title: "Chuva forte atinge São Paulo",
        link: "https://portal.example.com.br/sp/2026/11/23/chuva.ghtml",
        summary: "",
        categories: [],
        publishedAt: Date.parse("2026-11-23T12:00:00Z"),
      },
    ]);
  });
});

describe("parseFeed: RSS 0.91 and 0.92", () => {
  const rss091 = `<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91">
  <channel>
    <title>Old Wire</title>
    <link>https://wire.example.org/</link>
    <description>Headlines</description>
    <language>en-us</language>
    <item>
      <title>Council approves new bridge</title>
      <link>https://wire.example.org/stories/bridge.html</link>
      <description>The vote was &lt;i&gt;unanimous&lt;/i&gt;.</description>
    </item>
    <item>
      <title>Weather: snow expected</title>
      <description>Up to 20 cm overnight.</description>
    </item>
  </channel>
</rss>`;

  it("reads 0.91 items without guid or pubDate: keyed by link, else by title; dated at the fetch time", async () => {
    const feed = await parseFeed(rss091, FETCHED_AT);
    expect(feed.title).toBe("Old Wire");
    expect(feed.items).toEqual([
      {
        key: "link:https://wire.example.org/stories/bridge.html",
        title: "Council approves new bridge",
        link: "https://wire.example.org/stories/bridge.html",
        summary: "The vote was unanimous.",
        categories: [],
        publishedAt: FETCHED_AT,
      },
      {
        key: "title:Weather: snow expected|",
        title: "Weather: snow expected",
        link: null,
        summary: "Up to 20 cm overnight.",
        categories: [],
        publishedAt: FETCHED_AT,
      },
    ]);
  });

  it("gives a 0.91 item the same key when fetched again later", async () => {
    const later = await parseFeed(rss091, FETCHED_AT + 3_600_000);
    const first = await parseFeed(rss091, FETCHED_AT);
    expect(later.items.map((i) => i.key)).toEqual(first.items.map((i) => i.key));
  });

  it("reads 0.92 items with categories and an optional pubDate", async () => {
    const feed = await parseFeed(
      `<?xml version="1.0"?>
<rss version="0.92"><channel><title>Radio News</title><link>https://radio.example.net/</link><description>d</description>
  <item>
    <title>Election night special</title>
    <link>https://radio.example.net/shows/42</link>
    <description>&lt;p&gt;Live from the studio&lt;/p&gt;</description>
    <category domain="https://radio.example.net/cats">Politics</category>
    <enclosure url="https://radio.example.net/42.mp3" length="1234" type="audio/mpeg"/>
    <pubDate>Sat, 21 Nov 2026 20:00:00 GMT</pubDate>
  </item>
  <item><description>A story told only in its description. More follows.</description></item>
</channel></rss>`,
      FETCHED_AT,
    );
    expect(feed.title).toBe("Radio News");
    expect(feed.items).toEqual([
      {
        key: "link:https://radio.example.net/shows/42",
        title: "Election night special",
        link: "https://radio.example.net/shows/42",
        summary: "Live from the studio",
        categories: ["Politics"],
        publishedAt: Date.parse("2026-11-21T20:00:00Z"),
      },
      {
        key: "title:A story told only in its description.|",
        title: "A story told only in its description.",
        link: null,
        summary: "A story told only in its description. More follows.",
        categories: [],
        publishedAt: FETCHED_AT,
      },
    ]);
  });
});

describe("parseFeed: RSS 1.0 (RDF) as publishers serve it", () => {
  const rdf = `<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel rdf:about="https://news.example.jp/rss">
    <title>Example News Japan</title>
    <link>https://news.example.jp/</link>
    <description>Top stories</description>
    <items><rdf:Seq>
      <rdf:li rdf:resource="https://news.example.jp/a/1001"/>
      <rdf:li rdf:resource="https://news.example.jp/a/1002"/>
    </rdf:Seq></items>
  </channel>
  <item rdf:about="https://news.example.jp/a/1001">
    <title>Yen &amp; stocks rally</title>
    <link>https://news.example.jp/a/1001</link>
    <description>Markets rose.</description>
    <content:encoded><![CDATA[<p>Markets rose <em>sharply</em>.</p>]]></content:encoded>
    <dc:subject>Markets</dc:subject>
    <dc:creator>Staff</dc:creator>
    <dc:date>2026-11-23T15:30:00+09:00</dc:date>
  </item>
  <item rdf:about="https://news.example.jp/a/1002">
    <title>Typhoon warning lifted</title>
    <link>https://news.example.jp/a/1002</link>
  </item>
</rdf:RDF>`;

  it("reads every item with its dc:date, dc:subject and link as key; an undated item gets the fetch time", async () => {
    const feed = await parseFeed(rdf, FETCHED_AT);
    expect(feed.title).toBe("Example News Japan");
    expect(feed.items).toEqual([
      {
        key: "link:https://news.example.jp/a/1001",
        title: "Yen & stocks rally",
        link: "https://news.example.jp/a/1001",
        summary: "Markets rose.",
        categories: ["Markets"],
        publishedAt: Date.parse("2026-11-23T06:30:00Z"),
      },
      {
        key: "link:https://news.example.jp/a/1002",
        title: "Typhoon warning lifted",
        link: "https://news.example.jp/a/1002",
        summary: "",
        categories: [],
        publishedAt: FETCHED_AT,
      },
    ]);
  });
});

describe("parseFeed: Atom 0.3", () => {
  const atom03 = `<?xml version="1.0" encoding="utf-8"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" xml:lang="en">
  <title mode="escaped">Old Blog &amp;amp; News</title>
  <link rel="alternate" type="text/html" href="https://blog.example.com/"/>
  <tagline>Since 2004</tagline>
  <modified>2026-11-23T12:00:00Z</modified>
  <entry>
    <title mode="escaped" type="text/html">&lt;b&gt;Launch&lt;/b&gt; delayed again</title>
    <link rel="service.edit" type="application/x.atom+xml" href="https://blog.example.com/edit/77"/>
    <link rel="alternate" type="text/html" href="https://blog.example.com/2026/11/launch.html"/>
    <id>tag:blog.example.com,2026:77</id>
    <issued>2026-11-22T08:00:00-05:00</issued>
    <modified>2026-11-22T14:00:00Z</modified>
    <summary type="text/plain">The rocket stays on the pad.</summary>
    <content type="text/html" mode="escaped">&lt;p&gt;The rocket &lt;em&gt;stays&lt;/em&gt; on the pad.&lt;/p&gt;</content>
    <dc:subject>Space</dc:subject>
  </entry>
  <entry>
    <title>Only modified</title>
    <link rel="alternate" type="text/html" href="https://blog.example.com/2026/11/only-modified.html"/>
    <id>tag:blog.example.com,2026:78</id>
    <modified>2026-11-21T10:00:00Z</modified>
  </entry>
</feed>`;

  it("reads entries with their alternate link, issued date (else modified), id as key", async () => {
    const feed = await parseFeed(atom03, FETCHED_AT);
    expect(feed.title).toBe("Old Blog & News");
    expect(feed.items).toEqual([
      {
        key: "guid:tag:blog.example.com,2026:77",
        title: "Launch delayed again",
        link: "https://blog.example.com/2026/11/launch.html",
        summary: "The rocket stays on the pad.",
        categories: ["Space"],
        publishedAt: Date.parse("2026-11-22T13:00:00Z"),
      },
      {
        key: "guid:tag:blog.example.com,2026:78",
        title: "Only modified",
        link: "https://blog.example.com/2026/11/only-modified.html",
        summary: "",
        categories: [],
        publishedAt: Date.parse("2026-11-21T10:00:00Z"),
      },
    ]);
  });
});

describe("Item links as publishers write them", () => {
  const FETCHED = Date.parse("2026-12-01T12:00:00Z");
  it("resolves relative links against the feed's URL, and never takes a guid or id for a link", async () => {
    const xml = `<rss version="2.0"><channel><title>T</title>
      <item><title>Root-relative</title><link>/news/2026/budget</link><guid isPermaLink="false">a-1</guid></item>
      <item><title>Path-relative</title><link>story.html?id=7</link></item>
      <item><title>Only a guid</title><guid isPermaLink="false">12345</guid></item>
      <item><title>Absolute</title><link>https://other.example/x</link></item>
    </channel></rss>`;
    const feed = await parseFeed(xml, FETCHED, "application/rss+xml", "https://portal.example/rss/politics.xml");
    expect(feed.items.map((i) => i.link)).toEqual(["https://portal.example/news/2026/budget", "https://portal.example/rss/story.html?id=7", null, "https://other.example/x"]);
    // Without the feed's URL a relative link is none at all, as before.
    expect((await parseFeed(xml, FETCHED)).items.map((i) => i.link)).toEqual([null, null, null, "https://other.example/x"]);
  });
});

describe("A guid repeated inside one feed", () => {
  const FETCHED = Date.parse("2026-12-01T12:00:00Z");
  const feed = (order: string[]) => {
    const items: Record<string, string> = {
      a: `<item><title>Budget passes</title><link>https://p.example/a</link><guid>news</guid></item>`,
      b: `<item><title>Storm closes schools</title><link>https://p.example/b</link><guid>news</guid></item>`,
      c: `<item><title>Match report</title><link>https://p.example/c</link><guid>c-1</guid></item>`,
    };
    return `<rss version="2.0"><channel><title>T</title>${order.map((k) => items[k]).join("")}</channel></rss>`;
  };

  it("keeps every story, told apart by its link, with the same keys whatever the order; the same item twice is one", async () => {
    const first = await parseFeed(feed(["a", "b", "c"]), FETCHED);
    expect(first.items.map((i) => i.title)).toEqual(["Budget passes", "Storm closes schools", "Match report"]);
    expect(new Set(first.items.map((i) => i.key)).size).toBe(3);
    expect(first.items[2]?.key).toBe("guid:c-1");
    const reordered = await parseFeed(feed(["b", "c", "a"]), FETCHED);
    expect(Object.fromEntries(reordered.items.map((i) => [i.title, i.key]))).toEqual(Object.fromEntries(first.items.map((i) => [i.title, i.key])));
    expect((await parseFeed(feed(["a", "a", "c"]), FETCHED)).items.map((i) => i.title)).toEqual(["Budget passes", "Match report"]);
  });

  it("stores a story once when its guid is alone in one poll and shared in the next: its link finds it", async () => {
    const temp = openTempDatabase("guid-");
    try {
      const { db } = temp.database;
      db.$client.prepare("INSERT INTO feeds (id, url, name, created_at) VALUES (1, 'https://p.example/rss', 'P', 0)").run();
      const matcher = new TopicMatcher([]);
      const poll = async (order: string[], at: number) => {
        const prepared = completeFeed(await parseFeed(feed(order), at), [], matcher);
        return db.$client.transaction(() => storeFeedItems(db, 1, prepared.items, at))();
      };
      expect(await poll(["a", "c"], FETCHED)).toMatchObject({ added: 2 });
      // "a" now shares its guid with "b", so its key changes; the canonical link keeps it one article.
      expect(await poll(["a", "b", "c"], FETCHED + 600_000)).toMatchObject({ added: 1, merged: 1 });
      expect(countArticles(db)).toBe(3);
    } finally {
      temp.close();
    }
  });
});

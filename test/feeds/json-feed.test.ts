import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFeedFetcher } from "../../src/feeds/fetch-feed.js";
import { FeedParseError, parseFeed } from "../../src/feeds/parse-feed.js";
import { createParsePool, type ParsePool } from "../../src/feeds/parse-pool.js";
import { parseFetched } from "../../src/feeds/prepare-feed.js";
import { createLogger } from "../../src/logger.js";
import { BUILTIN_TOPICS } from "../../src/topics/builtin-topics.js";
import { startFeedServer, type FeedServer } from "../helpers/feed-server.js";

const FETCHED_AT = Date.parse("2026-11-24T12:00:00Z");

// The shape of a real 1.1 feed: authors, HTML content, a summary, tags, attachments, an item with only content_text.
const feed11 = JSON.stringify({
  version: "https://jsonfeed.org/version/1.1",
  title: "Daily &amp; <b>Weekly</b> Wire",
  home_page_url: "https://wire.example.com/",
  feed_url: "https://wire.example.com/feed.json",
  language: "en-US",
  authors: [{ name: "Wire Staff", url: "https://wire.example.com/staff" }],
  items: [
    {
      id: "https://wire.example.com/2026/11/23/budget",
      url: "https://wire.example.com/2026/11/23/budget",
      title: "Parliament passes the <em>budget</em> &amp; more",
      summary: "Lawmakers&nbsp;agree after a long night.",
      content_html: "<p>Lawmakers <b>agree</b>.</p><script>track()</script>",
      date_published: "2026-11-23T22:15:00+01:00",
      date_modified: "2026-11-24T08:00:00Z",
      authors: [{ name: "A. Writer" }],
      tags: ["Politics", "Economy", "Politics"],
      attachments: [{ url: "https://wire.example.com/a.mp3", mime_type: "audio/mpeg" }],
    },
    {
      id: "tag:wire.example.com,2026:note-77",
      content_text: "Storm hits the coast. Thousands lose power.",
      external_url: "https://elsewhere.example.org/storm",
      date_modified: "2026-11-22T06:00:00Z",
    },
    {
      url: "https://wire.example.com/no-id",
      title: "No id at all",
      content_html: "<p>Body</p>",
      date_published: "2026-11-21T10:00:00Z",
    },
    { title: "Neither id nor url", content_text: "Text only." },
  ],
});

// A 1.0 feed: the singular `author`, a numeric id, and `date_published` in the future.
const feed10 = JSON.stringify({
  version: "https://jsonfeed.org/version/1",
  title: "Micro Blog",
  home_page_url: "https://micro.example.net/",
  author: { name: "Manton", url: "https://micro.example.net/about" },
  items: [
    {
      id: 1042,
      url: "https://micro.example.net/2026/11/20/1042.html",
      title: "",
      content_html: "<p>Coffee and <a href=\"https://x.example\">code</a> this morning.</p>",
      date_published: "2026-11-20T07:30:00-08:00",
      author: { name: "Manton" },
    },
    { id: "future", url: "https://micro.example.net/future", title: "Scheduled", content_text: "x", date_published: "2099-01-01T00:00:00Z" },
  ],
});

const expected11 = [
  {
    key: "guid:https://wire.example.com/2026/11/23/budget",
    title: "Parliament passes the budget & more",
    link: "https://wire.example.com/2026/11/23/budget",
    summary: "Lawmakers agree after a long night.",
    categories: ["Politics", "Economy"],
    publishedAt: Date.parse("2026-11-23T21:15:00Z"),
  },
  {
    key: "guid:tag:wire.example.com,2026:note-77",
    title: "Storm hits the coast.",
    link: "https://elsewhere.example.org/storm",
    summary: "Storm hits the coast. Thousands lose power.",
    categories: [],
    publishedAt: Date.parse("2026-11-22T06:00:00Z"),
  },
  {
    key: "link:https://wire.example.com/no-id",
    title: "No id at all",
    link: "https://wire.example.com/no-id",
    summary: "Body",
    categories: [],
    publishedAt: Date.parse("2026-11-21T10:00:00Z"),
  },
  { key: "title:Neither id nor url|", title: "Neither id nor url", link: null, summary: "Text only.", categories: [], publishedAt: FETCHED_AT },
];

async function parseError(body: string, contentType?: string): Promise<FeedParseError> {
  const error = await parseFeed(body, FETCHED_AT, contentType).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(FeedParseError);
  return error as FeedParseError;
}

describe("parseFeed: JSON Feed 1.1", () => {
  it("reads title and items as stored: HTML stripped, dates parsed, tags as categories, key from id, else url, else title", async () => {
    const feed = await parseFeed(feed11, FETCHED_AT, "application/feed+json");
    expect(feed.title).toBe("Daily & Weekly Wire");
    expect(feed.items).toEqual(expected11);
  });

  it.each([["application/feed+json; charset=utf-8"], ["application/json"], [null]])("is recognised with content type %j", async (contentType) => {
    expect((await parseFeed(feed11, FETCHED_AT, contentType)).items).toEqual(expected11);
  });

  it("gives the same keys when fetched again later", async () => {
    const later = await parseFeed(feed11, FETCHED_AT + 3_600_000);
    expect(later.items.map((i) => i.key)).toEqual(expected11.map((i) => i.key));
  });
});

describe("parseFeed: JSON Feed 1.0", () => {
  it("reads items with the singular author, a numeric id and a title made from the content; a future date is the fetch time", async () => {
    const feed = await parseFeed(feed10, FETCHED_AT, "application/json");
    expect(feed.title).toBe("Micro Blog");
    expect(feed.items).toEqual([
      {
        key: "guid:1042",
        title: "Coffee and code this morning.",
        link: "https://micro.example.net/2026/11/20/1042.html",
        summary: "Coffee and code this morning.",
        categories: [],
        publishedAt: Date.parse("2026-11-20T15:30:00Z"),
      },
      { key: "guid:future", title: "Scheduled", link: "https://micro.example.net/future", summary: "x", categories: [], publishedAt: FETCHED_AT },
    ]);
  });
});

describe("parseFeed: JSON that is not a JSON Feed", () => {
  it.each([
    ['{"items": []}', undefined],
    ['{"version": "1.1", "items": []}', "application/feed+json"],
    ['{"version": "https://jsonfeed.org/version/1.1", "items": {"id": "x"}}', undefined],
    ['{"version": "https://jsonfeed.org/version/1.1", "title": "x"}', undefined],
    ["[1, 2, 3]", "application/json"],
    ["null", "application/json"],
    ['{"version": "https://jsonfeed.org/version/1.1", "items": [', undefined],
    ["{ not json", "application/feed+json"],
    ['"just a string"', "application/json"],
  ])("is a one-line FeedParseError saying it is not a JSON Feed: %s (%s)", async (body, contentType) => {
    const error = await parseError(body, contentType);
    expect(error.message).toMatch(/^not a JSON Feed: \S/);
    expect(error.message).not.toContain("\n");
    expect(error.message.length).toBeLessThan(300);
  });

  it("skips items that are not objects and ignores fields of the wrong type", async () => {
    const body = JSON.stringify({
      version: "https://jsonfeed.org/version/1.1",
      title: 42,
      items: [null, "x", [1], { id: { nested: true }, url: 7, title: ["t"], content_text: "Kept. Really.", tags: "not-a-list", date_published: 12 }],
    });
    const feed = await parseFeed(body, FETCHED_AT);
    expect(feed.title).toBeNull();
    expect(feed.items).toEqual([{ key: "title:Kept.|", title: "Kept.", link: null, summary: "Kept. Really.", categories: [], publishedAt: FETCHED_AT }]);
  });

  it("still reads an RSS feed a server labels application/json", async () => {
    const feed = await parseFeed('<rss version="2.0"><channel><title>T</title><item><title>Hi</title><guid>g</guid></item></channel></rss>', FETCHED_AT, "application/json");
    expect(feed.items.map((i) => i.key)).toEqual(["guid:g"]);
  });
});

describe("When a JSON Feed is fetched and prepared", () => {
  let server: FeedServer;
  let pool: ParsePool;
  beforeAll(async () => {
    server = await startFeedServer();
    pool = createParsePool(BUILTIN_TOPICS.map((t, i) => ({ ...t, id: i + 1 })), createLogger("silent", []), 1);
  });
  afterAll(async () => {
    await pool.close();
    await server.close();
  });

  it("then the fetcher asks for application/feed+json, and the main thread and a worker read it alike", async () => {
    server.route("/feed.json", { headers: { "content-type": "application/feed+json" }, body: feed11 });
    const fetcher = createFeedFetcher({ timeoutMs: 5000, maxBytes: 1024 * 1024, userAgent: "test", allowPrivate: true });
    try {
      const result = await fetcher.fetch({ url: server.url("/feed.json") });
      expect(server.hits("/feed.json")[0]!.headers.accept).toContain("application/feed+json");
      if (result.kind !== "ok") throw new Error(`fetch gave ${result.kind}`);
      expect(result.contentType).toBe("application/feed+json");
      const request = { body: new Uint8Array(result.body), contentType: result.contentType, fetchedAt: FETCHED_AT };
      const here = await parseFetched(request);
      expect(here.items).toEqual(expected11);
      const pooled = await pool.prepare({ ...request, feedTopics: [] });
      expect(pooled.items.map(({ key, title, link, summary, categories, publishedAt }) => ({ key, title, link, summary, categories, publishedAt }))).toEqual(expected11);
    } finally {
      await fetcher.close();
    }
  });

  it("then a worker reports JSON that is not a JSON Feed as a FeedParseError", async () => {
    const error = await pool.prepare({ body: Buffer.from('{"data": [1]}'), contentType: "application/json", fetchedAt: FETCHED_AT, feedTopics: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedParseError);
    expect((error as Error).message).toMatch(/^not a JSON Feed/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FeedParseError } from "../../src/feeds/parse-feed.js";
import { createParsePool, type ParsePool } from "../../src/feeds/parse-pool.js";
import { parseHere } from "../../src/feeds/poll-feeds.js";
import { createLogger } from "../../src/logger.js";
import { rssFeed } from "../helpers/feed-server.js";

describe("When feeds are parsed in worker threads", () => {
  let pool: ParsePool;
  let fallbacks = 0;
  beforeAll(() => {
    pool = createParsePool((...args) => {
      fallbacks++;
      return parseHere(...args);
    }, createLogger("silent", []), 2);
  });
  afterAll(() => pool.close());

  it("then they give the same items as parsing on the main thread, in parallel", async () => {
    const bodies = Array.from({ length: 20 }, (_, f) =>
      Buffer.from(rssFeed({ title: `F${f}`, items: Array.from({ length: 10 }, (_, i) => ({ guid: `${f}-${i}`, title: `Item ${i} of ${f} &amp; more`, link: `https://x.example/${f}/${i}`, pubDate: new Date(Date.UTC(2026, 0, 1)) })) })),
    );
    const fetchedAt = Date.UTC(2026, 5, 1);
    const pooled = await Promise.all(bodies.map((b) => pool.parse(b, "application/rss+xml", fetchedAt)));
    const local = await Promise.all(bodies.map((b) => parseHere(b, "application/rss+xml", fetchedAt)));
    expect(pooled).toEqual(local);
    expect(fallbacks).toBe(0);
  });

  it("then a bad feed is a FeedParseError with the parser's message", async () => {
    const error = await pool.parse(Buffer.from("<!DOCTYPE html><html></html>"), "text/html", Date.now()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedParseError);
    expect((error as Error).message).toContain("HTML");
  });
});

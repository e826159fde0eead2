import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalKey } from "../../src/feeds/identity.js";
import { FeedParseError } from "../../src/feeds/parse-feed.js";
import { createParsePool, type ParsePool } from "../../src/feeds/parse-pool.js";
import { prepareHere } from "../../src/feeds/poll-feeds.js";
import { createLogger } from "../../src/logger.js";
import { BUILTIN_TOPICS } from "../../src/topics/builtin-topics.js";
import { TopicMatcher } from "../../src/topics/matcher.js";
import { rssFeed } from "../helpers/feed-server.js";

const rules = BUILTIN_TOPICS.map((t, i) => ({ ...t, id: i + 1 }));
const politics = rules.find((r) => r.name === "Politics")!.id;
const sports = rules.find((r) => r.name === "Sports")!.id;

describe("When feeds are prepared in worker threads", () => {
  let pool: ParsePool;
  beforeAll(() => {
    pool = createParsePool(rules, createLogger("silent", []), 2);
  });
  afterAll(() => pool.close());

  const request = (body: string, feedTopics: string[] = []) => ({ body: Buffer.from(body), contentType: "application/rss+xml", fetchedAt: Date.UTC(2026, 5, 1), feedTopics });

  it("then they give the same items, identities, links and topics as on the main thread", async () => {
    const bodies = Array.from({ length: 20 }, (_, f) =>
      rssFeed({ title: `F${f}`, items: Array.from({ length: 10 }, (_, i) => ({ guid: `${f}-${i}`, title: `Parliament vote ${i} of ${f} &amp; more`, link: `https://x.example/${f}/${i}?utm_source=rss`, pubDate: new Date(Date.UTC(2026, 0, 1)) })) }),
    );
    const pooled = await Promise.all(bodies.map((b) => pool.prepare(request(b, ["Sports"]))));
    const local = await Promise.all(bodies.map((b) => prepareHere(new TopicMatcher(rules))(request(b, ["Sports"]))));
    expect(pooled).toEqual(local);
    expect(pooled[0]!.items[0]!.topicIds.sort()).toEqual([politics, sports].sort());
    expect(pooled[0]!.items[0]!.canonical).toBe(canonicalKey("https://x.example/0/0"));
  });

  it("then new topic rules apply to the feeds prepared after them", async () => {
    pool.setRules([{ id: 99, name: "Budgets", categories: [], keywords: ["budget*"] }]);
    const feed = await pool.prepare(request(rssFeed({ title: "B", items: [{ guid: "b", title: "Budget talks resume" }] })));
    expect(feed.items[0]!.topicIds).toEqual([99]);
  });

  it("then users' topics followed and unfollowed since are added to and removed from the matcher in use", async () => {
    const catalog = { id: 99, name: "Budgets", categories: [], keywords: ["budget*"] };
    const own = (id: number, rule: string) => ({ id, name: rule, categories: [], keywords: [], rule });
    const topicsOf = async (title: string) => (await pool.prepare(request(rssFeed({ title: "B", items: [{ guid: title, title }] })))).items[0]!.topicIds.sort((a, b) => a - b);
    pool.setRules([catalog, own(100, "talks"), own(101, "Kyiv metro")]);
    expect(await topicsOf("Budget talks in Kyiv metro")).toEqual([99, 100, 101]);
    pool.setRules([catalog, own(101, "Kyiv metro"), own(102, "budget -Kyiv")]);
    expect(await topicsOf("Budget talks in Kyiv metro")).toEqual([99, 101]);
    expect(await topicsOf("Budget talks")).toEqual([99, 102]);
    // A catalog topic edited: the matcher is built again, users' topics included.
    pool.setRules([{ ...catalog, keywords: ["talks"] }, own(101, "Kyiv metro")]);
    expect(await topicsOf("Budget talks in Kyiv metro")).toEqual([99, 101]);
    expect(await topicsOf("Budget")).toEqual([]);
  });

  it("then a bad feed is a FeedParseError with the parser's message", async () => {
    const error = await pool.prepare(request("<!DOCTYPE html><html></html>")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedParseError);
    expect((error as Error).message).toContain("HTML");
  });
});

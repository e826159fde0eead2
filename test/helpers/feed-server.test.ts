import { describe, expect, it } from "vitest";
import { atomFeed, rssFeed, startFeedServer } from "./feed-server.js";

describe("feed server", () => {
  it("serves routes, answers conditional requests with 304 and records headers", async () => {
    const feeds = await startFeedServer();
    try {
      const xml = rssFeed({ title: "A & B", items: [{ title: "<One>", link: "https://e.com/1", guid: "g1" }] });
      feeds.route("/rss", { body: xml, etag: '"v1"' });
      const first = await fetch(feeds.url("/rss"), { headers: { "user-agent": "digest-test" } });
      expect(await first.text()).toContain("<title>&lt;One&gt;</title>");
      const second = await fetch(feeds.url("/rss?x=1"), { headers: { "if-none-match": '"v1"' } });
      expect(second.status).toBe(304);
      expect(feeds.hits("/rss").map((hit) => hit.headers["user-agent"])[0]).toBe("digest-test");
      expect(feeds.hitCount("/rss")).toBe(2);
      expect((await fetch(feeds.url("/missing"))).status).toBe(404);
      expect(atomFeed({ title: "T", items: [{ title: "E" }] })).toContain("<id>urn:test:entry:1</id>");
    } finally {
      await feeds.close();
    }
  });
});

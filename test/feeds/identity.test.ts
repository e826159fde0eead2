import { describe, expect, it } from "vitest";
import { canonicalUrl, identityHash } from "../../src/feeds/identity.js";

describe("canonicalUrl", () => {
  it("folds the variants of one story's link together", () => {
    const variants = [
      "https://www.news.example/world/story-1",
      "http://news.example/world/story-1/",
      "https://NEWS.example/world/story-1?utm_source=rss&utm_medium=feed",
      "https://news.example/world/story-1#comments",
      "https://news.example/world/story-1?fbclid=abc&gclid=def",
    ];
    expect(new Set(variants.map(canonicalUrl)).size).toBe(1);
  });

  it("keeps parameters that name the story", () => {
    expect(canonicalUrl("https://news.example/article?id=1")).not.toBe(canonicalUrl("https://news.example/article?id=2"));
    expect(canonicalUrl("https://news.example/a?id=7&utm_campaign=x")).toBe("news.example/a?id=7");
  });

  it("gives null for missing and non-web links", () => {
    expect(canonicalUrl(null)).toBeNull();
    expect(canonicalUrl("mailto:desk@news.example")).toBeNull();
    expect(canonicalUrl("not a url")).toBeNull();
  });
});

describe("identityHash", () => {
  it("is stable and tells keys apart", () => {
    expect(identityHash("guid:abc")).toBe(identityHash("guid:abc"));
    expect(identityHash("guid:abc")).not.toBe(identityHash("guid:abd"));
  });
});

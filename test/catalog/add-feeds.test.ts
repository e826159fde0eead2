import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { addFeeds } from "../../src/catalog/add-feeds.js";
import { parseCatalog, type Catalog } from "../../src/catalog/load-catalog.js";

const DEFAULT_CATALOG = readFileSync(join(import.meta.dirname, "..", "..", "src", "catalog", "default-catalog.yaml"), "utf8");

/** The catalog the bot would load from `text`; throws as the bot would refuse it. */
function load(text: string): Catalog {
  return parseCatalog(parseYaml(text), (problem) => new Error(problem));
}

describe("addFeeds", () => {
  it("appends new feeds after the existing ones and leaves the rest of the file as it was", () => {
    const result = addFeeds(DEFAULT_CATALOG, [
      { url: "https://new.example/rss", name: "New Wire", topics: ["politics", "WORLD"] },
      { url: "https://plain.example/feed", topics: [] },
    ]);
    expect(result).toMatchObject({ added: 2, skipped: 0, unknownTopics: [], invalidUrls: [] });
    expect(result.text.startsWith(DEFAULT_CATALOG)).toBe(true);
    expect(result.text.slice(DEFAULT_CATALOG.length)).toBe(
      "  - url: https://new.example/rss\n    name: New Wire\n    topics: [Politics, World]\n  - url: https://plain.example/feed\n",
    );
    const catalog = load(result.text);
    expect(catalog.feeds).toHaveLength(load(DEFAULT_CATALOG).feeds.length + 2);
  });

  it("skips feeds already in the catalog, comparing URLs as the catalog does", () => {
    const result = addFeeds(DEFAULT_CATALOG, [
      { url: "https://FEEDS.bbci.co.uk/news/world/rss.xml", name: "Dup", topics: [] },
      { url: " https://meduza.io/rss/all ", topics: [] },
      { url: "https://meduza.io/rss/all", topics: ["World"] },
    ]);
    expect(result).toEqual({ text: DEFAULT_CATALOG, added: 0, skipped: 2, unknownTopics: [], invalidUrls: [] });
  });

  it("keeps only categories that are topics of the catalog, reporting each unknown one once", () => {
    const result = addFeeds(DEFAULT_CATALOG, [
      { url: "https://a.example/", topics: ["Subscriptions", "Science", "Europe"] },
      { url: "https://b.example/", topics: ["subscriptions", "Gadgets"] },
    ]);
    expect(result.unknownTopics).toEqual(["Subscriptions", "Europe", "Gadgets"]);
    expect(load(result.text).feeds.slice(-2)).toEqual([
      { url: "https://a.example/", topics: ["Science"] },
      { url: "https://b.example/", topics: [] },
    ]);
  });

  it("uses the catalog's own topics when it lists them, not the built-in ones", () => {
    const text = "feeds:\n  - url: https://a.example/\ntopics:\n  - name: Local News\n    categories: [local]\n";
    const result = addFeeds(text, [{ url: "https://b.example/", topics: ["World", "local news"] }]);
    expect(result.unknownTopics).toEqual(["World"]);
    expect(load(result.text).feeds[1]).toEqual({ url: "https://b.example/", topics: ["Local News"] });
  });

  it("merges a URL listed twice (a feed in two folders) into one feed with both topics", () => {
    const result = addFeeds("feeds: []\n", [
      { url: "https://a.example/", name: "First", topics: ["World"] },
      { url: "https://a.example/", name: "Second", topics: ["Politics", "world"] },
    ]);
    expect(result.added).toBe(1);
    expect(load(result.text).feeds).toEqual([{ url: "https://a.example/", name: "First", topics: ["World", "Politics"] }]);
  });

  it("leaves out URLs that are not http or https", () => {
    const result = addFeeds("feeds: []\n", [
      { url: "ftp://files.example/feed", topics: [] },
      { url: "not a url", topics: [] },
      { url: "https://ok.example/", topics: [] },
    ]);
    expect(result.invalidUrls).toEqual(["ftp://files.example/feed", "not a url"]);
    expect(load(result.text).feeds.map((f) => f.url)).toEqual(["https://ok.example/"]);
  });

  it("turns an empty `feeds: []` into a block list and keeps the comments around it", () => {
    const text = "# My catalog\nfeeds: []\n\n# Local topics\ntopics:\n  - name: World # everything\n    keywords: [world]\n";
    const result = addFeeds(text, [{ url: "https://a.example/", name: "A", topics: ["World"] }]);
    expect(result.text).toBe(
      "# My catalog\nfeeds:\n  - url: https://a.example/\n    name: A\n    topics: [World]\n\n# Local topics\ntopics:\n  - name: World # everything\n    keywords: [world]\n",
    );
  });

  it("follows the file's own list layout: items not indented, or indented by four", () => {
    const flat = "feeds:\n- url: https://a.example/\n  topics:\n  - World\n";
    expect(addFeeds(flat, [{ url: "https://b.example/", topics: [] }]).text).toBe(`${flat}- url: https://b.example/\n`);
    const wide = "feeds:\n    - url: https://a.example/\n      name: A\n";
    expect(addFeeds(wide, [{ url: "https://b.example/", name: "B", topics: [] }]).text).toBe(`${wide}    - url: https://b.example/\n      name: B\n`);
  });

  it("quotes names that YAML would otherwise read as something else", () => {
    const names = ["2024", "null", "a: b # c", "- dash", "[x]", "'single'", "Café & Co", "Українська правда"];
    const result = addFeeds("feeds: []\n", names.map((name, i) => ({ url: `https://n${i}.example/`, name, topics: [] })));
    expect(load(result.text).feeds.map((f) => f.name)).toEqual(names);
  });

  it("throws the caller's error for a catalog that is not valid YAML or not a valid catalog", () => {
    const fail = (problem: string) => new RangeError(`bad catalog: ${problem}`);
    const feeds = [{ url: "https://a.example/", topics: [] }];
    expect(() => addFeeds("feeds: [\n", feeds, fail)).toThrow(/bad catalog: is not valid YAML/);
    expect(() => addFeeds("feeds: nope\n", feeds, fail)).toThrow(RangeError);
    expect(() => addFeeds("feeds:\n  - url: https://a.example/\n    topics: [Nonsense]\n", feeds, fail)).toThrow(/not a topic/);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CatalogError, loadCatalog, parseCatalog } from "../../src/catalog/load-catalog.js";
import { DEFAULT_CATALOG_FILE } from "../../src/config.js";
import { BUILTIN_TOPICS } from "../../src/topics/builtin-topics.js";

const dir = mkdtempSync(join(tmpdir(), "catalog-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function catalogFile(yaml: string): string {
  const file = join(dir, `catalog-${++fileCount}.yaml`);
  writeFileSync(file, yaml);
  return file;
}

/** The CatalogError loading this YAML throws (fails the test if it loads). */
function loadError(yaml: string): { file: string; message: string } {
  const file = catalogFile(yaml);
  try {
    loadCatalog(file);
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    return { file, message: (error as Error).message };
  }
  throw new Error(`catalog loaded:\n${yaml}`);
}

const builtinNames = BUILTIN_TOPICS.map((t) => t.name);

describe("loadCatalog", () => {
  it("reads feeds with their names and topics, and keeps the built-in topics", () => {
    const catalog = loadCatalog(
      catalogFile(`
feeds:
  - url: https://feeds.example.com/politics.xml
    name: Example News
    topics: [Politics, Ukraine]
  - url: http://example.org/rss
`),
    );
    expect(catalog.feeds).toEqual([
      { url: "https://feeds.example.com/politics.xml", name: "Example News", topics: ["Politics", "Ukraine"] },
      { url: "http://example.org/rss", topics: [] },
    ]);
    expect(catalog.topics.map((t) => t.name)).toEqual(builtinNames);
  });

  it("accepts feed topics in any case", () => {
    const catalog = loadCatalog(catalogFile("feeds:\n  - url: https://a.example/rss\n    topics: [politics, SPORTS]\n"));
    expect(catalog.feeds[0]?.topics).toEqual(["politics", "SPORTS"]);
  });

  it("accepts an empty feed list", () => {
    expect(loadCatalog(catalogFile("feeds: []\n")).feeds).toEqual([]);
  });

  it("replaces the built-in topics with a `topics:` list", () => {
    const catalog = loadCatalog(
      catalogFile(`
feeds:
  - url: https://a.example/rss
    topics: [Cats]
topics:
  - name: Cats
    categories: [Pets, Кошки]
    keywords: [cat*, "big cats"]
    exclude: [catalogue, "cat food"]
  - name: Dogs
`),
    );
    expect(catalog.topics).toEqual([
      { name: "Cats", categories: ["Pets", "Кошки"], keywords: ["cat*", "big cats"], exclude: ["catalogue", "cat food"] },
      { name: "Dogs", categories: [], keywords: [], exclude: [] },
    ]);
  });

  it("rejects a feed naming a built-in topic the catalog's own topics replaced", () => {
    const { message } = loadError("feeds:\n  - url: https://a.example/rss\n    topics: [Politics]\ntopics:\n  - name: Cats\n");
    expect(message).toContain('"Politics"');
    expect(message).toContain("feeds[0].topics");
  });

  it("says which feed lacks a url, and in which file", () => {
    const { file, message } = loadError("feeds:\n  - url: https://a.example/rss\n  - name: No URL here\n");
    expect(message).toContain(file);
    expect(message).toContain("feeds[1].url");
  });

  it.each(["ftp://example.com/feed.xml", "file:///etc/passwd", "javascript:alert(1)"])("rejects the non-http url %j", (url) => {
    const { message } = loadError(`feeds:\n  - url: "${url}"\n`);
    expect(message).toContain("feeds[0].url");
    expect(message).toContain("http");
  });

  it("rejects a url that is not a URL", () => {
    const { message } = loadError("feeds:\n  - url: not a url\n");
    expect(message).toContain("feeds[0].url");
    expect(message).toContain("not a URL");
  });

  it("rejects a feed listed twice, even spelled differently", () => {
    const { message } = loadError("feeds:\n  - url: https://a.example/rss\n  - url: https://b.example/rss\n  - url: HTTPS://A.EXAMPLE/rss\n");
    expect(message).toContain("feeds[2]");
    expect(message).toContain("twice");
  });

  it("rejects a feed naming an unknown topic, naming the topic", () => {
    const { message } = loadError("feeds:\n  - url: https://a.example/rss\n    topics: [Politics, Gossip]\n");
    expect(message).toContain('"Gossip"');
    expect(message).toContain("feeds[0].topics");
  });

  it("rejects a topic listed twice", () => {
    const { message } = loadError("feeds: []\ntopics:\n  - name: Cats\n  - name: cats\n");
    expect(message).toContain("topics[1].name");
    expect(message).toContain("twice");
  });

  it("rejects bad YAML, saying so", () => {
    const { file, message } = loadError("feeds:\n  - url: https://a.example/rss\n   name: [unclosed\n");
    expect(message).toContain(file);
    expect(message).toContain("not valid YAML");
    expect(message).not.toContain("\n");
  });

  it.each([
    ["", "mapping"],
    ["- just\n- a list\n", "mapping"],
    ["topics: []\n", "`feeds:` must be a list"],
    ["feeds: https://a.example/rss\n", "`feeds:` must be a list"],
    ["feeds:\n  - https://a.example/rss\n", "feeds[0]"],
    ["feeds:\n  - url: https://a.example/rss\n    topics: Politics\n", "feeds[0].topics must be a list"],
  ])("explains a catalog of the wrong shape: %j", (yaml, expected) => {
    expect(loadError(yaml).message).toContain(expected);
  });

  it("says when the file cannot be read", () => {
    const missing = join(dir, "does-not-exist.yaml");
    expect(() => loadCatalog(missing)).toThrow(CatalogError);
    expect(() => loadCatalog(missing)).toThrow(/does-not-exist\.yaml.*cannot be read/);
  });
});

describe("parseCatalog", () => {
  it("validates already-parsed data and builds errors with the given function", () => {
    class MyError extends Error {}
    expect(parseCatalog({ feeds: [{ url: "https://a.example/rss", name: "A" }] }, (p) => new MyError(p)).feeds).toEqual([
      { url: "https://a.example/rss", name: "A", topics: [] },
    ]);
    expect(() => parseCatalog({ feeds: [{}] }, (p) => new MyError(p))).toThrow(MyError);
  });
});

describe("the shipped default catalog", () => {
  const catalog = loadCatalog(DEFAULT_CATALOG_FILE);

  it("loads and lists feeds over http(s), each once", () => {
    expect(catalog.feeds.length).toBeGreaterThan(0);
    for (const feed of catalog.feeds) expect(new URL(feed.url).protocol).toMatch(/^https?:$/);
    expect(new Set(catalog.feeds.map((f) => f.url)).size).toBe(catalog.feeds.length);
  });

  it("uses the built-in topics, and every feed topic is one of them, spelled exactly", () => {
    expect(catalog.topics.map((t) => t.name)).toEqual(builtinNames);
    for (const feed of catalog.feeds) for (const topic of feed.topics) expect(builtinNames).toContain(topic);
  });

  it("gives every feed a name to show as the source", () => {
    for (const feed of catalog.feeds) expect(feed.name?.trim()).toBeTruthy();
  });
});

describe("the built-in topics", () => {
  it("have distinct names, and each has categories and keywords", () => {
    expect(new Set(builtinNames.map((n) => n.toLowerCase())).size).toBe(builtinNames.length);
    for (const topic of BUILTIN_TOPICS) {
      expect(topic.categories.length, topic.name).toBeGreaterThan(0);
      expect(topic.keywords.length, topic.name).toBeGreaterThan(0);
    }
  });
});

import { isSeq, parseDocument, type Document, type ToStringOptions } from "yaml";
import { parseCatalog, type Catalog, type CatalogFeed } from "./load-catalog.js";
import type { OpmlFeed } from "./opml.js";

export interface AddFeedsResult {
  /** The catalog's new YAML text; the text given when nothing was added. */
  text: string;
  added: number;
  /** Feeds left out because their URL is already in the catalog. */
  skipped: number;
  /** Category names that are not topics of the catalog, so no feed got them. */
  unknownTopics: string[];
  /** Feed URLs left out because they are not http or https URLs. */
  invalidUrls: string[];
}

/**
 * Appends `feeds` to the catalog YAML `text`, keeping its comments and layout. A feed's topics are kept only if they
 * name a topic of the catalog (any case; written in the catalog's spelling). The same URL twice in `feeds` is one feed
 * with the topics of both. `fail` builds the error thrown when the catalog itself is unusable.
 */
export function addFeeds(text: string, feeds: readonly OpmlFeed[], fail: (problem: string) => Error = (problem) => new Error(problem)): AddFeedsResult {
  const { doc, catalog } = readCatalog(text, fail);
  const topicSpelling = new Map(catalog.topics.map((t) => [t.name.toLowerCase(), t.name]));
  const inCatalog = new Set(catalog.feeds.map((f) => f.url));
  const skipped = new Set<string>();
  const invalidUrls = new Set<string>();
  const unknownTopics = new Map<string, string>();
  const toAdd = new Map<string, CatalogFeed>();
  for (const feed of feeds) {
    const url = httpUrl(feed.url);
    if (url === undefined) invalidUrls.add(feed.url);
    else if (inCatalog.has(url)) skipped.add(url);
    else {
      const topics = feed.topics.filter((name) => {
        const known = topicSpelling.has(name.toLowerCase());
        if (!known && !unknownTopics.has(name.toLowerCase())) unknownTopics.set(name.toLowerCase(), name);
        return known;
      });
      const spelled = topics.map((name) => topicSpelling.get(name.toLowerCase()) ?? name);
      toAdd.set(url, merge(toAdd.get(url), { url, name: feed.name, topics: spelled }));
    }
  }
  const result = { added: toAdd.size, skipped: skipped.size, unknownTopics: [...unknownTopics.values()], invalidUrls: [...invalidUrls] };
  if (toAdd.size === 0) return { text, ...result };
  const newText = appendFeeds(doc, text, [...toAdd.values()], fail);
  // Cannot fail for a catalog that passed above; checked so that a bug never writes a catalog the bot refuses.
  readCatalog(newText, (problem) => new Error(`adding the feeds would break the catalog: ${problem}`));
  return { text: newText, ...result };
}

function readCatalog(text: string, fail: (problem: string) => Error): { doc: Document; catalog: Catalog } {
  const doc = parseDocument(text);
  const error = doc.errors[0];
  if (error) throw fail(`is not valid YAML: ${error.message.split("\n")[0]}`);
  return { doc, catalog: parseCatalog(doc.toJS(), fail) };
}

/** The URL as the catalog stores it (normalized, as parseCatalog compares them), or undefined if not http(s). */
function httpUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
}

/** The first name given wins; topics are the union, without repeats. */
function merge(earlier: CatalogFeed | undefined, later: { url: string; name: string | undefined; topics: string[] }): CatalogFeed {
  const name = earlier?.name ?? later.name;
  const topics = [...new Set([...(earlier?.topics ?? []), ...later.topics])];
  return name === undefined ? { url: later.url, topics } : { url: later.url, name, topics };
}

function appendFeeds(doc: Document, text: string, feeds: readonly CatalogFeed[], fail: (problem: string) => Error): string {
  const list = doc.get("feeds", true);
  if (!isSeq(list)) throw fail("`feeds:` must be a plain list to add feeds to it");
  // `feeds: []` would otherwise grow into one long flow line.
  if (list.items.length === 0) list.flow = false;
  for (const feed of feeds) {
    const entry = feed.name === undefined ? { url: feed.url } : { url: feed.url, name: feed.name };
    const node = doc.createNode(feed.topics.length > 0 ? { ...entry, topics: feed.topics } : entry);
    // Short topic lists are written `topics: [World]`, as in the shipped catalog.
    const topics = node.get("topics", true);
    if (isSeq(topics)) topics.flow = true;
    list.items.push(node);
  }
  return doc.toString(layoutOf(text));
}

/**
 * The yaml package re-renders the whole document, so options that match the file's own layout keep unchanged parts
 * unchanged: list items indented under their key or not, the indent width, no folding, `[World]` without padding.
 */
function layoutOf(text: string): ToStringOptions {
  const itemIndents = [...text.matchAll(/^( *)- /gm)].map((m) => (m[1] ?? "").length);
  const indentSeq = !itemIndents.includes(0);
  const indent = indentSeq && itemIndents.length > 0 ? Math.min(...itemIndents) : 2;
  return { indent: Math.min(Math.max(indent, 1), 8), indentSeq, lineWidth: 0, flowCollectionPadding: false };
}

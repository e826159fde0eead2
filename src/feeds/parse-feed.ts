import Parser from "rss-parser";
import { looksLikeJson, NotJsonFeed, readJsonFeed, type RawEntry } from "./json-feed.js";
import { headlineFromSummary, htmlToText, truncate } from "./plain-text.js";

/** An item as the rest of the pipeline sees it: plain text, absolute dates, a stable key. */
export interface FeedItem {
  /** The item's identity within its feed: guid, else link, else title and date. */
  key: string;
  title: string;
  link: string | null;
  summary: string;
  categories: string[];
  publishedAt: number;
}

export interface ParsedFeed {
  title: string | null;
  items: FeedItem[];
  /** RSS <ttl>: minutes the feed may be cached. */
  ttlMinutes?: number;
}

/** The bytes were fetched but are not a feed we can read. */
export class FeedParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FeedParseError";
  }
}

const SUMMARY_MAX = 1000;
const TITLE_MAX = 300;
const CATEGORY_MAX = 100;

// One parser for the process: parseString keeps no state between calls.
// rss-parser maps no Atom <category term> and no RSS 1.0 <dc:subject> to `categories`, so both are asked for, and
// reads only Atom 1.0 dates, so Atom 0.3's <issued>, <created> and <modified> are asked for too.
// An <rss> without a version attribute (large publishers serve it) is read as RSS 2.0, which also reads 0.9x.
const parser = new Parser<Record<string, unknown>, Record<string, unknown>>({
  defaultRSS: 2,
  customFields: {
    item: [
      ["category", "categoryAll", { keepArray: true }],
      ["dc:subject", "subjects", { keepArray: true }],
      "issued",
      "created",
      "modified",
    ],
  },
});

/**
 * Parses RSS (0.9x, 1.0, 2.0), Atom (0.3, 1.0) or JSON Feed text and normalises its items. JSON is recognised by a JSON
 * content type or by a body that opens with `{`.
 */
export async function parseFeed(xml: string, fetchedAt: number, contentType?: string | null, feedUrl?: string): Promise<ParsedFeed> {
  const head = xml.trimStart().slice(0, 512).toLowerCase();
  if (head === "") throw new FeedParseError("empty response");
  if (head.startsWith("<!doctype html") || head.startsWith("<html")) throw new FeedParseError("the page is HTML, not an RSS or Atom feed");
  if (looksLikeJson(head, contentType)) return parseJsonFeed(xml, fetchedAt, feedUrl);
  let feed: Parser.Output<Record<string, unknown>>;
  try {
    feed = await parser.parseString(xml);
  } catch (error) {
    throw new FeedParseError(`not a readable RSS or Atom feed: ${firstLine((error as Error).message)}`);
  }
  const items = normaliseAll((feed.items ?? []).map(rawEntryOf), fetchedAt, feedUrl);
  const ttl = Number(textOf((feed as { ttl?: unknown }).ttl));
  return { title: feedTitle(feed.title), items, ...(ttl > 0 ? { ttlMinutes: ttl } : {}) };
}

function parseJsonFeed(text: string, fetchedAt: number, feedUrl: string | undefined): ParsedFeed {
  try {
    const feed = readJsonFeed(text);
    return { title: feedTitle(feed.title), items: normaliseAll(feed.entries, fetchedAt, feedUrl) };
  } catch (error) {
    if (error instanceof NotJsonFeed) throw new FeedParseError(`not a JSON Feed: ${firstLine(error.message)}`);
    throw error;
  }
}

function feedTitle(value: unknown): string | null {
  return typeof value === "string" ? truncate(htmlToText(headOfHtml(value, TITLE_MAX)), TITLE_MAX) || null : null;
}

function rawEntryOf(raw: Parser.Item & Record<string, unknown>): RawEntry {
  const guid = firstText(raw.guid, raw.id);
  return {
    title: raw.title,
    // rss-parser's contentSnippet keeps the text of <script> and <style>; our own htmlToText drops them.
    summaries: [raw.summary, raw.content, raw["content:encoded"], raw.contentSnippet],
    links: [raw.link, guid],
    id: guid,
    dates: [raw.isoDate, raw.pubDate, raw.issued, raw.created, raw.modified],
    categories: [...asArray(raw.categoryAll ?? raw.categories), ...asArray(raw.subjects)],
  };
}

function normaliseAll(entries: RawEntry[], fetchedAt: number, feedUrl: string | undefined): FeedItem[] {
  const items = entries.flatMap((entry) => {
    const item = normaliseItem(entry, fetchedAt, feedUrl);
    return item ? [item] : [];
  });
  return distinctKeys(items);
}

/**
 * A guid some publishers repeat for different stories in one feed: those items are told apart by their link (else
 * title), the same way at every poll. The same item listed twice is kept once.
 */
function distinctKeys(items: FeedItem[]): FeedItem[] {
  const count = new Map<string, number>();
  for (const item of items) count.set(item.key, (count.get(item.key) ?? 0) + 1);
  if (items.every((item) => count.get(item.key) === 1)) return items;
  const seen = new Set<string>();
  return items.flatMap((item) => {
    const key = count.get(item.key) === 1 || !item.key.startsWith("guid:") ? item.key : `${item.key}|${item.link ? `link:${item.link}` : `title:${item.title}`}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ ...item, key }];
  });
}

function normaliseItem(raw: RawEntry, fetchedAt: number, feedUrl: string | undefined): FeedItem | null {
  const summary = truncate(htmlToText(headOfHtml(firstText(...raw.summaries) ?? "", SUMMARY_MAX)), SUMMARY_MAX);
  const title = truncate(htmlToText(headOfHtml(firstText(raw.title) ?? "", TITLE_MAX)), TITLE_MAX) || headlineFromSummary(summary);
  if (title === "") return null;
  const link = firstLink(raw.links, feedUrl);
  const date = firstText(...raw.dates);
  const publishedAt = parseDate(date, fetchedAt);
  const guid = firstText(raw.id);
  // The key must not change between polls, so an item without a date of its own is keyed by its title alone.
  const key = guid ? `guid:${guid}` : link ? `link:${link}` : `title:${title}|${date ?? ""}`;
  return { key, title, link, summary, categories: categoriesOf(raw.categories), publishedAt };
}

/** The first candidate that is a web link: a non-web one (a urn: guid) is skipped, not taken. */
/**
 * The first candidate that is a web address. Only the first, the item's own link, may be relative ("/news/1") and is
 * resolved against the feed's URL: the others are ids and guids, and "12345" is no link.
 */
function firstLink(candidates: unknown[], feedUrl: string | undefined): string | null {
  for (const [index, candidate] of candidates.entries()) {
    const link = absoluteLink(firstText(candidate), index === 0 ? feedUrl : undefined);
    if (link) return link;
  }
  return null;
}

/** Enough of an HTML fragment for `max` characters of text: whole articles would otherwise be stripped only to be cut. */
function headOfHtml(html: string, max: number): string {
  if (html.length <= max * 4) return html;
  return html.slice(0, max * 4).replace(/<[^>]*$/, "");
}

function firstText(...values: unknown[]): string | undefined {
  for (const value of values) {
    const text = textOf(value)?.trim();
    if (text) return text;
  }
  return undefined;
}

/** rss-parser gives strings, or xml2js objects (`{ _: text, $: attributes }`) when an element has attributes. */
function textOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (typeof value === "object" && value !== null) {
    const record = value as { _?: unknown; $?: { term?: unknown } };
    if (typeof record._ === "string") return record._;
    if (typeof record.$?.term === "string") return record.$.term;
  }
  return undefined;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function categoriesOf(value: unknown[]): string[] {
  const out = new Set<string>();
  for (const entry of value) {
    const text = textOf(entry);
    if (text) {
      const clean = htmlToText(headOfHtml(text, CATEGORY_MAX));
      if (clean) out.add(truncate(clean, CATEGORY_MAX));
    }
  }
  return [...out];
}

function absoluteLink(value: string | undefined, base: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** A date the feed gives, or the fetch time when it gives none, an unreadable one, or one in the future. */
function parseDate(value: string | undefined, fetchedAt: number): number {
  const time = value ? Date.parse(value) : NaN;
  if (!Number.isFinite(time) || time > fetchedAt) return fetchedAt;
  return time;
}

function firstLine(text: string): string {
  return truncate(text.split("\n")[0] ?? text, 200);
}

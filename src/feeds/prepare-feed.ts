import type { TopicMatcher } from "../topics/matcher.js";
import { decodeFeed } from "./decode.js";
import { canonicalKey, identityHash } from "./identity.js";
import { parseFeed, type FeedItem, type ParsedFeed } from "./parse-feed.js";

/** An item with everything storing it needs: its identity, its canonical link and its topics. */
export interface PreparedItem extends FeedItem {
  identity: string;
  /** Hash of the canonical link (see canonicalUrl), or null when the item has no web link. */
  canonical: string | null;
  topicIds: number[];
}

export interface PreparedFeed extends Omit<ParsedFeed, "items"> {
  items: PreparedItem[];
}

export interface PrepareRequest {
  body: Uint8Array;
  contentType: string | null;
  fetchedAt: number;
  /** Topics the catalog gives every item of this feed. */
  feedTopics: readonly string[];
  /** Where the feed was fetched from (after redirects): relative item links are resolved against it. */
  url?: string;
}

export type PrepareFn = (request: PrepareRequest) => Promise<PreparedFeed>;

/** Decodes, parses, normalises and matches a fetched feed: all the work of a poll that needs no database. */
export async function prepareFeed(request: PrepareRequest, matcher: TopicMatcher): Promise<PreparedFeed> {
  return completeFeed(await parseFetched(request), request.feedTopics, matcher);
}

/** The costly half of prepareFeed, which worker threads do: bytes to normalised items. */
export async function parseFetched(request: Pick<PrepareRequest, "body" | "contentType" | "fetchedAt" | "url">): Promise<ParsedFeed> {
  const body = Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
  return parseFeed(decodeFeed(body, request.contentType), request.fetchedAt, request.contentType, request.url);
}

/** The other half: each item's identity, canonical link and topics. */
export function completeFeed(parsed: ParsedFeed, feedTopics: readonly string[], matcher: TopicMatcher): PreparedFeed {
  // Completed in place: copying 25,000 items per poll showed in the profile.
  const feed = parsed as PreparedFeed;
  for (const item of feed.items) {
    item.identity = identityHash(item.key);
    item.canonical = canonicalKey(item.link);
    item.topicIds = matcher.match(item, feedTopics);
  }
  return feed;
}

import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import { storeFeedItems } from "../db/articles.js";
import { listCatalogFeeds, recordFeedFailure, recordFeedSuccess } from "../db/feeds.js";
import type { Feed } from "../db/schema.js";
import type { TopicMatcher } from "../topics/matcher.js";
import { decodeFeed } from "./decode.js";
import { fetchFeed } from "./fetch-feed.js";
import { parseFeed } from "./parse-feed.js";

export interface PollDeps {
  db: Db;
  matcher: TopicMatcher;
  log: Logger;
  fetchTimeoutMs: number;
  fetchMaxBytes: number;
  concurrency: number;
  userAgent: string;
  now?: () => number;
  signal?: AbortSignal;
}

export interface FeedPollResult {
  feedId: number;
  url: string;
  outcome: "stored" | "not-modified" | "failed";
  newArticles: number;
  error?: string;
}

/** Polls every catalog feed, a few at a time. A feed that fails is recorded and logged; the others carry on. */
export async function pollAllFeeds(deps: PollDeps): Promise<FeedPollResult[]> {
  const queue = listCatalogFeeds(deps.db);
  const results: FeedPollResult[] = [];
  const worker = async () => {
    for (let feed = queue.shift(); feed; feed = queue.shift()) {
      if (deps.signal?.aborted) return;
      results.push(await pollFeed(deps, feed));
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency, queue.length) }, worker));
  return results;
}

/** Fetches, decodes, parses, matches and stores one feed. Never throws: failures are recorded on the feed. */
export async function pollFeed(deps: PollDeps, feed: Feed): Promise<FeedPollResult> {
  const now = deps.now ?? Date.now;
  const polledAt = now();
  const base = { feedId: feed.id, url: feed.url };
  try {
    const response = await fetchFeed(feed.url, {
      etag: feed.etag,
      lastModified: feed.lastModified,
      timeoutMs: deps.fetchTimeoutMs,
      maxBytes: deps.fetchMaxBytes,
      userAgent: deps.userAgent,
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
    if (response.kind === "not-modified") {
      recordFeedSuccess(deps.db, feed.id, { polledAt });
      return { ...base, outcome: "not-modified", newArticles: 0 };
    }
    const parsed = await parseFeed(decodeFeed(response.body, response.contentType), polledAt);
    const feedTopics = feed.topics;
    const added = storeFeedItems(deps.db, feed.id, parsed.items, (item) => deps.matcher.match({ ...item, feedTopics }), now());
    recordFeedSuccess(deps.db, feed.id, { polledAt, etag: response.etag, lastModified: response.lastModified });
    deps.log.debug({ feed: feed.url, items: parsed.items.length, added }, "feed polled");
    return { ...base, outcome: "stored", newArticles: added };
  } catch (error) {
    const message = (error as Error).message || String(error);
    recordFeedFailure(deps.db, feed, message, polledAt);
    deps.log.warn({ feed: feed.url, err: message, errorStreak: feed.errorStreak + 1 }, "feed poll failed");
    return { ...base, outcome: "failed", newArticles: 0, error: message };
  }
}

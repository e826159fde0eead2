import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import type { DueFeed } from "../db/feeds.js";
import type { SearchIndexer } from "../db/search-index.js";
import type { FeedFetcher } from "./fetch-feed.js";
import { pollDueFeeds, type FeedPollResult } from "./poll-feeds.js";
import type { PrepareFn } from "./prepare-feed.js";

export interface FeedPollerDeps {
  db: Db;
  fetcher: FeedFetcher;
  prepare: PrepareFn;
  searchIndexer: SearchIndexer;
  log: Logger;
  now: () => number;
  concurrency: number;
  baseIntervalMs: number;
  /** Aborted at stop: polls in progress end, their feeds stay due. */
  signal: AbortSignal;
  onFeedDisabled: (feed: DueFeed, reason: string) => void;
  onFeedPolled?: (result: FeedPollResult, seconds: number) => void;
  /** After every poll, whatever its feeds' outcomes (readiness). */
  onPollEnded?: (results: FeedPollResult[]) => void;
}

export type PollFeeds = (options?: { force?: boolean }) => Promise<FeedPollResult[]>;

/** One poll of the due feeds (at start-up and on FETCH_CRON): poll, bring the search index up, say how it went. */
export function createFeedPoller(deps: FeedPollerDeps): PollFeeds {
  return async (options = {}) => {
    const started = Date.now();
    const results = await pollDueFeeds({ ...deps, force: options.force ?? false });
    deps.searchIndexer.catchUp();
    const failed = results.filter((r) => r.outcome === "failed").length;
    const added = results.reduce((n, r) => n + r.newArticles, 0);
    if (results.length > 0) deps.log.info({ feeds: results.length, failed, newArticles: added, ms: Date.now() - started }, "feeds polled");
    deps.onPollEnded?.(results);
    return results;
  };
}

import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import { storeFeedItems } from "../db/articles.js";
import { dueFeeds, recordFeedFailure, recordFeedSuccess, type DueFeed } from "../db/feeds.js";
import { createWriteBatcher, type WriteBatcher } from "../db/write-batcher.js";
import type { TopicMatcher } from "../topics/matcher.js";
import { CANCELLED, FeedFetchError, type FeedFetcher } from "./fetch-feed.js";
import { prepareFeed, type PrepareFn } from "./prepare-feed.js";
import { runLimited } from "./run-limited.js";

export interface PollDeps {
  db: Db;
  fetcher: FeedFetcher;
  /** Decodes, parses and matches fetched bytes (the app passes its worker pool; see `prepareHere`). */
  prepare: PrepareFn;
  log: Logger;
  concurrency: number;
  /** The interval between two polls of a healthy feed, from FETCH_CRON. */
  baseIntervalMs: number;
  now: () => number;
  /** Told once when a feed is disabled (410 Gone, or failing for days). */
  onFeedDisabled?: (feed: DueFeed, reason: string) => void;
  signal?: AbortSignal;
  /** Poll every active feed, due or not. */
  force?: boolean;
  /** Told of each feed's outcome and how long it took, fetch to commit (metrics). */
  onFeedPolled?: (result: FeedPollResult, seconds: number) => void;
}

export interface FeedPollResult {
  feedId: number;
  url: string;
  outcome: "stored" | "not-modified" | "failed";
  newArticles: number;
  error?: string;
}

export const PER_HOST_LIMIT = 2;
export const MAX_INTERVAL_MS = 24 * 3_600_000;
export const DISABLE_AFTER_MS = 3 * 24 * 3_600_000;
const WRITE_DELAY_MS = 20;
/** A 304's write is one row's update: 32 of them weigh as much as a feed's items. */
const NOT_MODIFIED_WEIGHT = 1 / 32;

/** Polls the feeds that are due, `concurrency` at once and at most two per host. A failing feed never stops the others. */
export async function pollDueFeeds(deps: PollDeps): Promise<FeedPollResult[]> {
  const results: FeedPollResult[] = [];
  const due = dueFeeds(deps.db, deps.force ? Number.MAX_SAFE_INTEGER : deps.now());
  // Feeds' writes commit in small batches, not one commit per feed; at most half the slots wait for a commit, so the
  // others keep fetching.
  const writes = createWriteBatcher(deps.db, { maxJobs: Math.max(1, Math.floor(deps.concurrency / 2)), maxDelayMs: WRITE_DELAY_MS });
  // Recording a 304 does not hold the feed's slot: those writes finish here, before the poll returns.
  const recordings: Promise<void>[] = [];
  const unrecorded = (feed: DueFeed) => (error: unknown) => {
    // Only recording a poll can fail here (the database itself failing): logged, and the other feeds go on.
    deps.log.error({ feed: feed.url, err: String(error) }, "could not record a feed's poll");
    return { feedId: feed.id, url: feed.url, outcome: "failed", newArticles: 0, error: String(error) } satisfies FeedPollResult;
  };
  await runLimited(due, hostOf, deps.concurrency, PER_HOST_LIMIT, async (feed) => {
    if (deps.signal?.aborted) return;
    const started = performance.now();
    const done = (result: FeedPollResult) => {
      results.push(result);
      deps.onFeedPolled?.(result, (performance.now() - started) / 1000);
    };
    const polled = await pollFeed(deps, feed, writes).catch(unrecorded(feed));
    if ("recorded" in polled) recordings.push(polled.recorded.catch(unrecorded(feed)).then(done));
    else done(polled);
  });
  writes.flush();
  await Promise.all(recordings);
  return results;
}

/**
 * Fetches, decodes, parses, matches and stores one feed, its writes going through `writes`. Failures are recorded on
 * the feed; it throws only when recording one fails too.
 */
async function pollFeed(deps: PollDeps, feed: DueFeed, writes: WriteBatcher): Promise<FeedPollResult | { recorded: Promise<FeedPollResult> }> {
  const polledAt = deps.now();
  const base = { feedId: feed.id, url: feed.url };
  try {
    const response = await deps.fetcher.fetch({ url: feed.fetchUrl ?? feed.url, etag: feed.etag, lastModified: feed.lastModified, ...(deps.signal ? { signal: deps.signal } : {}) });
    const moved = response.movedTo ? { movedTo: response.movedTo } : {};
    if (response.movedTo) deps.log.info({ feed: feed.url, movedTo: response.movedTo }, "feed moved permanently; polling the new address");
    if (response.kind === "not-modified") {
      const record = () => recordFeedSuccess(deps.db, feed.id, { polledAt, notModified: true, nextCheckAt: nextCheck(deps, polledAt, response.freshForMs), ...moved });
      return { recorded: writes.run(record, NOT_MODIFIED_WEIGHT).then(() => ({ ...base, outcome: "not-modified", newArticles: 0 })) };
    }
    const parsed = await deps.prepare({ body: response.body, contentType: response.contentType, fetchedAt: polledAt, feedTopics: feed.topics, url: response.url ?? feed.fetchUrl ?? feed.url });
    const freshFor = Math.max(response.freshForMs ?? 0, (parsed.ttlMinutes ?? 0) * 60_000);
    // The items and the feed's new validators are written together, never one without the other.
    const stored = await writes.run(() => {
      const result = storeFeedItems(deps.db, feed.id, parsed.items, deps.now());
      recordFeedSuccess(deps.db, feed.id, {
        polledAt,
        notModified: false,
        nextCheckAt: nextCheck(deps, polledAt, freshFor),
        validators: { etag: response.etag, lastModified: response.lastModified },
        ...moved,
      });
      return result;
    });
    deps.log.debug({ feed: feed.url, items: parsed.items.length, ...stored }, "feed polled");
    return { ...base, outcome: "stored", newArticles: stored.added };
  } catch (error) {
    // A poll cut short because the bot is stopping says nothing about the feed: it stays due for the next start.
    if (deps.signal?.aborted) return { ...base, outcome: "failed", newArticles: 0, error: CANCELLED };
    return { ...base, ...recordFailure(deps, feed, error, polledAt) };
  }
}

/** The one place a feed failure is classified, recorded and logged. */
function recordFailure(deps: PollDeps, feed: DueFeed, error: unknown, polledAt: number): { outcome: "failed"; newArticles: 0; error: string } {
  const message = error instanceof Error ? error.message : String(error);
  const status = error instanceof FeedFetchError ? error.status : undefined;
  const streak = feed.errorStreak + 1;
  const backoff = Math.min(MAX_INTERVAL_MS, deps.baseIntervalMs * 2 ** Math.min(streak - 1, 20));
  const retryAfter = error instanceof FeedFetchError ? (error.retryAfterMs ?? 0) : 0;
  const failingSince = feed.failingSince ?? polledAt;
  const disable = status === 410 ? "410 Gone: the publisher removed this feed" : polledAt - failingSince >= DISABLE_AFTER_MS ? "failing for 3 days" : undefined;
  recordFeedFailure(deps.db, feed, {
    polledAt,
    error: message,
    nextCheckAt: polledAt + Math.min(MAX_INTERVAL_MS, Math.max(backoff, retryAfter)),
    ...(disable ? { disable } : {}),
  });
  deps.log.warn({ feed: feed.url, err: message, status, errorStreak: streak, disabled: disable }, "feed poll failed");
  if (disable) deps.onFeedDisabled?.(feed, `${disable} (last error: ${message})`);
  return { outcome: "failed", newArticles: 0, error: message };
}

/** A healthy feed's next check: the base interval, or later when the server or the feed asks for it, within a day. */
function nextCheck(deps: PollDeps, polledAt: number, freshForMs: number | undefined): number {
  return polledAt + Math.min(MAX_INTERVAL_MS, Math.max(deps.baseIntervalMs, freshForMs ?? 0));
}

/** Prepares feeds on the calling thread (tests, tools). */
export function prepareHere(matcher: TopicMatcher): PrepareFn {
  return (request) => prepareFeed(request, matcher);
}

function hostOf(feed: DueFeed): string {
  try {
    return new URL(feed.fetchUrl ?? feed.url).host;
  } catch {
    return feed.url;
  }
}

import { Api, type Bot } from "grammy";
import type { Logger } from "pino";
import type { UserFromGetMe } from "grammy/types";
import { createBot, registerCommands } from "./bot/create-bot.js";
import type { BotContext } from "./bot/context.js";
import { loadCatalog } from "./catalog/load-catalog.js";
import type { Config } from "./config.js";
import { startCheckpointer } from "./db/checkpointer.js";
import { createSearchIndexer, forgetIndexed } from "./db/search-index.js";
import { pruneSearches } from "./db/search.js";
import { openDatabase, type DatabaseHandle } from "./db/client.js";
import { syncCatalogFeeds } from "./db/feeds.js";
import { pruneArticles } from "./db/articles.js";
import { pruneDeliveries } from "./db/deliveries.js";
import { enqueueMessage, pruneOutbox, requeueInterrupted } from "./db/outbox.js";
import { listTopics, matchingTopics, matchStoredArticles, syncCatalogTopics } from "./db/topics.js";
import { startSender, type Sender } from "./delivery/sender.js";
import { createPacer } from "./delivery/pacer.js";
import { pacedFetch } from "./delivery/paced-fetch.js";
import { composeDueDigests, type DueDigestsResult } from "./digests/run-due-digests.js";
import { createFeedFetcher } from "./feeds/fetch-feed.js";
import { createParsePool } from "./feeds/parse-pool.js";
import { pollDueFeeds, type FeedPollResult } from "./feeds/poll-feeds.js";
import { cronIntervalMs } from "./jobs/cron-interval.js";
import { scheduleJob, type Job } from "./jobs/schedule-job.js";
import { escapeHtml } from "./telegram/html.js";

export interface AppOptions {
  log: Logger;
  /** The clock; tests move it to reach digest times. */
  now?: () => number;
  /** Skips the getMe call (tests). */
  botInfo?: UserFromGetMe;
  /** Narrows which addresses the feed guard refuses (tests serve "public" feeds from loopback). */
  isBlockedAddress?: (address: string) => boolean;
  /** Called when polling Telegram stops for good (a revoked token); the app is stopped by then. */
  onFatal?: () => void;
}

export interface App {
  bot: Bot<BotContext>;
  database: DatabaseHandle;
  sender: Sender;
  /** Polls the feeds that are due (run at start-up and on FETCH_CRON); `force` polls every active feed now. */
  pollFeeds(options?: { force?: boolean }): Promise<FeedPollResult[]>;
  /** Deletes articles past ARTICLE_RETENTION_DAYS and old sent messages (run daily). */
  pruneOld(): void;
  /** Composes every due digest now and wakes the sender (also run on DIGEST_CRON). */
  runDueDigests(): DueDigestsResult;
  /** Resolves when the start-up poll has finished. */
  initialPoll: Promise<unknown>;
  /** Stops polling Telegram, the jobs and the sender, then closes the database. Safe to call twice. */
  stop(): Promise<void>;
}

/** A request to Telegram that takes longer is abandoned and its message retried. */
const SEND_TIMEOUT_SECONDS = 30;
/** Messages a second Telegram allows a bot without paid broadcasts. */
const FREE_RATE = 30;

/** Opens the database, loads the catalog, starts the bot, the sender and the jobs. */
export async function startApp(config: Config, options: AppOptions): Promise<App> {
  const { log } = options;
  const now = options.now ?? Date.now;
  const catalog = loadCatalog(config.catalogFile);
  const database = openDatabase(config.databasePath);
  const { db } = database;
  const checkpointer = config.databasePath === ":memory:" ? undefined : startCheckpointer(config.databasePath, log);
  const searchIndexer = createSearchIndexer(db, log);
  const changedTopics = new Set(syncCatalogTopics(db, catalog.topics));
  if (changedTopics.size > 0) {
    const linked = matchStoredArticles(db, listTopics(db).filter((t) => changedTopics.has(t.id)));
    log.info({ topics: changedTopics.size, linked }, "catalog topics changed; stored articles matched again");
  }
  syncCatalogFeeds(db, catalog.feeds, now());
  const requeued = requeueInterrupted(db);
  if (requeued > 0) log.warn({ requeued }, "messages interrupted by the last shutdown are queued again");

  let sender: Sender | undefined;
  let topicsChanged = () => {};
  // One pacer for every message the bot sends: the sender's digests and notices, and the bot's replies.
  const pacer = createPacer({ ratePerSecond: config.telegramRate });
  const bot = createBot(
    { token: config.botToken, apiRoot: config.telegramApiRoot, fetch: pacedFetch(pacer, log), ...(options.botInfo ? { botInfo: options.botInfo } : {}) },
    {
      db, log, now, adminChatIds: config.adminChatIds, digestMaxPerTopic: config.digestMaxPerTopic,
      onDigestQueued: () => sender?.kick(),
      onTopicsChanged: () => topicsChanged(),
    },
  );
  try {
    await bot.init();
  } catch (error) {
    await checkpointer?.stop();
    database.close();
    throw error;
  }
  // The sender's own Api, without the paced fetch of the replies: it paces its messages and handles 429s itself.
  const senderApi = new Api(config.botToken, { apiRoot: config.telegramApiRoot, timeoutSeconds: SEND_TIMEOUT_SECONDS });
  // Past Telegram's free 30 a second, the rate needs paid broadcasts.
  sender = startSender({ db, api: senderApi, pacer, log, now, paidBroadcast: config.telegramRate > FREE_RATE });
  await registerCommands(bot, { log });

  const polling = new AbortController();
  const fetcher = createFeedFetcher({
    timeoutMs: config.fetchTimeoutMs,
    maxBytes: config.fetchMaxBytes,
    allowPrivate: config.feedsAllowPrivate,
    ...(options.isBlockedAddress ? { isBlockedAddress: options.isBlockedAddress } : {}),
    userAgent: `NewsDigestBot/0.1 (+https://t.me/${bot.botInfo.username})`,
  });
  const parsePool = createParsePool(matchingTopics(db), log);
  // Feeds polled from now on are matched against the users' own topics as they are now.
  topicsChanged = () => parsePool.setRules(matchingTopics(db));
  const notifyAdmins = (text: string) => {
    for (const chatId of config.adminChatIds) enqueueMessage(db, chatId, text, now());
    sender?.kick();
  };
  const baseIntervalMs = cronIntervalMs(config.fetchCron);
  const pollFeeds = async (pollOptions: { force?: boolean } = {}) => {
    const started = Date.now();
    const results = await pollDueFeeds({
      db, fetcher, log, baseIntervalMs, prepare: parsePool.prepare, concurrency: config.fetchConcurrency, signal: polling.signal,
      now,
      force: pollOptions.force ?? false,
      onFeedDisabled: (feed, reason) => notifyAdmins(`⚠️ Feed disabled: <b>${escapeHtml(feed.name ?? feed.url)}</b>\n${escapeHtml(feed.url)}\n${escapeHtml(reason)}`),
    });
    searchIndexer.catchUp();
    const failed = results.filter((r) => r.outcome === "failed").length;
    const added = results.reduce((n, r) => n + r.newArticles, 0);
    if (results.length > 0) log.info({ feeds: results.length, failed, newArticles: added, ms: Date.now() - started }, "feeds polled");
    return results;
  };
  const pruneOld = () => {
    const cutoff = now() - config.articleRetentionDays * 86_400_000;
    const articles = db.$client.transaction(() => {
      forgetIndexed(db, cutoff);
      return pruneArticles(db, cutoff);
    })();
    pruneSearches(db, now() - 7 * 86_400_000);
    const messages = pruneOutbox(db, now() - 7 * 86_400_000);
    const deliveries = pruneDeliveries(db, now() - config.articleRetentionDays * 86_400_000);
    log.info({ articles, messages, deliveries }, "pruned old articles, sent messages and deliveries");
  };
  const runDueDigests = () => {
    const result = composeDueDigests(db, now(), log, { maxPerTopic: config.digestMaxPerTopic });
    if (result.queued > 0) sender?.kick();
    return result;
  };

  const botRunning = bot.start({ allowed_updates: ["message", "callback_query"], drop_pending_updates: false }).catch((error: unknown) => {
    log.fatal({ err: error instanceof Error ? error.message : String(error) }, "polling Telegram stopped");
    void stop().then(() => options.onFatal?.());
  });
  pruneOld();
  const initialPoll = parsePool.ready().then(() => pollFeeds()).catch((error: unknown) => log.error({ err: String(error) }, "start-up poll failed"));
  const jobs: Job[] = [
    scheduleJob("poll-feeds", config.fetchCron, pollFeeds, log),
    scheduleJob("due-digests", config.digestCron, runDueDigests, log),
    scheduleJob("prune", "17 3 * * *", pruneOld, log),
  ];
  log.info({ bot: bot.botInfo.username, feeds: catalog.feeds.length, topics: catalog.topics.length }, "news digest bot started");

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      polling.abort();
      await Promise.allSettled(jobs.map((job) => job.stop()));
      // The sender stops beside the bot, not after it: a reply waiting for its slot must not eat its grace period.
      await Promise.all([
        (async () => {
          if (bot.isRunning()) await bot.stop();
          await botRunning;
        })(),
        sender?.stop(),
      ]);
      await initialPoll;
      await searchIndexer.stop();
      await fetcher.close();
      await parsePool.close();
      await checkpointer?.stop();
      database.close();
      log.info("stopped");
    })());

  return { bot, database, sender, pollFeeds, pruneOld, runDueDigests, initialPoll, stop };
}

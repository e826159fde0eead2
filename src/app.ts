import { Api, type Bot } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import type { Logger } from "pino";
import { createBot, registerCommands } from "./bot/create-bot.js";
import type { BotContext } from "./bot/context.js";
import { applyCatalog } from "./catalog/apply-catalog.js";
import { loadCatalog } from "./catalog/load-catalog.js";
import type { Config } from "./config.js";
import { startCheckpointer } from "./db/checkpointer.js";
import { nextTurn } from "./lifecycle/next-turn.js";
import { openDatabase, type DatabaseHandle } from "./db/client.js";
import { requeueInterrupted, waitingCount } from "./db/outbox.js";
import { pruneOld as pruneOldRows } from "./db/retention.js";
import { createSearchIndexer } from "./db/search-index.js";
import { matchingTopics } from "./db/topics.js";
import { feedDisabledNotice, notifyAdmins } from "./delivery/admin-notice.js";
import { pacedFetch } from "./delivery/paced-fetch.js";
import { createPacer } from "./delivery/pacer.js";
import { startSender, type Sender } from "./delivery/sender.js";
import { composeDueDigests, type DueDigestsResult } from "./digests/run-due-digests.js";
import { createFeedPoller, type PollFeeds } from "./feeds/feed-poller.js";
import { createFeedFetcher } from "./feeds/fetch-feed.js";
import { createParsePool } from "./feeds/parse-pool.js";
import { cronIntervalMs } from "./jobs/cron-interval.js";
import { startJobs } from "./jobs/start-jobs.js";
import { createReadiness, type ReadinessTracker } from "./lifecycle/readiness.js";
import type { Sleep } from "./lifecycle/sleep.js";
import { createStopSteps } from "./lifecycle/stop-steps.js";
import { startHttpServer, type HttpServer } from "./server/http-server.js";
import { createMetrics } from "./server/metrics.js";
import { connectToTelegram } from "./updates/connect.js";
import { startLongPolling } from "./updates/long-polling.js";
import { createUpdateIntake } from "./updates/update-intake.js";
import { setUpWebhook } from "./updates/set-webhook.js";

export interface AppOptions {
  log: Logger;
  /** The clock; tests move it to reach digest times. */
  now?: () => number;
  /** Skips the getMe call (tests). */
  botInfo?: UserFromGetMe;
  /** Narrows which addresses the feed guard refuses (tests serve "public" feeds from loopback). */
  isBlockedAddress?: (address: string) => boolean;
  /** Called when the bot cannot go on (Telegram rejected the token while running); the caller then stops the app. */
  onFatal?: (error: unknown) => void;
  /** Aborted by a stop during start-up: startApp then unwinds and rejects with StartCancelled. */
  signal?: AbortSignal;
  /** How retries wait while Telegram is out of reach (tests shorten it). */
  sleep?: Sleep;
}

export interface App {
  bot: Bot<BotContext>;
  database: DatabaseHandle;
  sender: Sender;
  /** The HTTP server (health, metrics, webhook), when HTTP_PORT or webhook mode asks for one. */
  http?: HttpServer;
  readiness: ReadinessTracker;
  /** Polls the feeds that are due (run at start-up and on FETCH_CRON); `force` polls every active feed now. */
  pollFeeds: PollFeeds;
  /** Deletes articles past ARTICLE_RETENTION_DAYS and old sent messages (run daily). */
  pruneOld(): void;
  /** Composes every due digest now and wakes the sender (also run on DIGEST_CRON). */
  runDueDigests(): DueDigestsResult;
  /** Resolves when the start-up poll has finished. */
  initialPoll: Promise<unknown>;
  /** Stops every part, each whatever the others did, and closes the database last. Safe to call twice. */
  stop(): Promise<void>;
}

/** A stop arrived while the app was starting; what had started is stopped again. */
export class StartCancelled extends Error {
  constructor() {
    super("stopped while starting");
    this.name = "StartCancelled";
  }
}

/** A request to Telegram that takes longer is abandoned and its message retried. */
const SEND_TIMEOUT_SECONDS = 30;
/** Messages a second Telegram allows a bot without paid broadcasts. */
const FREE_RATE = 30;
/** How long a stop waits for updates being handled; main.ts forces an exit at 10 s. */
const UPDATE_GRACE_MS = 3000;
/** Sent messages and saved searches are kept this long. */
const MESSAGE_RETENTION_MS = 7 * 86_400_000;

/**
 * The composition root: builds each part from the config, in the order the data flows, and registers how to stop it.
 * A start that fails half-way stops what it had started, in reverse, before it rethrows.
 */
export async function startApp(config: Config, options: AppOptions): Promise<App> {
  const { log } = options;
  const now = options.now ?? Date.now;
  const signal = options.signal ?? new AbortController().signal;
  const retry = options.sleep ? { sleep: options.sleep } : {};
  const steps = createStopSteps(log);
  // The first step registered is the last to run: it says that everything else has stopped.
  steps.add("log", () => log.info("stopped"));
  const stop = () => steps.run();
  const cancelled = () => {
    if (signal.aborted) throw new StartCancelled();
  };

  try {
    const catalog = loadCatalog(config.catalogFile);
    const database = openDatabase(config.databasePath);
    const { db } = database;
    steps.add("database", () => database.close());
    if (config.databasePath !== ":memory:") {
      const checkpointer = startCheckpointer(config.databasePath, log, { connection: db.$client });
      steps.add("checkpointer", () => checkpointer.stop());
    }
    applyCatalog(db, catalog, now(), log);
    const requeued = requeueInterrupted(db);
    if (requeued > 0) log.warn({ requeued }, "messages interrupted by the last shutdown are queued again");

    const metrics = createMetrics({ outboxDepth: () => waitingCount(db) });
    const baseIntervalMs = cronIntervalMs(config.fetchCron);

    // One pacer for every message the bot sends: the sender's digests and notices, and the bot's replies.
    const pacer = createPacer({ ratePerSecond: config.telegramRate });
    // The sender's own Api, without the paced fetch of the replies: it paces its messages and handles 429s itself.
    const senderApi = new Api(config.botToken, { apiRoot: config.telegramApiRoot, timeoutSeconds: SEND_TIMEOUT_SECONDS });
    // Past Telegram's free 30 a second, the rate needs paid broadcasts.
    const sender = startSender({ db, api: senderApi, pacer, log, now, paidBroadcast: config.telegramRate > FREE_RATE, onOutcome: (o) => metrics.messageSent(o) });
    steps.add("sender", () => sender.stop());
    const parsePool = createParsePool(matchingTopics(db), log, config.parseWorkers);
    steps.add("parse pool", () => parsePool.close());

    const bot = createBot(
      { token: config.botToken, apiRoot: config.telegramApiRoot, fetch: pacedFetch(pacer, log), ...(options.botInfo ? { botInfo: options.botInfo } : {}) },
      {
        db, log, now, adminChatIds: config.adminChatIds, digestMaxPerTopic: config.digestMaxPerTopic,
        onDigestQueued: () => sender.kick(),
        // Feeds polled from now on are matched against the users' own topics as they are now.
        onTopicsChanged: async () => {
          // Comparing ten thousand users' topics takes 15-20 ms: not in the turn of the command that changed one.
          await nextTurn();
          parsePool.setRules(matchingTopics(db));
        },
      },
    );
    const readiness = createReadiness({ db, now, mode: config.botMode, feedIntervalMs: baseIntervalMs, api: bot.api, ...(config.webhook ? { webhookUrl: config.webhook.url } : {}) });
    const intake = createUpdateIntake({ bot, log, onHandled: (type, seconds, ok) => metrics.updateHandled(type, seconds, ok) });
    steps.add("updates being handled", () => intake.stop(UPDATE_GRACE_MS));
    const webhook = config.webhook && {
      path: new URL(config.webhook.url).pathname,
      secret: config.webhook.secret,
      // Refused until the bot is set up, and while it stops: answered 503, and Telegram delivers the update again.
      onUpdate: (update: Update) => {
        if (!intake.accept(update)) return false;
        readiness.updatesReceived();
        return true;
      },
    };
    const http = config.http
      ? await startHttpServer({
          ...config.http,
          log,
          readiness: () => readiness.check(),
          metrics,
          ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
          ...(webhook ? { webhook } : {}),
        })
      : undefined;
    if (http) steps.add("http server", () => http.stop());
    cancelled();

    // Until Telegram answers, nothing below can run: say why at each try, and let a stop end the waiting.
    const me = options.botInfo ?? (await connectToTelegram({ api: bot.api, log, apiRoot: config.telegramApiRoot, signal, ...retry }));
    cancelled();
    bot.botInfo = me!;
    readiness.connected();
    await registerCommands(bot, { log, signal });
    cancelled();

    if (config.webhook) {
      await setUpWebhook({ api: bot.api, log, apiRoot: config.telegramApiRoot, url: config.webhook.url, secret: config.webhook.secret, signal, ...retry });
      cancelled();
      intake.open();
      // The webhook stays set at stop: deleting it would lose the updates sent while the bot restarts. The sender
      // stops beside the updates, not after them: their grace periods run at the same time.
      steps.add("updates", () => Promise.all([intake.stop(UPDATE_GRACE_MS), sender.stop()]));
    } else {
      intake.open();
      const polling = startLongPolling({
        api: bot.api, intake, log, apiRoot: config.telegramApiRoot, ...retry,
        onPolled: () => readiness.updatesReceived(),
        // main.ts stops the app and exits 1; without it (tests), the app stops itself.
        onFatal: (error) => (options.onFatal ? options.onFatal(error) : void stop()),
      });
      steps.add("updates", () => Promise.all([polling.stop(UPDATE_GRACE_MS), sender.stop()]));
    }

    const fetcher = createFeedFetcher({
      timeoutMs: config.fetchTimeoutMs,
      maxBytes: config.fetchMaxBytes,
      allowPrivate: config.feedsAllowPrivate,
      ...(options.isBlockedAddress ? { isBlockedAddress: options.isBlockedAddress } : {}),
      userAgent: `NewsDigestBot/0.1 (+https://t.me/${bot.botInfo.username})`,
    });
    steps.add("feed fetcher", () => fetcher.close());
    const searchIndexer = createSearchIndexer(db, log);
    steps.add("search indexer", () => searchIndexer.stop());
    const feedPolls = new AbortController();
    const pollFeeds = createFeedPoller({
      db, fetcher, prepare: parsePool.prepare, searchIndexer, log, now, baseIntervalMs,
      concurrency: config.fetchConcurrency,
      signal: feedPolls.signal,
      onFeedDisabled: (feed, reason) => {
        notifyAdmins(db, config.adminChatIds, feedDisabledNotice(feed, reason), now());
        sender.kick();
      },
      onFeedPolled: (result, seconds) => {
        metrics.feedPolled(result.outcome, seconds);
        metrics.articlesStored(result.newArticles);
      },
      onPollEnded: () => readiness.feedPollEnded(),
    });
    const pruneOld = () => {
      const pruned = pruneOldRows(db, { articlesBefore: now() - config.articleRetentionDays * 86_400_000, messagesBefore: now() - MESSAGE_RETENTION_MS });
      log.info(pruned, "pruned old articles, sent messages, deliveries and searches");
    };
    const runDueDigests = () => {
      const result = composeDueDigests(db, now(), log, { maxPerTopic: config.digestMaxPerTopic });
      metrics.digestsComposed(result.queued);
      if (result.queued > 0) sender.kick();
      return result;
    };

    pruneOld();
    const initialPoll = parsePool.ready().then(() => pollFeeds()).catch((error: unknown) => log.error({ err: String(error) }, "start-up poll failed"));
    steps.add("start-up poll", () => initialPoll);
    const jobs = startJobs(config, { pollFeeds, runDueDigests, pruneOld }, log);
    steps.add("jobs", () => jobs.stop());
    // Runs first, before the jobs and the start-up poll are awaited: polls in progress end, their feeds stay due.
    steps.add("feed polls", () => feedPolls.abort());
    // Runs first of all: /readyz turns 503 as soon as the stop begins.
    steps.add("readiness", () => readiness.stopping());
    log.info({ bot: bot.botInfo.username, mode: config.botMode, feeds: catalog.feeds.length, topics: catalog.topics.length }, "news digest bot started");

    return { bot, database, sender, ...(http ? { http } : {}), readiness, pollFeeds, pruneOld, runDueDigests, initialPoll, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

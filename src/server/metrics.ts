import { API_CONSTANTS } from "grammy";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

export type FeedPollOutcome = "stored" | "not-modified" | "failed";
export type MessageOutcome = "sent" | "429" | "403" | "dropped" | "failed" | "migrated";

export interface Metrics {
  readonly contentType: string;
  render(): Promise<string>;
  feedPolled(outcome: FeedPollOutcome, seconds: number): void;
  articlesStored(count: number): void;
  digestsComposed(count: number): void;
  messageSent(outcome: MessageOutcome): void;
  updateHandled(type: string, seconds: number, ok: boolean): void;
}

export interface MetricsOptions {
  /** Rows waiting in the outbox, read at each scrape. May throw (database closed): the last value read is kept. */
  outboxDepth: () => number;
}

const FEED_POLL_OUTCOMES: readonly FeedPollOutcome[] = ["stored", "not-modified", "failed"];
const MESSAGE_OUTCOMES: readonly MessageOutcome[] = ["sent", "429", "403", "dropped", "failed", "migrated"];
/** A feed fetch is cut off at FETCH_TIMEOUT_MS (20 s by default); parsing and storing add a little. */
const FEED_POLL_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30];
/** Most updates answer in milliseconds; /search on a cold index or a conversation step can take seconds. */
const UPDATE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Update types shown from the first scrape; others appear when they first occur. */
const PRESET_UPDATE_TYPES = ["message", "edited_message", "callback_query", "my_chat_member"];
const KNOWN_UPDATE_TYPES: ReadonlySet<string> = new Set(API_CONSTANTS.ALL_UPDATE_TYPES);

let processRegistry: Registry | undefined;

/**
 * Process metrics (CPU, memory, event loop lag, GC, handles), collected once per process and shared by every Metrics.
 * collectDefaultMetrics leaves something running per call that is never stopped: eventLoopLag enables a
 * perf_hooks.monitorEventLoopDelay histogram (a libuv timer sampling every 10 ms) and gc registers a
 * PerformanceObserver for 'gc' entries, and prom-client offers no way to undo either. Calling it per app (several apps
 * per test process) would pile those up; the figures describe the process anyway, not one app.
 * Created on first use, so importing this module starts nothing.
 */
function sharedProcessRegistry(): Registry {
  if (processRegistry === undefined) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Telegram update types are a closed set; anything else is "other", so a caller's mistake cannot add series without bound. */
function updateTypeLabel(type: string): string {
  return KNOWN_UPDATE_TYPES.has(type) ? type : "other";
}

/** Seconds from a timer: a negative or non-finite value (a clock bug) is dropped rather than thrown at the caller. */
function validSeconds(seconds: number): boolean {
  return Number.isFinite(seconds) && seconds >= 0;
}

function validCount(count: number): boolean {
  return Number.isFinite(count) && count > 0;
}

/**
 * The bot's metrics in a registry of its own (never prom-client's global one, so several apps can live in one process),
 * rendered together with the shared process metrics. The recording methods never throw: a metric must not fail the
 * work it measures.
 */
export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  const registers = [registry];

  const feedPolls = new Counter({
    name: "news_digest_feed_polls_total",
    help: "Feed polls by outcome: stored (new content stored), not-modified (304 or unchanged), failed.",
    labelNames: ["outcome"] as const,
    registers,
  });
  const feedPollDuration = new Histogram({
    name: "news_digest_feed_poll_duration_seconds",
    help: "Time from starting a feed poll to its outcome.",
    labelNames: ["outcome"] as const,
    buckets: FEED_POLL_BUCKETS,
    registers,
  });
  const articlesStored = new Counter({
    name: "news_digest_articles_stored_total",
    help: "Articles stored from feeds.",
    registers,
  });
  const digestsComposed = new Counter({
    name: "news_digest_digests_composed_total",
    help: "Digests composed for chats.",
    registers,
  });
  const messages = new Counter({
    name: "news_digest_messages_total",
    help: "Outgoing messages by outcome: sent, 429 (rate limited), 403 (bot blocked), dropped, failed, migrated (chat moved to a supergroup).",
    labelNames: ["outcome"] as const,
    registers,
  });
  const updateDuration = new Histogram({
    name: "news_digest_update_duration_seconds",
    help: "Time to handle a Telegram update, by update type.",
    labelNames: ["type"] as const,
    buckets: UPDATE_BUCKETS,
    registers,
  });
  const updateErrors = new Counter({
    name: "news_digest_update_errors_total",
    help: "Telegram updates whose handling failed, by update type.",
    labelNames: ["type"] as const,
    registers,
  });
  new Gauge({
    name: "news_digest_outbox_depth",
    help: "Messages waiting in the outbox, read at scrape time.",
    registers,
    // prom-client calls collect() before each render; throwing here would fail the whole scrape.
    collect() {
      let depth: number;
      try {
        depth = options.outboxDepth();
      } catch {
        outboxReadFailures.inc();
        return;
      }
      if (Number.isFinite(depth) && depth >= 0) this.set(depth);
      else outboxReadFailures.inc();
    },
  });

  // Registered after the gauge, so a render reads it after the gauge's collect() may have counted a failure.
  const outboxReadFailures = new Counter({
    name: "news_digest_outbox_depth_read_failures_total",
    help: "Scrapes at which the outbox depth could not be read; news_digest_outbox_depth then shows the last value read.",
    registers,
  });

  // Zero series from the start, so dashboards and rate() see every outcome before it first happens.
  for (const outcome of FEED_POLL_OUTCOMES) {
    feedPolls.labels(outcome).inc(0);
    feedPollDuration.zero({ outcome });
  }
  for (const outcome of MESSAGE_OUTCOMES) messages.labels(outcome).inc(0);
  for (const type of [...PRESET_UPDATE_TYPES, "other"]) {
    updateDuration.zero({ type });
    updateErrors.labels(type).inc(0);
  }

  // The merged registry holds the same metric objects, so merging once is enough.
  const merged = Registry.merge([sharedProcessRegistry(), registry]);

  return {
    contentType: merged.contentType,
    render: () => merged.metrics(),
    feedPolled(outcome, seconds) {
      feedPolls.labels(outcome).inc();
      if (validSeconds(seconds)) feedPollDuration.labels(outcome).observe(seconds);
    },
    articlesStored(count) {
      if (validCount(count)) articlesStored.inc(count);
    },
    digestsComposed(count) {
      if (validCount(count)) digestsComposed.inc(count);
    },
    messageSent(outcome) {
      messages.labels(outcome).inc();
    },
    updateHandled(type, seconds, ok) {
      const label = updateTypeLabel(type);
      if (validSeconds(seconds)) updateDuration.labels(label).observe(seconds);
      if (!ok) updateErrors.labels(label).inc();
    },
  };
}

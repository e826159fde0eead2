import type { Api } from "grammy";
import type { WebhookInfo } from "grammy/types";
import type { Db } from "../db/client.js";
import type { Readiness } from "../server/check-readiness.js";
import { describeTelegramFailure } from "../telegram/failure.js";

export interface ReadinessTracker {
  /** getMe answered: the bot knows who it is. */
  connected(): void;
  /** A getUpdates was answered, or a webhook update arrived. */
  updatesReceived(): void;
  /** A feed poll ended (whatever its feeds' outcomes). */
  feedPollEnded(): void;
  /** The bot is stopping: not ready from now on, so a load balancer sends nothing more. */
  stopping(): void;
  check(): Promise<Readiness>;
}

export interface ReadinessDeps {
  db: Db;
  /** The app's clock, for how long ago things happened (tests move it). */
  now: () => number;
  /** The real time, compared with the dates Telegram reports (last_error_date). */
  wallClock?: () => number;
  mode: "polling" | "webhook";
  /** FETCH_CRON's interval: the feeds are late past three of them. */
  feedIntervalMs: number;
  /** Webhook mode: asks Telegram how delivering to the webhook goes. */
  api: Api;
  webhookUrl?: string;
}

/** Polling: a getUpdates answered in the last two minutes (each waits at most 30 s). */
const POLLING_STALE_MS = 120_000;
/** getWebhookInfo is asked at most this often, however often the probe runs. */
const WEBHOOK_INFO_TTL_MS = 15_000;
/** Under the HTTP server's 2 s for the whole check, so that a slow Telegram is reported as such. */
const WEBHOOK_INFO_TIMEOUT_MS = 1500;

/**
 * What /readyz reports: the database answers, Telegram's updates reach the bot (polling: a recent getUpdates;
 * webhook: Telegram reports no delivery error newer than the last update that arrived), and the feeds were polled
 * within three cron intervals.
 */
export function createReadiness(deps: ReadinessDeps): ReadinessTracker {
  const wallClock = deps.wallClock ?? Date.now;
  const startedAt = deps.now();
  let connectedAt: number | undefined;
  let updatesAt: number | undefined;
  /** Real time of the last update received (or of the connection), against Telegram's error dates. */
  let lastSuccessWall: number | undefined;
  let stopping = false;
  let feedPollAt: number | undefined;
  let webhookInfo: { at: number; info: Promise<WebhookInfo> } | undefined;

  const database = () => {
    try {
      deps.db.$client.prepare("SELECT 1").get();
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  };

  const telegram = async (): Promise<{ ok: boolean; detail?: string }> => {
    if (connectedAt === undefined) return { ok: false, detail: "Telegram has not answered getMe yet" };
    const now = deps.now();
    if (deps.mode === "polling") {
      const last = updatesAt ?? connectedAt;
      if (now - last > POLLING_STALE_MS) return { ok: false, detail: `no getUpdates answered for ${Math.round((now - last) / 1000)} s` };
      return { ok: true };
    }
    if (!webhookInfo || now - webhookInfo.at > WEBHOOK_INFO_TTL_MS) {
      webhookInfo = { at: now, info: deps.api.getWebhookInfo(AbortSignal.timeout(WEBHOOK_INFO_TIMEOUT_MS) as never) };
    }
    let info: WebhookInfo;
    try {
      info = await webhookInfo.info;
    } catch (error) {
      return { ok: false, detail: `getWebhookInfo failed: ${describeTelegramFailure(error)}` };
    }
    if (info.url !== deps.webhookUrl) return { ok: false, detail: "the webhook is not set to WEBHOOK_URL" };
    // A failure that is still going on: updates wait, and Telegram's last error (dated to the second) is later than
    // the last update that reached the bot. One in the same second is taken as older: if deliveries still fail,
    // Telegram retries within seconds and dates a later error.
    const erring = info.last_error_date !== undefined && info.last_error_date * 1000 > (lastSuccessWall ?? 0) && info.pending_update_count > 0;
    if (erring) {
      return { ok: false, detail: `Telegram cannot deliver to the webhook: ${info.last_error_message ?? "unknown error"}` };
    }
    return { ok: true };
  };

  const feeds = () => {
    const last = feedPollAt ?? startedAt;
    const late = deps.now() - last > 3 * deps.feedIntervalMs;
    return late ? { ok: false, detail: `no feed poll has ended for ${Math.round((deps.now() - last) / 1000)} s` } : { ok: true };
  };

  return {
    connected() {
      connectedAt = deps.now();
      lastSuccessWall = wallClock();
    },
    updatesReceived() {
      updatesAt = deps.now();
      lastSuccessWall = wallClock();
    },
    feedPollEnded: () => void (feedPollAt = deps.now()),
    stopping: () => void (stopping = true),
    async check() {
      const checks: Readiness["checks"] = { database: database(), telegram: await telegram(), feeds: feeds() };
      if (stopping) checks.stopping = { ok: false, detail: "the bot is stopping" };
      return { ready: Object.values(checks).every((c) => c.ok), checks };
    },
  };
}

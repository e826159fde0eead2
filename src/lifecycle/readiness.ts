import type { Api } from "grammy";
import type { WebhookInfo } from "grammy/types";
import type { Db } from "../db/client.js";
import { describeTelegramFailure } from "../updates/telegram-failure.js";

export interface Readiness {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

export interface ReadinessTracker {
  /** getMe answered: the bot knows who it is. */
  connected(): void;
  /** A getUpdates was answered, or a webhook update arrived. */
  updatesReceived(): void;
  /** A feed poll ended (whatever its feeds' outcomes). */
  feedPollEnded(): void;
  check(): Promise<Readiness>;
}

export interface ReadinessDeps {
  db: Db;
  now: () => number;
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
const WEBHOOK_INFO_TIMEOUT_MS = 5000;

/**
 * What /readyz reports: the database answers, Telegram's updates reach the bot (polling: a recent getUpdates;
 * webhook: Telegram reports no delivery error newer than the last update that arrived), and the feeds were polled
 * within three cron intervals.
 */
export function createReadiness(deps: ReadinessDeps): ReadinessTracker {
  const startedAt = deps.now();
  let connectedAt: number | undefined;
  let updatesAt: number | undefined;
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
    const lastSuccess = updatesAt ?? connectedAt;
    // Telegram dates errors to the second: one in the same second as the last update counts as the newer.
    if (info.last_error_date !== undefined && info.last_error_date >= Math.floor(lastSuccess / 1000)) {
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
    connected: () => void (connectedAt = deps.now()),
    updatesReceived: () => void (updatesAt = deps.now()),
    feedPollEnded: () => void (feedPollAt = deps.now()),
    async check() {
      const checks = { database: database(), telegram: await telegram(), feeds: feeds() };
      return { ready: Object.values(checks).every((c) => c.ok), checks };
    },
  };
}

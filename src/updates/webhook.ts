import { GrammyError, type Api } from "grammy";
import type { Logger } from "pino";
import { sleep as realSleep, type Sleep } from "../lifecycle/sleep.js";
import { describeTelegramFailure, isTokenRejected } from "./telegram-failure.js";
import { ALLOWED_UPDATES } from "./update-intake.js";

/** Telegram refused the webhook itself (a bad URL, a port it does not post to): retrying cannot help. */
export class WebhookRefusedError extends Error {
  constructor(readonly telegram: string) {
    super(`Telegram refused WEBHOOK_URL (${telegram})`);
    this.name = "WebhookRefusedError";
  }
}

export interface WebhookSetup {
  api: Api;
  log: Logger;
  url: string;
  secret: string;
  signal: AbortSignal;
  sleep?: Sleep;
  maxDelayMs?: number;
}

/**
 * Points Telegram at WEBHOOK_URL with the secret and the update types, retrying while Telegram cannot be reached.
 * Updates that waited while the bot was down are kept (never drop_pending_updates). Returns false when stopped first.
 */
export async function setUpWebhook(deps: WebhookSetup): Promise<boolean> {
  const sleep = deps.sleep ?? realSleep;
  const maxDelayMs = deps.maxDelayMs ?? 60_000;
  let delayMs = 1000;
  for (let attempt = 1; !deps.signal.aborted; attempt++) {
    try {
      await deps.api.setWebhook(deps.url, { secret_token: deps.secret, allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false }, deps.signal as never);
      deps.log.info({ url: deps.url }, "webhook set; Telegram posts updates to it");
      return true;
    } catch (error) {
      if (deps.signal.aborted) return false;
      if (error instanceof GrammyError && !isTokenRejected(error) && error.error_code === 400) throw new WebhookRefusedError(describeTelegramFailure(error));
      if (isTokenRejected(error)) throw error;
      const cause = describeTelegramFailure(error);
      deps.log.warn({ cause, attempt, retryInS: delayMs / 1000 }, `setWebhook failed (${cause}); retrying`);
      await sleep(delayMs, deps.signal);
      delayMs = Math.min(maxDelayMs, delayMs * 2);
    }
  }
  return false;
}

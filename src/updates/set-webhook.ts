import { GrammyError } from "grammy";
import { retryUntil } from "../lifecycle/retry.js";
import { START_CALL_TIMEOUT_MS, type TelegramCallDeps } from "./connect.js";
import { describeTelegramFailure, isTokenRejected } from "../telegram/failure.js";
import { ALLOWED_UPDATES } from "./update-intake.js";

/** Telegram refused the webhook itself (a bad URL, a port it does not post to): retrying cannot help. */
export class WebhookRefusedError extends Error {
  constructor(readonly telegram: string) {
    super(`Telegram refused WEBHOOK_URL (${telegram})`);
    this.name = "WebhookRefusedError";
  }
}

/**
 * Points Telegram at WEBHOOK_URL with the secret and the update types, retrying while Telegram cannot be reached.
 * Updates that waited while the bot was down are kept (never drop_pending_updates). Returns false when stopped first.
 */
export async function setUpWebhook(deps: TelegramCallDeps & { url: string; secret: string }): Promise<boolean> {
  const refused = (error: unknown) => error instanceof GrammyError && error.error_code === 400;
  try {
    const set = await retryUntil(
      (signal) => deps.api.setWebhook(deps.url, { secret_token: deps.secret, allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false }, signal as never),
      {
        signal: deps.signal,
        attemptTimeoutMs: START_CALL_TIMEOUT_MS,
        isFatal: (error) => refused(error) || isTokenRejected(error),
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
        onRetry: ({ error, timedOut, attempt, delayMs }) => {
          const cause = timedOut ? "timed out" : describeTelegramFailure(error);
          deps.log.warn({ apiRoot: deps.apiRoot, cause, attempt, retryInS: delayMs / 1000 }, `setWebhook failed (${cause}); retrying`);
        },
      },
    );
    if (set === undefined) return false;
  } catch (error) {
    throw refused(error) ? new WebhookRefusedError(describeTelegramFailure(error)) : error;
  }
  deps.log.info({ url: deps.url }, "webhook set; Telegram posts updates to it");
  return true;
}

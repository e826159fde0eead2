import type { Api } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "pino";
import { retryUntil } from "../lifecycle/retry.js";
import type { Sleep } from "../lifecycle/sleep.js";
import { describeTelegramFailure, isTokenRejected } from "../telegram/failure.js";

/** BOT_TOKEN was refused by Telegram: the bot cannot run until the operator fixes it. */
export class TokenRejectedError extends Error {
  constructor(readonly telegram: string) {
    super(`BOT_TOKEN was rejected by Telegram (${telegram}); check the token @BotFather gave you`);
    this.name = "TokenRejectedError";
  }
}

export interface TelegramCallDeps {
  api: Api;
  log: Logger;
  /** Named in every warning, so the operator sees where the bot is trying to go. */
  apiRoot: string;
  /** Aborting ends the retries (a stop during start-up). */
  signal: AbortSignal;
  sleep?: Sleep;
}

/** One call to Telegram's API at start-up may take this long before it counts as failed. */
export const START_CALL_TIMEOUT_MS = 15_000;

/**
 * Asks Telegram who the bot is (getMe) until it answers, saying at each failed try why and when the next is. A token
 * Telegram rejects throws TokenRejectedError at once; anything else (DNS, refused, timed out, 5xx) is retried, the
 * wait doubling up to a minute, until Telegram answers or `signal` aborts (then undefined).
 */
export async function connectToTelegram(deps: TelegramCallDeps & { timeoutMs?: number }): Promise<UserFromGetMe | undefined> {
  try {
    return await retryUntil((signal) => deps.api.getMe(signal as never), {
      signal: deps.signal,
      attemptTimeoutMs: deps.timeoutMs ?? START_CALL_TIMEOUT_MS,
      isFatal: isTokenRejected,
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
      onRetry: ({ error, timedOut, attempt, delayMs }) => {
        const cause = timedOut ? "timed out" : describeTelegramFailure(error);
        deps.log.warn({ apiRoot: deps.apiRoot, cause, attempt, retryInS: delayMs / 1000 }, `cannot reach Telegram at ${deps.apiRoot} (${cause}); retrying`);
      },
    });
  } catch (error) {
    throw isTokenRejected(error) ? new TokenRejectedError(describeTelegramFailure(error)) : error;
  }
}

import type { Api } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "pino";
import { sleep as realSleep, type Sleep } from "../lifecycle/sleep.js";
import { describeTelegramFailure, isTokenRejected } from "./telegram-failure.js";

/** BOT_TOKEN was refused by Telegram: the bot cannot run until the operator fixes it. */
export class TokenRejectedError extends Error {
  constructor(readonly telegram: string) {
    super(`BOT_TOKEN was rejected by Telegram (${telegram}); check the token @BotFather gave you`);
    this.name = "TokenRejectedError";
  }
}

export interface ConnectDeps {
  api: Api;
  log: Logger;
  /** Named in every warning, so the operator sees where the bot is trying to go. */
  apiRoot: string;
  /** Aborting ends the retries (a stop during start-up); the result is then undefined. */
  signal: AbortSignal;
  sleep?: Sleep;
  /** One attempt's time limit. */
  timeoutMs?: number;
  /** Retry delays double from this up to maxDelayMs. */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Asks Telegram who the bot is (getMe) until it answers, saying at each failed try why and when the next is. A token
 * Telegram rejects throws TokenRejectedError at once; anything else (DNS, refused, timed out, 5xx) is retried, the
 * delay doubling up to a minute, until Telegram answers or `signal` aborts.
 */
export async function connectToTelegram(deps: ConnectDeps): Promise<UserFromGetMe | undefined> {
  const sleep = deps.sleep ?? realSleep;
  const timeoutMs = deps.timeoutMs ?? 15_000;
  const maxDelayMs = deps.maxDelayMs ?? 60_000;
  let delayMs = deps.firstDelayMs ?? 1000;
  for (let attempt = 1; !deps.signal.aborted; attempt++) {
    const attemptSignal = AbortSignal.any([deps.signal, AbortSignal.timeout(timeoutMs)]);
    try {
      return await deps.api.getMe(attemptSignal as Parameters<Api["getMe"]>[0]);
    } catch (error) {
      if (deps.signal.aborted) return undefined;
      if (isTokenRejected(error)) throw new TokenRejectedError(describeTelegramFailure(error));
      const cause = attemptSignal.aborted ? "timed out" : describeTelegramFailure(error);
      deps.log.warn({ apiRoot: deps.apiRoot, cause, attempt, retryInS: delayMs / 1000 }, `cannot reach Telegram at ${deps.apiRoot} (${cause}); retrying`);
      await sleep(delayMs, deps.signal);
      delayMs = Math.min(maxDelayMs, delayMs * 2);
    }
  }
  return undefined;
}

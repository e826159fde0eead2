import { createConcurrentSink, createRunner, createSource } from "@grammyjs/runner";
import type { Api } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import { sleep as realSleep, type Sleep } from "../lifecycle/sleep.js";
import { describeTelegramFailure, isTokenRejected } from "./telegram-failure.js";
import { ALLOWED_UPDATES, type UpdateIntake } from "./update-intake.js";

export interface LongPollingDeps {
  api: Api;
  intake: UpdateIntake;
  log: Logger;
  apiRoot: string;
  /** Called after every getUpdates Telegram answered (readiness). */
  onPolled: () => void;
  /** Called when polling cannot go on: Telegram rejected the token. */
  onFatal: (error: unknown) => void;
  sleep?: Sleep;
  /** Long-poll timeout in seconds (Telegram holds the request this long when nothing is new). */
  timeoutSeconds?: number;
  maxDelayMs?: number;
}

export interface LongPolling {
  stop(): Promise<void>;
}

/** Updates handled at once; one chat's stay in order through the bot's `sequentialize`. */
const CONCURRENCY = 100;
/** Time left at stop for the last getUpdates, which tells Telegram the updates handled so far need not come again. */
const CONFIRM_TIMEOUT_MS = 2000;

/**
 * Long polling with @grammyjs/runner's source and concurrent sink, fed by a getUpdates loop of our own: each failure
 * is logged with its cause, the retry delay doubling up to a minute; a webhook left from webhook mode is deleted
 * first (as grammY's bot.start does). Stopping confirms the last offset once, and a failure to do so is only logged.
 */
export function startLongPolling(deps: LongPollingDeps): LongPolling {
  const sleep = deps.sleep ?? realSleep;
  const maxDelayMs = deps.maxDelayMs ?? 60_000;
  const stopped = new AbortController();
  let offset = 0;
  let webhookDeleted = false;

  const retrying = async <T>(what: string, call: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T> => {
    let delayMs = 1000;
    for (let attempt = 1; ; attempt++) {
      try {
        return await call(signal);
      } catch (error) {
        if (signal.aborted) throw error;
        if (isTokenRejected(error)) throw error;
        const cause = describeTelegramFailure(error);
        deps.log.warn({ apiRoot: deps.apiRoot, method: what, cause, attempt, retryInS: delayMs / 1000 }, `${what} failed (${cause}); retrying`);
        await sleep(delayMs, signal);
        if (signal.aborted) throw error;
        delayMs = Math.min(maxDelayMs, delayMs * 2);
      }
    }
  };

  const supply = async (batchSize: number, signal: AbortSignal): Promise<Update[]> => {
    if (!webhookDeleted) {
      await retrying("deleteWebhook", (s) => deps.api.deleteWebhook({ drop_pending_updates: false }, s as never), signal);
      webhookDeleted = true;
    }
    const updates = await retrying(
      "getUpdates",
      (s) =>
        deps.api.getUpdates(
          { offset, limit: Math.max(1, Math.min(batchSize, 100)), timeout: deps.timeoutSeconds ?? 30, allowed_updates: [...ALLOWED_UPDATES] },
          s as never,
        ),
      signal,
    );
    deps.onPolled();
    const last = updates.at(-1);
    if (last) offset = last.update_id + 1;
    return updates;
  };

  // The runner's source and sink, with our supplier in place of its own fetcher (which logs to the console).
  const source = createSource({ supply: (batchSize, signal) => supply(batchSize, AbortSignal.any([signal as AbortSignal, stopped.signal])) });
  const sink = createConcurrentSink<Update, unknown>({ consume: (update) => deps.intake.handle(update) }, async (error) => {
    deps.log.error({ err: error instanceof Error ? error.message : String(error) }, "an update could not be handled");
  }, { concurrency: CONCURRENCY });
  const runner = createRunner(source, sink);
  runner.start();
  const task = runner.task();
  void task?.catch((error: unknown) => {
    if (stopped.signal.aborted) return;
    deps.log.fatal({ telegram: describeTelegramFailure(error) }, isTokenRejected(error) ? "BOT_TOKEN was rejected by Telegram; polling stopped" : "polling Telegram stopped");
    deps.onFatal(error);
  });

  let stopping: Promise<void> | undefined;
  return {
    stop: () =>
      (stopping ??= (async () => {
        stopped.abort();
        await runner.stop()?.catch(() => undefined);
        await task?.catch(() => undefined);
        if (offset === 0) return;
        try {
          await deps.api.getUpdates({ offset, limit: 1, timeout: 0 }, AbortSignal.timeout(CONFIRM_TIMEOUT_MS) as never);
        } catch (error) {
          // Not fatal: Telegram sends the last updates again at the next start, and the intake's ids are gone by then;
          // the worst case is one batch handled twice.
          deps.log.warn({ cause: describeTelegramFailure(error) }, "could not confirm the last updates to Telegram; they may come again at the next start");
        }
      })()),
  };
}

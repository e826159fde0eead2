import { createConcurrentSink, createRunner, createSource } from "@grammyjs/runner";
import type { Api } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import { retryUntil } from "../lifecycle/retry.js";
import type { Sleep } from "../lifecycle/sleep.js";
import { START_CALL_TIMEOUT_MS } from "./connect.js";
import { describeTelegramFailure, isTokenRejected } from "../telegram/failure.js";
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
}

export interface LongPolling {
  /** Stops asking for updates, gives those being handled `graceMs`, then tells Telegram which were handled. */
  stop(graceMs: number): Promise<void>;
}

/** Updates handled at once; one chat's stay in order through the bot's `sequentialize`. */
const CONCURRENCY = 100;
/** Time left at stop for the last getUpdates, which tells Telegram the updates handled so far need not come again. */
const CONFIRM_TIMEOUT_MS = 2000;

/**
 * Long polling with @grammyjs/runner's source and concurrent sink, fed by a getUpdates loop of our own: each failure
 * is logged with its cause, the wait doubling up to a minute, and a poll that hangs past its timeout counts as one;
 * a webhook left from webhook mode is deleted first (as grammY's bot.start does).
 */
export function startLongPolling(deps: LongPollingDeps): LongPolling {
  const timeoutSeconds = deps.timeoutSeconds ?? 30;
  const stopped = new AbortController();
  let offset = 0;
  let webhookDeleted = false;

  const call = <T>(method: string, attemptTimeoutMs: number, attempt: (signal: AbortSignal) => Promise<T>, signal: AbortSignal) =>
    retryUntil(attempt, {
      signal,
      attemptTimeoutMs,
      isFatal: isTokenRejected,
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
      onRetry: ({ error, timedOut, attempt: n, delayMs }) => {
        const cause = timedOut ? "timed out" : describeTelegramFailure(error);
        deps.log.warn({ apiRoot: deps.apiRoot, method, cause, attempt: n, retryInS: delayMs / 1000 }, `${method} failed (${cause}); retrying`);
      },
    }).then((result) => {
      // Stopped: the runner takes a rejection while its signal is aborted as the end.
      if (result === undefined) throw new Error("stopped");
      return result;
    });

  const supply = async (batchSize: number, signal: AbortSignal): Promise<Update[]> => {
    if (!webhookDeleted) {
      await call("deleteWebhook", START_CALL_TIMEOUT_MS, (s) => deps.api.deleteWebhook({ drop_pending_updates: false }, s as never), signal);
      webhookDeleted = true;
    }
    const updates = await call(
      "getUpdates",
      (timeoutSeconds + 10) * 1000,
      (s) => deps.api.getUpdates({ offset, limit: Math.max(1, Math.min(batchSize, 100)), timeout: timeoutSeconds, allowed_updates: [...ALLOWED_UPDATES] }, s as never),
      signal,
    );
    deps.onPolled();
    const last = updates.at(-1);
    if (last) offset = last.update_id + 1;
    return updates;
  };

  // The runner's source and sink, with our supplier in place of its own fetcher (which logs to the console). Its
  // signal comes from an AbortController shim that native signals cannot follow: bridged by hand.
  const source = createSource({
    supply: async (batchSize, shim) => {
      const native = new AbortController();
      const abort = () => native.abort();
      if (shim.aborted || stopped.signal.aborted) abort();
      shim.addEventListener("abort", abort);
      stopped.signal.addEventListener("abort", abort, { once: true });
      try {
        return await supply(batchSize, native.signal);
      } finally {
        // A poll every 30 s for months: the listeners go with the poll they were for.
        shim.removeEventListener("abort", abort);
        stopped.signal.removeEventListener("abort", abort);
      }
    },
  });
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
    stop: (graceMs) =>
      (stopping ??= (async () => {
        stopped.abort();
        // One grace period for both: the runner waits for room in its sink before it ends, then the updates finish.
        const deadline = performance.now() + graceMs;
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([runner.stop()?.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
        clearTimeout(timer);
        await deps.intake.stop(Math.max(0, deadline - performance.now()));
        // Updates still unfinished are not confirmed: Telegram sends them (and those after them) again at the next start.
        const confirmUpTo = Math.min(offset, ...deps.intake.unfinished());
        if (confirmUpTo === 0) return;
        try {
          await deps.api.getUpdates({ offset: confirmUpTo, limit: 1, timeout: 0, allowed_updates: [...ALLOWED_UPDATES] }, AbortSignal.timeout(CONFIRM_TIMEOUT_MS) as never);
        } catch (error) {
          // Not fatal: Telegram sends these updates again at the next start, which handles them a second time.
          deps.log.warn({ cause: describeTelegramFailure(error) }, "could not confirm the last updates to Telegram; they may come again at the next start");
        }
      })()),
  };
}

import { sleep as realSleep, type Sleep } from "./sleep.js";

export interface RetryOptions {
  /** Aborting ends the retries; the result is then undefined. */
  signal: AbortSignal;
  /** One attempt's time limit: an attempt that hangs counts as failed ("timed out"). */
  attemptTimeoutMs: number;
  /** Errors that no retry can mend: thrown at once. */
  isFatal?: (error: unknown) => boolean;
  /** Told of each failure before the wait; `timedOut` when the attempt ran out of time. */
  onRetry: (failure: { error: unknown; timedOut: boolean; attempt: number; delayMs: number }) => void;
  sleep?: Sleep;
  /** The first wait; each one doubles, up to maxDelayMs. */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/** Calls `attempt` until it succeeds, waiting from 1 s doubling to a minute between tries; undefined once aborted. */
export async function retryUntil<T>(attempt: (signal: AbortSignal) => Promise<T>, options: RetryOptions): Promise<T | undefined> {
  const sleep = options.sleep ?? realSleep;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  let delayMs = options.firstDelayMs ?? 1000;
  for (let n = 1; !options.signal.aborted; n++) {
    const timeout = AbortSignal.timeout(options.attemptTimeoutMs);
    try {
      return await attempt(AbortSignal.any([options.signal, timeout]));
    } catch (error) {
      if (options.signal.aborted) return undefined;
      if (options.isFatal?.(error)) throw error;
      options.onRetry({ error, timedOut: timeout.aborted, attempt: n, delayMs });
      await sleep(delayMs, options.signal);
      delayMs = Math.min(maxDelayMs, delayMs * 2);
    }
  }
  return undefined;
}

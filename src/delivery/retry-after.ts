import type { Transformer } from "grammy";
import type { Logger } from "pino";

/**
 * An API transformer that honours Telegram's flood control: on a 429 it waits `retry_after` seconds and tries again.
 * All calls share one pause, so a 429 on one request holds back the others instead of each finding out on its own.
 */
export function retryAfter429(log: Logger, options: { maxAttempts?: number; maxWaitSeconds?: number } = {}): Transformer {
  const maxAttempts = options.maxAttempts ?? 5;
  const maxWaitSeconds = options.maxWaitSeconds ?? 120;
  let pausedUntil = 0;
  return async (prev, method, payload, signal) => {
    for (let attempt = 1; ; attempt++) {
      const wait = pausedUntil - Date.now();
      if (wait > 0) await sleep(wait);
      const result = await prev(method, payload, signal);
      if (result.ok || result.error_code !== 429 || attempt >= maxAttempts) return result;
      const seconds = Math.min(result.parameters?.retry_after ?? 1, maxWaitSeconds);
      pausedUntil = Math.max(pausedUntil, Date.now() + seconds * 1000);
      const chatId = (payload as { chat_id?: unknown } | undefined)?.chat_id;
      log.warn({ method, chatId, retryAfter: seconds, attempt }, "Telegram flood control: pausing before retrying");
    }
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

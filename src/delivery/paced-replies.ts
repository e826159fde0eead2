import type { Transformer } from "grammy";
import type { Logger } from "pino";
import type { Pacer } from "./pacer.js";

/** Methods that put a message in a chat, and so count against Telegram's rate limits. */
const PACED_METHODS = new Set(["sendMessage", "editMessageText", "editMessageReplyMarkup", "editMessageCaption", "sendPhoto", "sendDocument"]);

/**
 * The bot's own calls (replies, edits, conversations) take their slot from the pacer the outbox sender uses, ahead of
 * any digest waiting for one, so replies and digests together stay within TELEGRAM_RATE. A 429 on any call pauses
 * every send, digests included, for `retry_after`, and the call is tried again.
 */
export function pacedReplies(pacer: Pacer, log: Logger, options: { maxAttempts?: number; maxWaitSeconds?: number } = {}): Transformer {
  const maxAttempts = options.maxAttempts ?? 5;
  const maxWaitSeconds = options.maxWaitSeconds ?? 120;
  return async (prev, method, payload, signal) => {
    const paced = PACED_METHODS.has(method);
    const chatId = (payload as { chat_id?: unknown } | undefined)?.chat_id;
    for (let attempt = 1; ; attempt++) {
      if (paced) await pacer.acquire(typeof chatId === "number" ? chatId : undefined);
      const result = await prev(method, payload, signal);
      if (result.ok || result.error_code !== 429 || attempt >= maxAttempts) return result;
      const seconds = Math.min(result.parameters?.retry_after ?? 1, maxWaitSeconds);
      pacer.pause(seconds * 1000);
      log.warn({ method, chatId, retryAfter: seconds, attempt }, "Telegram flood control: pausing every send before retrying");
      // A paced call waits for the pause in `acquire`; the others wait here.
      if (!paced) await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    }
  };
}

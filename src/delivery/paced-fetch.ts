import type { ApiClientOptions } from "grammy";
import type { Logger } from "pino";
import type { Pacer } from "./pacer.js";

type Fetch = NonNullable<ApiClientOptions["fetch"]>;

/** Methods that put a message in a chat, and so count against Telegram's rate limits. */
const PACED_METHODS = new Set(["sendMessage", "editMessageText", "editMessageReplyMarkup", "editMessageCaption", "sendPhoto", "sendDocument"]);

/**
 * The fetch the bot's API client (replies, edits, conversations) makes its requests with. Each message takes its slot
 * from the pacer the outbox sender uses, ahead of any digest waiting for one, so replies and digests together stay
 * within TELEGRAM_RATE. A 429 on any call pauses every send, digests included, for `retry_after`, and the request is
 * made again. Pacing here, at the HTTP layer, means a conversation replaying its earlier steps (which makes no
 * requests) takes no slots and repeats no pauses.
 */
export function pacedFetch(pacer: Pacer, log: Logger, options: { maxAttempts?: number; maxWaitSeconds?: number } = {}): Fetch {
  const maxAttempts = options.maxAttempts ?? 5;
  const maxWaitSeconds = options.maxWaitSeconds ?? 120;
  const request = globalThis.fetch as unknown as Fetch;
  return (async (url: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
    // The URL holds the token: only its last segment, the method, is read, and nothing of it is logged but that.
    const method = /\/([A-Za-z]+)$/.exec(String(url))?.[1] ?? "";
    const paced = PACED_METHODS.has(method);
    const chatId = paced ? chatIdOf(init?.body) : undefined;
    // A body sent as a stream (a file upload) cannot be sent twice.
    const repeatable = init?.body === undefined || typeof init.body === "string";
    // grammY's signals come from an AbortController shim, which Node's fetch does not listen to: without a native
    // signal, stopping the bot would wait for the long poll to end on its own.
    const native = new AbortController();
    const shim = init?.signal as { aborted: boolean; addEventListener(type: "abort", listener: () => void): void } | null | undefined;
    if (shim?.aborted) native.abort();
    shim?.addEventListener("abort", () => native.abort());
    const requestInit = { ...init, signal: native.signal } as Parameters<Fetch>[1];
    for (let attempt = 1; ; attempt++) {
      if (paced) await pacer.acquire(chatId);
      const response = await request(url, requestInit);
      if (chatId !== undefined) pacer.answered(chatId);
      if (response.status !== 429 || !repeatable || attempt >= maxAttempts) return response;
      const answer = (await response.clone().json().catch(() => undefined)) as { parameters?: { retry_after?: number } } | undefined;
      const seconds = Math.min(answer?.parameters?.retry_after ?? 1, maxWaitSeconds);
      pacer.pause(seconds * 1000);
      log.warn({ method, chatId, retryAfter: seconds, attempt }, "Telegram flood control: pausing every send before retrying");
      // A paced request waits for the pause in `acquire`; the others wait here.
      if (!paced) await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    }
  }) as Fetch;
}

function chatIdOf(body: unknown): number | undefined {
  if (typeof body !== "string") return undefined;
  try {
    const chatId = (JSON.parse(body) as { chat_id?: unknown }).chat_id;
    return typeof chatId === "number" ? chatId : undefined;
  } catch {
    return undefined;
  }
}

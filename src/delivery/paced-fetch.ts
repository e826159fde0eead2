import type { ApiClientOptions } from "grammy";
import type { Logger } from "pino";
import { sleep as realSleep, type Sleep } from "../lifecycle/sleep.js";
import type { Pacer } from "./pacer.js";

/** The fetch grammY's API client makes its requests with. */
export type Fetch = NonNullable<ApiClientOptions["fetch"]>;

export interface PacedFetchOptions {
  /** Tries of a request answered 429 before that answer is returned (default 5). */
  maxAttempts?: number;
  /** A longer retry_after is cut to this (default 120). */
  maxWaitSeconds?: number;
  /** How a request that takes no slot waits out a 429 (real timers by default); the pacer's own sleep paces the rest,
   * so both should run on the pacer's clock. */
  sleep?: Sleep;
  /** The fetch requests are made with (globalThis.fetch by default). */
  fetch?: Fetch;
}

/** Methods that put a message in a chat, and so count against Telegram's rate limits. */
const PACED_METHODS = new Set(["sendMessage", "editMessageText", "editMessageReplyMarkup", "editMessageCaption", "sendPhoto", "sendDocument"]);

/**
 * The fetch the bot's API client (replies, edits, conversations) makes its requests with. Each message takes its slot
 * from the pacer the outbox sender uses, ahead of any digest waiting for one, so replies and digests together stay
 * within TELEGRAM_RATE. A 429 on any call pauses every send, digests included, for `retry_after`, and the request is
 * made again. Pacing here, at the HTTP layer, means a conversation replaying its earlier steps (which makes no
 * requests) takes no slots and repeats no pauses.
 */
export function pacedFetch(pacer: Pacer, log: Logger, options: PacedFetchOptions = {}): Fetch {
  const maxAttempts = options.maxAttempts ?? 5;
  const maxWaitSeconds = options.maxWaitSeconds ?? 120;
  const sleep = options.sleep ?? realSleep;
  const request = options.fetch ?? (globalThis.fetch as unknown as Fetch);
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
      // Stopping the bot cuts the wait short; the request made next then fails as aborted.
      if (!paced) await sleep(seconds * 1000, native.signal);
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

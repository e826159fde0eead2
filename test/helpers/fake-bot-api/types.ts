/** The fake Bot API's public vocabulary: what tests read back, configure and call. */
import type { BotCommand, InlineKeyboardButton, Update, User, UserFromGetMe } from "grammy/types";

export const DEFAULT_TOKEN = "123456:TEST-TOKEN";
export const MAX_MESSAGE_LENGTH = 4096;

export const FAKE_BOT_USER: UserFromGetMe = {
  id: 123456,
  is_bot: true,
  first_name: "News Digest Test Bot",
  username: "news_digest_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export type Payload = Record<string, unknown>;

export interface ResponseParameters {
  retry_after?: number;
  migrate_to_chat_id?: number;
}

export type ApiResponse =
  | { ok: true; result: unknown; description?: string }
  | { ok: false; error_code: number; description: string; parameters?: ResponseParameters };

export interface TextEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
}

/** A message the bot sent, in its current state (after edits / deletion). */
export interface StoredMessage {
  chatId: number;
  messageId: number;
  /** Raw text exactly as the bot sent it (HTML included). */
  text: string;
  /** Text as the user sees it: tags removed, entities decoded. */
  plainText: string;
  entities: TextEntity[];
  parseMode: string | undefined;
  /** reply_markup exactly as sent (any keyboard type). */
  replyMarkup: Payload | undefined;
  /** Validated inline keyboard, if the message has one. */
  inlineKeyboard: InlineKeyboardButton[][] | undefined;
  date: number;
  editDate: number | undefined;
  deleted: boolean;
}

export interface RecordedCall {
  /** Position in `calls`; usable as `since` in the wait helpers. */
  index: number;
  /** Canonical method name (`getMe` even if the URL said `getme`). */
  method: string;
  payload: Payload;
  /** Arrival time of the request (ms). */
  at: number;
  status: number;
  /** JSON answer, or the HTML body of a simulated gateway error. */
  response: ApiResponse | string;
  ok: boolean;
  /** Snapshot of the affected message for successful sendMessage/edit calls. */
  message?: StoredMessage;
  /** The client hung up before the answer was written (aborted long poll). */
  aborted: boolean;
  /** The call came in the body of the bot's 2xx answer to a webhook POST, not as a request of its own. */
  viaWebhookReply?: true;
}

export interface FailureSpec {
  error_code: number;
  /** Defaults to Telegram's usual wording for the code. */
  description?: string;
  retry_after?: number;
  migrate_to_chat_id?: number;
  /** Only fail calls whose chat_id equals this. */
  chatId?: number | string;
  /** How many matching calls fail (default 1; `Infinity` for "always"). */
  times?: number;
  /** Answer with an nginx-style HTML body instead of JSON (gateway errors). */
  html?: boolean;
}

/**
 * Telegram-like flood control for sendMessage, editMessageText and
 * editMessageReplyMarkup; every limit is off unless set. A refused call is
 * answered 429 and neither counts against the limits nor stores a message.
 */
export interface FloodLimits {
  /** Accepted calls over all chats in any sliding 1000 ms window. */
  perSecond?: number;
  /** Accepted calls to one private chat (chat_id > 0) in any sliding 1000 ms window (Telegram: about 1). */
  perChatPerSecond?: number;
  /** Accepted calls to one group chat (chat_id < 0) in any sliding 60 000 ms window (Telegram: 20). */
  perGroupPerMinute?: number;
  /** retry_after (seconds) of the 429 answer; default 1. */
  retryAfter?: number;
}

export interface FakeBotApiOptions {
  token?: string;
  limits?: FloodLimits;
  webhook?: WebhookOptions;
}

/** How the fake delivers updates to a webhook; every delay can be shortened for tests. */
export interface WebhookOptions {
  /** Local origin the public webhook URL is routed to, as `routeWebhook` sets it. */
  route?: string;
  /** How long a POST may take to be answered before it fails with "Read timeout expired" (default 10 000 ms). */
  timeoutMs?: number;
  /**
   * What stands for Telegram's one second in retry delays (default 1000 ms). As Telegram does, a failed update
   * is retried at once, then after 2, 4, 8… up to 60 of these; a `Retry-After: N` answer waits N of them.
   */
  retryDelayMs?: number;
  /** Telegram refuses a second setWebhook with a URL within 1 s with 429 "retry after 1" (default 1000 ms; 0: never). */
  setWebhookIntervalMs?: number;
}

/** getWebhookInfo's answer. */
export interface WebhookInfo {
  /** "" when no webhook is set. */
  url: string;
  has_custom_certificate: boolean;
  /** Updates not yet confirmed, those in flight included. */
  pending_update_count: number;
  /** Unix seconds of the latest failed delivery since the webhook was set. */
  last_error_date?: number;
  /** Telegram's wording, e.g. "Wrong response from the webhook: 401 Unauthorized", "Read timeout expired". */
  last_error_message?: string;
  /** Only while a webhook is set. */
  max_connections?: number;
  /** Only when not the default (every type but chat_member, message_reaction and message_reaction_count). */
  allowed_updates?: string[];
}

/** One POST of an update to the webhook, recorded once it ended. */
export interface WebhookDelivery {
  /** Position in `webhookDeliveries`; usable as `since` in waitForWebhookDelivery. */
  index: number;
  updateId: number;
  /** The update exactly as posted. */
  update: Update;
  /** The webhook URL as set with setWebhook. */
  url: string;
  /** Where the POST went after routing; undefined when there was no route (the delivery failed). */
  target: string | undefined;
  /** Request headers sent, names lower-cased (e.g. `x-telegram-bot-api-secret-token`). */
  headers: Record<string, string>;
  /** 1 for an update's first POST, 2, 3… for its retries and redeliveries. */
  attempt: number;
  /** Posted by `redeliver`, not by the fake's own schedule. */
  redelivery: boolean;
  /** Date.now() when posted. */
  at: number;
  durationMs: number;
  /** The answer's HTTP status; undefined when none came (no route, connection error, timeout, aborted). */
  status: number | undefined;
  /** The answer's body as text ("" when none). */
  body: string;
  /** Answered 2xx: the update is confirmed (a redelivery confirms nothing more). */
  ok: boolean;
  /** Why it failed, as getWebhookInfo's last_error_message words it; undefined when ok or aborted. */
  error: string | undefined;
  /** Cut because the webhook was removed or the fake closed; counts as no error. */
  aborted: boolean;
}

/** An update_id, or a test on the delivery. */
export type DeliveryPredicate = number | ((delivery: WebhookDelivery) => boolean);

export type CallPredicate = string | ((call: RecordedCall) => boolean);
/**
 * A timeout in ms, or `since` (a call index, or a delivery index for waitForWebhookDelivery: earlier ones are
 * ignored, later ones count even if already recorded).
 */
export type WaitOptions = number | { since?: number; timeoutMs?: number };

export interface FakeBotApi {
  readonly apiRoot: string;
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  /** Every request answered so far, in order of answering. */
  readonly calls: readonly RecordedCall[];

  /** Index for `since`: calls recorded from now on. */
  mark(): number;
  callCount(method: string, filter?: { ok?: boolean }): number;
  lastCall(method: string): RecordedCall | undefined;
  /** Messages the bot sent (current state, deleted ones excluded), in sending order. */
  messages(chatId?: number): StoredMessage[];
  /** `messages(chatId).length` without copying anything: O(1). */
  messageCount(chatId?: number): number;
  /** Updates queued and not yet confirmed by an offset. */
  pendingUpdates(): Update[];
  isCallbackAnswered(callbackQueryId: string): boolean;
  /** Commands stored by setMyCommands for a scope (default scope) and language. */
  commands(scope?: Payload, languageCode?: string): BotCommand[];

  sendUserMessage(chatId: number, text: string, from?: Partial<User>): Update;
  /** Throws if the message or a button with that callback_data does not exist. */
  pressButton(chatId: number, messageId: number, data: string, from?: Partial<User>): Update;
  pushUpdate(update: Omit<Update, "update_id">): Update;

  /**
   * Calls are recorded when answered, so a long poll shows up only once it
   * returns; use `waitForPolling` to know the bot is polling.
   */
  waitForCall(predicate: CallPredicate, options?: WaitOptions): Promise<RecordedCall>;
  /** Resolves once a getUpdates long poll is waiting (immediately if one is). */
  waitForPolling(timeoutMs?: number): Promise<void>;
  waitForMessage(
    chatId: number,
    predicate?: (message: StoredMessage) => boolean,
    options?: WaitOptions,
  ): Promise<StoredMessage>;

  failNext(method: string, spec: FailureSpec): void;
  clearFailures(): void;
  setDown(down: boolean): void;
  /** Replaces the flood limits (`undefined`: none); calls accepted before still count against new limits. */
  setLimits(limits: FloodLimits | undefined): void;
  /** How many calls the flood limits refused with 429 (failNext failures not included). */
  rateLimited(): number;
  /** Stops listening and destroys open connections: clients get ECONNREFUSED / socket errors, not an answer. */
  goOffline(): Promise<void>;
  /** Listens again on the same port, so `apiRoot` stays valid. */
  goOnline(): Promise<void>;
  /** Works online or offline; also stops webhook deliveries, their retries and timers. */
  close(): Promise<void>;

  /**
   * Routes the public webhook URL to a local origin, as a reverse proxy would: an update for
   * `https://bot.example.com/tg/hook?x` is POSTed to `${localOrigin}/tg/hook?x`. Without a route deliveries
   * fail like an unreachable host. `undefined` removes the route.
   */
  routeWebhook(localOrigin: string | undefined): void;
  /** What getWebhookInfo would answer now (not recorded as a call). */
  webhookInfo(): WebhookInfo;
  /** Every webhook POST so far, in the order they ended. */
  readonly webhookDeliveries: readonly WebhookDelivery[];
  /** Resolves once a webhook is set (immediately if one is). */
  waitForWebhook(timeoutMs?: number): Promise<WebhookInfo>;
  /** Resolves with the first delivery (by default the first ended from now on) that matches. */
  waitForWebhookDelivery(predicate?: DeliveryPredicate, options?: WaitOptions): Promise<WebhookDelivery>;
  /**
   * POSTs an update already posted once more, same update_id and body, as Telegram does when it got no 2xx in
   * time. Its answer confirms nothing and schedules no retry; a failure is recorded in getWebhookInfo.
   */
  redeliver(update: Update | number): Promise<WebhookDelivery>;
}

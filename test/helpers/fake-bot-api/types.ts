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
  | { ok: true; result: unknown }
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
}

export type CallPredicate = string | ((call: RecordedCall) => boolean);
/** A timeout in ms, or `since` (a call index: earlier calls are ignored, later ones count even if already recorded). */
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
  /** Works online or offline. */
  close(): Promise<void>;
}

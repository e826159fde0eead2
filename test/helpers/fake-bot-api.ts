/**
 * A strict, in-process fake of the Telegram Bot API for end-to-end tests.
 *
 * Create the real grammY bot with `client: { apiRoot: api.apiRoot }` and the
 * fake's token, start it with long polling, and drive it with
 * `sendUserMessage` / `pressButton`. Validation errors use Telegram's wording
 * so that bugs (unescaped HTML, over-long messages, oversized callback data…)
 * fail in tests the way they would fail in production.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import type {
  BotCommand,
  InlineKeyboardButton,
  Update,
  User,
  UserFromGetMe,
} from "grammy/types";

export const DEFAULT_TOKEN = "123456:TEST-TOKEN";
export const MAX_MESSAGE_LENGTH = 4096;
const DEFAULT_WAIT_MS = 5000;

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

/** What nginx in front of the Bot API answers when the backend is unavailable. */
function gatewayHtml(status: number, reason: string): string {
  const title = `${status} ${reason}`;
  return (
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n` +
    `<center><h1>${title}</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n`
  );
}

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup " +
  "are exactly the same as a current content and reply markup of the message";

const QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid";

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

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

export async function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const api = new FakeBotApiServer(options.token ?? DEFAULT_TOKEN);
  api.setLimits(options.limits);
  await api.listen();
  return api;
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
  }
}

const badRequest = (description: string) => new ApiError(400, `Bad Request: ${description}`);

function defaultDescription(spec: FailureSpec): string {
  switch (spec.error_code) {
    case 429:
      return `Too Many Requests: retry after ${spec.retry_after ?? 1}`;
    case 403:
      return "Forbidden: bot was blocked by the user";
    case 400:
      return spec.migrate_to_chat_id === undefined
        ? "Bad Request: chat not found"
        : "Bad Request: group chat was upgraded to a supergroup chat";
    case 401:
      return "Unauthorized";
    case 404:
      return "Not Found";
    case 409:
      return "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    default:
      return "Error";
  }
}

function failureParameters(spec: FailureSpec): ResponseParameters | undefined {
  const retryAfter = spec.retry_after ?? (spec.error_code === 429 ? 1 : undefined);
  const parameters: ResponseParameters = {};
  if (retryAfter !== undefined) parameters.retry_after = retryAfter;
  if (spec.migrate_to_chat_id !== undefined) parameters.migrate_to_chat_id = spec.migrate_to_chat_id;
  return Object.keys(parameters).length > 0 ? parameters : undefined;
}

// ---------------------------------------------------------------------------
// Telegram HTML parse mode
// ---------------------------------------------------------------------------

const TAG_ENTITY_TYPES: Readonly<Record<string, string>> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  a: "text_link",
  code: "code",
  pre: "pre",
  span: "spoiler",
  "tg-spoiler": "spoiler",
  blockquote: "blockquote",
  "tg-emoji": "custom_emoji",
};

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"' };
const ENTITY_RE = /&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8})|([a-zA-Z]+));/y;
const TAG_NAME_RE = /[a-zA-Z0-9-]*/y;
const ATTR_NAME_RE = /[a-zA-Z0-9_-]*/y;
const WHITESPACE_RE = /\s*/y;
const PLAIN_RUN_RE = /[^<>&]+/y;

class HtmlParseError extends Error {}

interface OpenTag {
  name: string;
  attributes: Map<string, string>;
  start: number;
  language?: string;
}

export interface ParsedText {
  text: string;
  entities: TextEntity[];
}

/**
 * Parses text the way Telegram does for `parse_mode: "HTML"`, throwing
 * `HtmlParseError` with tdlib's wording. Deliberately stricter than Telegram
 * about a bare `>` and an `&` that starts no entity: the Bot API documents
 * both as forbidden, and tolerating them only hides escaping bugs.
 */
export function parseTelegramHtml(html: string): ParsedText {
  return new HtmlParser(html).parse();
}

class HtmlParser {
  private pos = 0;
  private text = "";
  private readonly stack: OpenTag[] = [];
  private readonly entities: TextEntity[] = [];

  constructor(private readonly html: string) {}

  parse(): ParsedText {
    while (this.pos < this.html.length) this.step();
    const unclosed = this.stack.at(-1);
    if (unclosed) {
      throw new HtmlParseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
    }
    this.entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
    return { text: this.text, entities: this.entities };
  }

  private step(): void {
    const plain = this.match(PLAIN_RUN_RE);
    if (plain) {
      this.text += plain;
      return;
    }
    const ch = this.html[this.pos];
    if (ch === "&") this.text += this.readEntity();
    else if (ch === ">") throw this.error(`Unexpected ">"`, this.pos);
    else if (this.html[this.pos + 1] === "/") this.readEndTag();
    else this.readStartTag();
  }

  private match(re: RegExp): string {
    re.lastIndex = this.pos;
    const found = re.exec(this.html)?.[0] ?? "";
    this.pos += found.length;
    return found;
  }

  private error(message: string, at: number): HtmlParseError {
    const byteOffset = Buffer.byteLength(this.html.slice(0, at), "utf8");
    return new HtmlParseError(`${message} at byte offset ${byteOffset}`);
  }

  private readEntity(): string {
    const start = this.pos;
    ENTITY_RE.lastIndex = start;
    const m = ENTITY_RE.exec(this.html);
    const decoded = m ? decodeEntity(m) : undefined;
    if (!m || decoded === undefined) throw this.error(`Unsupported HTML entity`, start);
    this.pos += m[0].length;
    return decoded;
  }

  private readStartTag(): void {
    const start = this.pos;
    this.pos += 1;
    const name = this.match(TAG_NAME_RE).toLowerCase();
    if (!(name in TAG_ENTITY_TYPES)) throw this.error(`Unsupported start tag "${name}"`, start);
    const attributes = this.readAttributes(name, start);
    validateTagAttributes(name, attributes, (message) => this.error(message, start));
    this.stack.push({ name, attributes, start: this.text.length });
  }

  private readAttributes(tag: string, tagStart: number): Map<string, string> {
    const attributes = new Map<string, string>();
    for (;;) {
      this.match(WHITESPACE_RE);
      if (this.pos >= this.html.length) throw this.error("Unclosed start tag", tagStart);
      if (this.html[this.pos] === ">") {
        this.pos += 1;
        return attributes;
      }
      const name = this.match(ATTR_NAME_RE).toLowerCase();
      if (!name) throw this.error(`Empty attribute name in the tag "${tag}"`, tagStart);
      this.match(WHITESPACE_RE);
      attributes.set(name, this.html[this.pos] === "=" ? this.readAttributeValue(tag, tagStart) : "");
    }
  }

  private readAttributeValue(tag: string, tagStart: number): string {
    this.pos += 1;
    this.match(WHITESPACE_RE);
    const quote = this.html[this.pos];
    if (quote !== '"' && quote !== "'") {
      throw this.error(`Expected quoted value of an attribute of the tag "${tag}"`, tagStart);
    }
    const end = this.html.indexOf(quote, this.pos + 1);
    if (end < 0) throw this.error("Unclosed start tag", tagStart);
    let value = "";
    this.pos += 1;
    while (this.pos < end) {
      if (this.html[this.pos] === "&") {
        value += this.readEntity();
      } else {
        value += this.html[this.pos];
        this.pos += 1;
      }
    }
    this.pos = end + 1;
    return value;
  }

  private readEndTag(): void {
    const start = this.pos;
    this.pos += 2;
    const name = this.match(TAG_NAME_RE).toLowerCase();
    this.match(WHITESPACE_RE);
    if (this.html[this.pos] !== ">") throw this.error("Unclosed end tag", start);
    this.pos += 1;
    const open = this.stack.pop();
    if (!open) throw this.error("Unexpected end tag", start);
    if (open.name !== name) {
      const at = Buffer.byteLength(this.html.slice(0, start), "utf8");
      throw new HtmlParseError(
        `Unmatched end tag at byte offset ${at}, expected "</${open.name}>", found "</${name}>"`,
      );
    }
    this.closeEntity(open);
  }

  private closeEntity(open: OpenTag): void {
    const length = this.text.length - open.start;
    const parent = this.stack.at(-1);
    const codeClass = open.attributes.get("class") ?? "";
    if (open.name === "code" && parent?.name === "pre" && codeClass.startsWith("language-")) {
      // Telegram folds <pre><code class="language-x"> into one pre entity.
      parent.language = codeClass.slice("language-".length);
      return;
    }
    if (length > 0) this.entities.push(toEntity(open, length));
  }
}

function decodeEntity(m: RegExpExecArray): string | undefined {
  const [, decimal, hex, named] = m;
  if (named !== undefined) return NAMED_ENTITIES[named];
  const codePoint = decimal !== undefined ? Number(decimal) : parseInt(hex ?? "", 16);
  const isSurrogate = codePoint >= 0xd800 && codePoint <= 0xdfff;
  if (codePoint === 0 || codePoint > 0x10ffff || isSurrogate) return undefined;
  return String.fromCodePoint(codePoint);
}

function validateTagAttributes(
  name: string,
  attributes: Map<string, string>,
  error: (message: string) => HtmlParseError,
): void {
  if (name === "a" && !attributes.get("href")) throw error(`Tag "a" must have non-empty attribute "href"`);
  if (name === "span" && attributes.get("class") !== "tg-spoiler") {
    throw error(`Tag "span" must have class "tg-spoiler"`);
  }
  if (name === "tg-emoji" && !attributes.get("emoji-id")) {
    throw error(`Tag "tg-emoji" must have attribute "emoji-id"`);
  }
}

function toEntity(open: OpenTag, length: number): TextEntity {
  const entity: TextEntity = { type: TAG_ENTITY_TYPES[open.name] ?? "unknown", offset: open.start, length };
  if (open.name === "a") entity.url = open.attributes.get("href");
  if (open.name === "pre" && open.language) entity.language = open.language;
  if (open.name === "tg-emoji") entity.custom_emoji_id = open.attributes.get("emoji-id");
  if (open.name === "blockquote" && open.attributes.has("expandable")) entity.type = "expandable_blockquote";
  return entity;
}

// ---------------------------------------------------------------------------
// Payload validation
// ---------------------------------------------------------------------------

function readChatId(payload: Payload): number {
  const raw = payload.chat_id;
  if (raw === undefined || raw === null || raw === "") throw badRequest("chat_id is empty");
  const id = typeof raw === "string" && /^-?\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id === 0) {
    throw badRequest("chat not found");
  }
  return id;
}

function readMessageId(payload: Payload): number {
  if (payload.inline_message_id !== undefined) {
    throw badRequest("inline messages are not supported by the fake Bot API");
  }
  const id = optionalInt(payload.message_id);
  if (id === undefined) throw badRequest("message identifier is not specified");
  return id;
}

function optionalInt(raw: unknown): number | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw badRequest(`invalid integer value "${String(raw)}"`);
  return n;
}

function readJsonField(raw: unknown, error: string): unknown {
  if (typeof raw !== "string") return raw;
  try {
    return JSON.parse(raw);
  } catch {
    throw badRequest(error);
  }
}

function isObject(value: unknown): value is Payload {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

interface ParsedMessageText extends ParsedText {
  raw: string;
  parseMode: string | undefined;
}

function readMessageText(payload: Payload): ParsedMessageText {
  const raw = payload.text;
  if (typeof raw !== "string" || raw.length === 0) throw badRequest("message text is empty");
  const parseMode = typeof payload.parse_mode === "string" && payload.parse_mode !== "" ? payload.parse_mode : undefined;
  const parsed = parseText(raw, parseMode);
  if (parsed.text.trim().length === 0) throw badRequest("message text is empty");
  if (parsed.text.length > MAX_MESSAGE_LENGTH) throw badRequest("message is too long");
  return { ...parsed, raw, parseMode };
}

function parseText(raw: string, parseMode: string | undefined): ParsedText {
  if (parseMode === undefined) return { text: raw, entities: [] };
  if (parseMode.toLowerCase() !== "html") {
    throw badRequest(`the fake Bot API only implements parse_mode "HTML", got "${parseMode}"`);
  }
  try {
    return parseTelegramHtml(raw);
  } catch (error) {
    if (error instanceof HtmlParseError) throw badRequest(`can't parse entities: ${error.message}`);
    throw error;
  }
}

interface ParsedMarkup {
  raw: Payload | undefined;
  inlineKeyboard: InlineKeyboardButton[][] | undefined;
}

function readReplyMarkup(payload: Payload, inlineOnly: boolean): ParsedMarkup {
  const markup = readJsonField(payload.reply_markup, "can't parse reply keyboard markup JSON object");
  if (markup === undefined || markup === null) return { raw: undefined, inlineKeyboard: undefined };
  if (!isObject(markup)) throw badRequest("can't parse reply keyboard markup JSON object");
  if (!("inline_keyboard" in markup)) {
    if (inlineOnly) throw badRequest("inline keyboard expected");
    return { raw: markup, inlineKeyboard: undefined };
  }
  return { raw: markup, inlineKeyboard: validateInlineKeyboard(markup.inline_keyboard) };
}

function validateInlineKeyboard(keyboard: unknown): InlineKeyboardButton[][] {
  const isRows = Array.isArray(keyboard) && keyboard.every((row) => Array.isArray(row));
  if (!isRows) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
  }
  for (const row of keyboard as unknown[][]) row.forEach(validateInlineButton);
  // Every button was checked field by field above.
  return keyboard as InlineKeyboardButton[][];
}

const BUTTON_ACTIONS = [
  "callback_data",
  "url",
  "web_app",
  "login_url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "copy_text",
  "callback_game",
  "pay",
];

function validateInlineButton(button: unknown): void {
  if (!isObject(button)) throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  if (typeof button.text !== "string" || button.text.length === 0) throw badRequest("BUTTON_DATA_INVALID");
  if (!BUTTON_ACTIONS.some((action) => button[action] !== undefined)) {
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  }
  const data = button.callback_data;
  if (data !== undefined) {
    const bytes = typeof data === "string" ? Buffer.byteLength(data, "utf8") : 0;
    if (bytes < 1 || bytes > 64) throw badRequest("BUTTON_DATA_INVALID");
  }
  if (button.url !== undefined && !isValidButtonUrl(button.url)) throw badRequest("BUTTON_URL_INVALID");
}

function isValidButtonUrl(url: unknown): boolean {
  if (typeof url !== "string") return false;
  try {
    return ["http:", "https:", "tg:"].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

function readCommands(payload: Payload): BotCommand[] {
  const commands = readJsonField(payload.commands, "can't parse commands JSON object");
  if (!Array.isArray(commands) || commands.length > 100) throw badRequest("BOT_COMMANDS_TOO_MUCH");
  for (const command of commands) {
    if (!isObject(command) || typeof command.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(command.command)) {
      throw badRequest("BOT_COMMAND_INVALID");
    }
    const description = command.description;
    if (typeof description !== "string" || description.trim().length === 0 || description.length > 256) {
      throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    }
  }
  // Shape checked element by element above.
  return commands as BotCommand[];
}

function commandsKey(scope: unknown, languageCode: unknown): string {
  const parsed = readJsonField(scope, "can't parse BotCommandScope JSON object");
  const normalized = isObject(parsed) ? parsed : { type: "default" };
  const lang = typeof languageCode === "string" ? languageCode : "";
  return `${JSON.stringify(normalized)}|${lang}`;
}

// ---------------------------------------------------------------------------
// HTTP plumbing
// ---------------------------------------------------------------------------

interface Reply {
  status: number;
  body: ApiResponse | string;
}

const okReply = (result: unknown): Reply => ({ status: 200, body: { ok: true, result } });

function errorReply(error: ApiError): Reply {
  const body: ApiResponse = { ok: false, error_code: error.code, description: error.description };
  if (error.parameters) body.parameters = error.parameters;
  return { status: error.code, body };
}

const badGatewayReply = (): Reply => ({ status: 502, body: gatewayHtml(502, "Bad Gateway") });

function parseRoute(url: URL): { token: string; method: string } | undefined {
  const match = /^\/bot([^/]+)\/([^/]+)\/?$/.exec(url.pathname);
  if (!match?.[1] || !match[2]) return undefined;
  return { token: decodeURIComponent(match[1]), method: match[2] };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readPayload(req: IncomingMessage, url: URL): Promise<Payload> {
  const fromQuery: Payload = Object.fromEntries(url.searchParams);
  const body = await readBody(req);
  if (body.length === 0) return fromQuery;
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "application/json") return { ...fromQuery, ...parseJsonBody(body) };
  if (type === "application/x-www-form-urlencoded") {
    return { ...fromQuery, ...Object.fromEntries(new URLSearchParams(body.toString("utf8"))) };
  }
  throw badRequest(`the fake Bot API does not support content type "${type}"`);
}

function parseJsonBody(body: Buffer): Payload {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw badRequest("can't parse JSON object");
  }
  if (!isObject(parsed)) throw badRequest("can't parse JSON object");
  return parsed;
}

function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  const isHtml = typeof reply.body === "string";
  const body = isHtml ? (reply.body as string) : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    "content-type": isHtml ? "text/html" : "application/json",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

// ---------------------------------------------------------------------------
// Flood control
// ---------------------------------------------------------------------------

/** The methods Telegram's message flood limits apply to (lower-cased). */
const FLOOD_LIMITED_METHODS = new Set(["sendmessage", "editmessagetext", "editmessagereplymarkup"]);
const SECOND_MS = 1000;
const MINUTE_MS = 60_000;

/**
 * Times of accepted calls in a sliding window, oldest first. Expired times
 * are skipped by moving `head` and compacted away once they are at least
 * half of the array, so each time is pushed, skipped and copied at most a
 * bounded number of times: O(1) amortised per call.
 */
class SlidingWindow {
  private times: number[] = [];
  private head = 0;

  constructor(private readonly lengthMs: number) {}

  /** Accepted calls in (now - lengthMs, now]. */
  count(now: number): number {
    this.expire(now);
    return this.times.length - this.head;
  }

  add(now: number): void {
    this.expire(now);
    this.times.push(now);
  }

  /** True if every recorded time has left the window at `now`. */
  isIdle(now: number): boolean {
    const newest = this.times[this.times.length - 1];
    return newest === undefined || newest <= now - this.lengthMs;
  }

  /** Array slots in use, expired ones not yet compacted included. */
  get slots(): number {
    return this.times.length;
  }

  private expire(now: number): void {
    const cutoff = now - this.lengthMs;
    const { times } = this;
    let head = this.head;
    while (head < times.length && (times[head] ?? Infinity) <= cutoff) head += 1;
    if (head === times.length) {
      this.times = [];
      this.head = 0;
    } else if (head >= 32 && head * 2 >= times.length) {
      this.times = times.slice(head);
      this.head = 0;
    } else {
      this.head = head;
    }
  }
}

/**
 * One sliding window per chat. Chats whose window emptied are dropped by a
 * sweep run at most once per window length; a chat survives a sweep only if
 * it had a call in the window before it, so sweeps are O(1) amortised too.
 */
class ChatWindows {
  private readonly windows = new Map<number, SlidingWindow>();
  private lastSweep = -Infinity;

  constructor(private readonly lengthMs: number) {}

  count(chatId: number, now: number): number {
    return this.windows.get(chatId)?.count(now) ?? 0;
  }

  add(chatId: number, now: number): void {
    this.sweep(now);
    let window = this.windows.get(chatId);
    if (!window) {
      window = new SlidingWindow(this.lengthMs);
      this.windows.set(chatId, window);
    }
    window.add(now);
  }

  get slots(): number {
    let total = 0;
    for (const window of this.windows.values()) total += window.slots;
    return total;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.lengthMs) return;
    this.lastSweep = now;
    for (const [chatId, window] of this.windows) {
      if (window.isIdle(now)) this.windows.delete(chatId);
    }
  }
}

function checkLimits(limits: FloodLimits | undefined): FloodLimits | undefined {
  if (limits === undefined) return undefined;
  for (const [name, value] of Object.entries(limits)) {
    if (value === undefined) continue;
    const valid = typeof value === "number" && Number.isInteger(value) && value >= (name === "retryAfter" ? 1 : 0);
    if (!valid) throw new TypeError(`setLimits: ${name} must be a non-negative integer (retryAfter ≥ 1), got ${String(value)}`);
  }
  return { ...limits };
}

/**
 * Telegram-like flood control. Every accepted call is recorded (limits set or
 * not, so limits set later see the recent past); `admit` is O(1) amortised
 * and the record holds only times still inside their window.
 */
export class FloodControl {
  private limits: FloodLimits | undefined;
  private readonly all = new SlidingWindow(SECOND_MS);
  private readonly privateChats = new ChatWindows(SECOND_MS);
  private readonly groups = new ChatWindows(MINUTE_MS);
  private latest = -Infinity;
  private refused = 0;

  constructor(limits?: FloodLimits) {
    this.setLimits(limits);
  }

  setLimits(limits: FloodLimits | undefined): void {
    this.limits = checkLimits(limits);
  }

  /**
   * Decides on a call that arrived at `arrivedAt` (ms, performance.now()):
   * records it and returns undefined if it is accepted, or returns the
   * retry_after to answer with. Times are kept in order: a call whose body
   * was read after a later one's counts at that later one's arrival.
   */
  admit(chatId: number | undefined, arrivedAt: number): number | undefined {
    const now = Math.max(arrivedAt, this.latest);
    this.latest = now;
    const limits = this.limits;
    if (limits && this.isOverLimit(limits, chatId, now)) {
      this.refused += 1;
      return limits.retryAfter ?? 1;
    }
    this.all.add(now);
    if (chatId !== undefined && chatId > 0) this.privateChats.add(chatId, now);
    if (chatId !== undefined && chatId < 0) this.groups.add(chatId, now);
    return undefined;
  }

  /** Calls refused so far. */
  get rateLimited(): number {
    return this.refused;
  }

  /** Recorded times held in memory (for tests of the memory bound). */
  get slots(): number {
    return this.all.slots + this.privateChats.slots + this.groups.slots;
  }

  private isOverLimit(limits: FloodLimits, chatId: number | undefined, now: number): boolean {
    const { perSecond, perChatPerSecond, perGroupPerMinute } = limits;
    if (perSecond !== undefined && this.all.count(now) >= perSecond) return true;
    if (chatId === undefined) return false;
    if (chatId > 0 && perChatPerSecond !== undefined) return this.privateChats.count(chatId, now) >= perChatPerSecond;
    if (chatId < 0 && perGroupPerMinute !== undefined) return this.groups.count(chatId, now) >= perGroupPerMinute;
    return false;
  }
}

/** chat_id for flood control, or undefined if the call names no valid chat (validation rejects it later). */
function floodChatId(payload: Payload): number | undefined {
  try {
    return readChatId(payload);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// Simulated Telegram state
// ---------------------------------------------------------------------------

interface RequestContext {
  signal: AbortSignal;
  /** performance.now() when the request arrived. */
  arrivedAt: number;
  message?: StoredMessage;
}

type Handler = (payload: Payload, context: RequestContext) => unknown;

interface FailureRule extends FailureSpec {
  method: string;
  remaining: number;
}

interface CallWaiter {
  check(call: RecordedCall): void;
  /** Rejects the wait because the server closed. */
  cancel(): void;
}

/** Update types Telegram withholds unless explicitly listed in allowed_updates. */
const OPT_IN_UPDATE_TYPES = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

function updateType(update: Update): string {
  return Object.keys(update).find((key) => key !== "update_id") ?? "";
}

function snapshot(message: StoredMessage): StoredMessage {
  return structuredClone(message);
}

function describeCall(call: RecordedCall): string {
  const payload = JSON.stringify(call.payload);
  const shortPayload = payload.length > 200 ? `${payload.slice(0, 200)}…` : payload;
  const outcome =
    typeof call.response === "string"
      ? `${call.status} (HTML body)`
      : call.response.ok
        ? "ok"
        : `${call.status} ${call.response.description}`;
  return `  #${call.index} ${call.method} ${shortPayload} -> ${outcome}`;
}

class FakeBotApiServer implements FakeBotApi {
  readonly botInfo = FAKE_BOT_USER;
  readonly calls: RecordedCall[] = [];
  apiRoot = "";

  private readonly server = createServer((req, res) => void this.handle(req, res));
  private readonly handlers = new Map<string, { name: string; handler: Handler }>();
  /** Every message the bot sent, deleted ones included, in sending order. */
  private readonly sent: StoredMessage[] = [];
  /** Live (not deleted) messages by chat, then message_id, each chat's in sending order. */
  private readonly liveByChat = new Map<number, Map<number, StoredMessage>>();
  private liveCount = 0;
  private readonly flood = new FloodControl();
  private readonly chatMessageIds = new Map<number, number>();
  private readonly userMessageIds = new Set<string>();
  private readonly users = new Map<number, User>();
  private readonly callbackQueries = new Map<string, { answered: boolean }>();
  private readonly storedCommands = new Map<string, BotCommand[]>();
  private readonly failures: FailureRule[] = [];
  private readonly callWaiters = new Set<CallWaiter>();
  private readonly pollWakers = new Set<() => void>();
  private readonly pollStartListeners = new Set<() => void>();
  private queue: Update[] = [];
  private allowedUpdates: string[] = [];
  private nextUpdateId = 1;
  private nextCallbackId = 1;
  private down = false;
  private closed = false;
  private listening = false;
  private port = 0;
  /** goOffline / goOnline / close run one after another, in call order. */
  private lifecycle: Promise<void> = Promise.resolve();

  constructor(readonly token: string) {
    this.registerHandlers();
  }

  async listen(): Promise<void> {
    await this.bind(0);
    this.port = (this.server.address() as AddressInfo).port;
    this.apiRoot = `http://127.0.0.1:${this.port}`;
  }

  private async bind(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => {
        this.server.off("error", reject);
        resolve();
      });
    });
    this.listening = true;
  }

  /** Stops listening and destroys every connection, in-flight requests included. */
  private async unbind(): Promise<void> {
    if (!this.listening) return;
    this.listening = false;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // --- queries -------------------------------------------------------------

  mark(): number {
    return this.calls.length;
  }

  callCount(method: string, filter: { ok?: boolean } = {}): number {
    return this.calls.filter(
      (call) => sameMethod(call.method, method) && (filter.ok === undefined || call.ok === filter.ok),
    ).length;
  }

  lastCall(method: string): RecordedCall | undefined {
    return this.calls.findLast((call) => sameMethod(call.method, method));
  }

  messages(chatId?: number): StoredMessage[] {
    if (chatId === undefined) return this.sent.filter((m) => !m.deleted).map(snapshot);
    return [...(this.liveByChat.get(chatId)?.values() ?? [])].map(snapshot);
  }

  messageCount(chatId?: number): number {
    if (chatId === undefined) return this.liveCount;
    return this.liveByChat.get(chatId)?.size ?? 0;
  }

  pendingUpdates(): Update[] {
    return structuredClone(this.queue);
  }

  isCallbackAnswered(callbackQueryId: string): boolean {
    return this.callbackQueries.get(callbackQueryId)?.answered ?? false;
  }

  commands(scope?: Payload, languageCode?: string): BotCommand[] {
    return structuredClone(this.storedCommands.get(commandsKey(scope, languageCode)) ?? []);
  }

  // --- simulating users ----------------------------------------------------

  sendUserMessage(chatId: number, text: string, from: Partial<User> = {}): Update {
    const user = this.userFor(chatId, from);
    const messageId = this.allocateMessageId(chatId);
    this.userMessageIds.add(`${chatId}:${messageId}`);
    const message: Payload = {
      message_id: messageId,
      from: user,
      chat: this.chatObject(chatId),
      date: unixNow(),
      text,
    };
    const command = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?/.exec(text);
    if (command) message.entities = [{ type: "bot_command", offset: 0, length: command[0].length }];
    return this.enqueue({ message });
  }

  pressButton(chatId: number, messageId: number, data: string, from: Partial<User> = {}): Update {
    const stored = this.findMessage(chatId, messageId);
    if (!stored) throw new Error(`pressButton: the bot never sent message ${messageId} to chat ${chatId}`);
    const buttons = stored.inlineKeyboard?.flat() ?? [];
    if (!buttons.some((b) => "callback_data" in b && b.callback_data === data)) {
      const available = buttons.map((b) => ("callback_data" in b ? b.callback_data : `(${b.text})`));
      throw new Error(
        `pressButton: message ${messageId} in chat ${chatId} has no button with callback_data ` +
          `${JSON.stringify(data)}; it has ${JSON.stringify(available)}`,
      );
    }
    const id = String(4_000_000_000 + this.nextCallbackId++);
    this.callbackQueries.set(id, { answered: false });
    const callbackQuery = {
      id,
      from: this.userFor(chatId, from),
      message: this.toApiMessage(stored),
      chat_instance: String(-chatId),
      data,
    };
    return this.enqueue({ callback_query: callbackQuery });
  }

  pushUpdate(update: Omit<Update, "update_id">): Update {
    return this.enqueue(update);
  }

  // --- waiting -------------------------------------------------------------

  waitForCall(predicate: CallPredicate, options?: WaitOptions): Promise<RecordedCall> {
    const matches =
      typeof predicate === "string" ? (call: RecordedCall) => sameMethod(call.method, predicate) : predicate;
    const label = typeof predicate === "string" ? `waitForCall("${predicate}")` : "waitForCall(predicate)";
    return this.waitFor(label, options, (call) => (matches(call) ? call : undefined));
  }

  waitForMessage(
    chatId: number,
    predicate: (message: StoredMessage) => boolean = () => true,
    options?: WaitOptions,
  ): Promise<StoredMessage> {
    return this.waitFor(`waitForMessage(chat ${chatId})`, options, (call) => {
      const message = call.method === "sendMessage" && call.ok ? call.message : undefined;
      return message && message.chatId === chatId && predicate(message) ? message : undefined;
    });
  }

  private waitFor<T>(
    label: string,
    options: WaitOptions | undefined,
    pick: (call: RecordedCall) => T | undefined,
  ): Promise<T> {
    const { since = this.calls.length, timeoutMs = DEFAULT_WAIT_MS } =
      typeof options === "number" ? { timeoutMs: options } : (options ?? {});
    for (const call of this.calls.slice(since)) {
      const found = pick(call);
      if (found !== undefined) return Promise.resolve(found);
    }
    if (this.closed) return Promise.reject(new Error(`${label}: the fake Bot API is closed`));
    return new Promise<T>((resolve, reject) => {
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.callWaiters.delete(waiter);
        settle();
      };
      const waiter: CallWaiter = {
        check: (call) => {
          const found = pick(call);
          if (found !== undefined) finish(() => resolve(found));
        },
        cancel: () => finish(() => reject(new Error(`${label}: the fake Bot API was closed`))),
      };
      const timer = setTimeout(() => {
        finish(() => reject(new Error(`${label} timed out after ${timeoutMs} ms.\n${this.recentCalls()}`)));
      }, timeoutMs);
      this.callWaiters.add(waiter);
    });
  }

  waitForPolling(timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    if (this.pollWakers.size > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const started = () => {
        clearTimeout(timer);
        this.pollStartListeners.delete(started);
        resolve();
      };
      const timer = setTimeout(() => {
        this.pollStartListeners.delete(started);
        reject(new Error(`waitForPolling timed out after ${timeoutMs} ms.\n${this.recentCalls()}`));
      }, timeoutMs);
      this.pollStartListeners.add(started);
    });
  }

  private recentCalls(count = 15): string {
    if (this.calls.length === 0) return "No Bot API calls were made.";
    const recent = this.calls.slice(-count).map(describeCall).join("\n");
    return `Last ${Math.min(count, this.calls.length)} of ${this.calls.length} calls:\n${recent}`;
  }

  // --- failure injection ---------------------------------------------------

  failNext(method: string, spec: FailureSpec): void {
    this.failures.push({ ...spec, method, remaining: spec.times ?? 1 });
  }

  clearFailures(): void {
    this.failures.length = 0;
  }

  setDown(down: boolean): void {
    this.down = down;
  }

  setLimits(limits: FloodLimits | undefined): void {
    this.flood.setLimits(limits);
  }

  rateLimited(): number {
    return this.flood.rateLimited;
  }

  goOffline(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return this.serially(async () => {
      await this.unbind();
      // A few loop turns let the cut requests (aborted long polls) finish and record themselves, and
      // let clients in this process see their keep-alive sockets close, so their next request is refused.
      for (let turn = 0; turn < 3; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    });
  }

  goOnline(): Promise<void> {
    if (this.closed) return Promise.reject(new Error("goOnline: the fake Bot API is closed"));
    return this.serially(async () => {
      if (!this.listening) await this.bind(this.port);
    });
  }

  private serially(step: () => Promise<void>): Promise<void> {
    const done = this.lifecycle.then(step);
    this.lifecycle = done.catch(() => undefined);
    return done;
  }

  /** Answers 429 if the flood limits refuse this call (only message-producing methods count). */
  private floodControl(method: string, payload: Payload, context: RequestContext): Reply | undefined {
    if (!FLOOD_LIMITED_METHODS.has(method.toLowerCase())) return undefined;
    const retryAfter = this.flood.admit(floodChatId(payload), context.arrivedAt);
    if (retryAfter === undefined) return undefined;
    return errorReply(
      new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter }),
    );
  }

  private takeFailure(method: string, payload: Payload): Reply | undefined {
    const rule = this.failures.find(
      (r) =>
        r.remaining > 0 &&
        sameMethod(r.method, method) &&
        (r.chatId === undefined || String(r.chatId) === String(payload.chat_id)),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    const description = rule.description ?? defaultDescription(rule);
    if (rule.html) return { status: rule.error_code, body: gatewayHtml(rule.error_code, description) };
    return errorReply(new ApiError(rule.error_code, description, failureParameters(rule)));
  }

  // --- lifecycle -----------------------------------------------------------

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.serially(async () => {
      for (const wake of [...this.pollWakers]) wake();
      for (const waiter of [...this.callWaiters]) waiter.cancel();
      // Give the woken long polls one turn to write their (empty) answers.
      await new Promise((resolve) => setImmediate(resolve));
      await this.unbind();
    });
  }

  // --- request handling ----------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const arrivedAt = performance.now();
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    const context: RequestContext = { signal: abort.signal, arrivedAt };
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = parseRoute(url);
    const method = route ? (this.handlers.get(route.method.toLowerCase())?.name ?? route.method) : url.pathname;
    let payload: Payload = {};
    let reply: Reply;
    try {
      payload = await readPayload(req, url);
      reply = await this.dispatch(route, method, payload, context);
    } catch (error) {
      const failure = error instanceof ApiError ? error : new ApiError(500, `Internal Server Error: fake Bot API bug: ${String(error)}`);
      reply = errorReply(failure);
    }
    const aborted = abort.signal.aborted;
    writeReply(res, reply);
    this.record({ method, payload, at, reply, aborted, message: context.message });
  }

  private async dispatch(
    route: { token: string; method: string } | undefined,
    method: string,
    payload: Payload,
    context: RequestContext,
  ): Promise<Reply> {
    if (!route) throw new ApiError(404, "Not Found");
    if (route.token !== this.token) throw new ApiError(401, "Unauthorized");
    if (this.down) return badGatewayReply();
    const entry = this.handlers.get(route.method.toLowerCase());
    if (!entry) throw new ApiError(404, "Not Found");
    const injected = this.takeFailure(method, payload);
    if (injected) return injected;
    const limited = this.floodControl(method, payload, context);
    if (limited) return limited;
    return okReply(await entry.handler(payload, context));
  }

  private record(entry: {
    method: string;
    payload: Payload;
    at: number;
    reply: Reply;
    aborted: boolean;
    message: StoredMessage | undefined;
  }): void {
    const { reply } = entry;
    const call: RecordedCall = {
      index: this.calls.length,
      method: entry.method,
      payload: entry.payload,
      at: entry.at,
      status: reply.status,
      response: reply.body,
      ok: typeof reply.body !== "string" && reply.body.ok,
      aborted: entry.aborted,
    };
    if (entry.message) call.message = entry.message;
    this.calls.push(call);
    for (const waiter of [...this.callWaiters]) waiter.check(call);
  }

  // --- methods -------------------------------------------------------------

  private registerHandlers(): void {
    const methods: Record<string, Handler> = {
      getMe: () => this.botInfo,
      logOut: () => true,
      close: () => true,
      deleteWebhook: (p) => this.deleteWebhook(p),
      getWebhookInfo: () => ({ url: "", has_custom_certificate: false, pending_update_count: this.queue.length }),
      getUpdates: (p, c) => this.getUpdates(p, c),
      sendMessage: (p, c) => this.sendMessage(p, c),
      editMessageText: (p, c) => this.editMessageText(p, c),
      editMessageReplyMarkup: (p, c) => this.editMessageReplyMarkup(p, c),
      deleteMessage: (p) => this.deleteMessage(p),
      answerCallbackQuery: (p) => this.answerCallbackQuery(p),
      setMyCommands: (p) => this.setMyCommands(p),
      getMyCommands: (p) => this.storedCommands.get(commandsKey(p.scope, p.language_code)) ?? [],
      deleteMyCommands: (p) => {
        this.storedCommands.delete(commandsKey(p.scope, p.language_code));
        return true;
      },
    };
    for (const [name, handler] of Object.entries(methods)) {
      this.handlers.set(name.toLowerCase(), { name, handler });
    }
  }

  private deleteWebhook(payload: Payload): true {
    if (payload.drop_pending_updates === true || payload.drop_pending_updates === "true") this.queue = [];
    return true;
  }

  private async getUpdates(payload: Payload, context: RequestContext): Promise<Update[]> {
    const limit = Math.min(100, Math.max(1, optionalInt(payload.limit) ?? 100));
    const timeoutSeconds = Math.max(0, Number(payload.timeout ?? 0) || 0);
    this.setAllowedUpdates(payload.allowed_updates);
    this.confirmUpdates(optionalInt(payload.offset));
    if (this.deliverable().length === 0 && timeoutSeconds > 0 && !this.closed) {
      await this.waitForUpdates(timeoutSeconds * 1000, context.signal);
    }
    return structuredClone(this.deliverable().slice(0, limit));
  }

  private setAllowedUpdates(raw: unknown): void {
    if (raw === undefined) return; // Telegram keeps the previous setting.
    const list = readJsonField(raw, "can't parse allowed updates");
    if (!Array.isArray(list) || !list.every((t) => typeof t === "string")) {
      throw badRequest("can't parse allowed updates");
    }
    this.allowedUpdates = list;
  }

  private confirmUpdates(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    if (offset < 0) {
      this.queue = this.queue.slice(offset);
      return;
    }
    this.queue = this.queue.filter((update) => update.update_id >= offset);
  }

  /** Drops queued updates the bot did not subscribe to, as Telegram does, and returns the rest. */
  private deliverable(): Update[] {
    const allowed = (type: string) =>
      this.allowedUpdates.length > 0 ? this.allowedUpdates.includes(type) : !OPT_IN_UPDATE_TYPES.has(type);
    this.queue = this.queue.filter((update) => allowed(updateType(update)));
    return this.queue;
  }

  private waitForUpdates(timeoutMs: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", wake);
        this.pollWakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      signal.addEventListener("abort", wake);
      this.pollWakers.add(wake);
      for (const listener of [...this.pollStartListeners]) listener();
    });
  }

  private enqueue(partial: Omit<Update, "update_id"> | Payload): Update {
    // The fake builds updates as plain JSON; re-deriving grammY's deep Message unions for them buys nothing.
    const update = { ...partial, update_id: this.nextUpdateId++ } as Update;
    this.queue.push(update);
    for (const wake of [...this.pollWakers]) wake();
    return structuredClone(update);
  }

  private sendMessage(payload: Payload, context: RequestContext): Payload {
    const chatId = readChatId(payload);
    const text = readMessageText(payload);
    const markup = readReplyMarkup(payload, false);
    const message: StoredMessage = {
      chatId,
      messageId: this.allocateMessageId(chatId),
      text: text.raw,
      plainText: text.text,
      entities: text.entities,
      parseMode: text.parseMode,
      replyMarkup: markup.raw,
      inlineKeyboard: markup.inlineKeyboard,
      date: unixNow(),
      editDate: undefined,
      deleted: false,
    };
    this.sent.push(message);
    this.liveChat(chatId).set(message.messageId, message);
    this.liveCount += 1;
    context.message = snapshot(message);
    return this.toApiMessage(message);
  }

  private editMessageText(payload: Payload, context: RequestContext): Payload {
    const chatId = readChatId(payload);
    const messageId = readMessageId(payload);
    const text = readMessageText(payload);
    const markup = readReplyMarkup(payload, true);
    const message = this.findMessage(chatId, messageId);
    if (!message) throw badRequest("message to edit not found");
    const unchanged =
      message.plainText === text.text &&
      JSON.stringify(message.entities) === JSON.stringify(text.entities) &&
      JSON.stringify(message.inlineKeyboard) === JSON.stringify(markup.inlineKeyboard);
    if (unchanged) throw badRequest(NOT_MODIFIED);
    Object.assign(message, {
      text: text.raw,
      plainText: text.text,
      entities: text.entities,
      parseMode: text.parseMode,
      // Like Telegram: an edit without reply_markup removes the keyboard.
      replyMarkup: markup.raw,
      inlineKeyboard: markup.inlineKeyboard,
      editDate: unixNow(),
    });
    context.message = snapshot(message);
    return this.toApiMessage(message);
  }

  private editMessageReplyMarkup(payload: Payload, context: RequestContext): Payload {
    const chatId = readChatId(payload);
    const messageId = readMessageId(payload);
    const markup = readReplyMarkup(payload, true);
    const message = this.findMessage(chatId, messageId);
    if (!message) throw badRequest("message to edit not found");
    if (JSON.stringify(message.inlineKeyboard) === JSON.stringify(markup.inlineKeyboard)) {
      throw badRequest(NOT_MODIFIED);
    }
    Object.assign(message, { replyMarkup: markup.raw, inlineKeyboard: markup.inlineKeyboard, editDate: unixNow() });
    context.message = snapshot(message);
    return this.toApiMessage(message);
  }

  private deleteMessage(payload: Payload): true {
    const chatId = readChatId(payload);
    const messageId = readMessageId(payload);
    const message = this.findMessage(chatId, messageId);
    if (message) {
      message.deleted = true;
      this.liveByChat.get(chatId)?.delete(messageId);
      this.liveCount -= 1;
      return true;
    }
    if (this.userMessageIds.delete(`${chatId}:${messageId}`)) return true;
    throw badRequest("message to delete not found");
  }

  private answerCallbackQuery(payload: Payload): true {
    const id = payload.callback_query_id;
    const query = typeof id === "string" ? this.callbackQueries.get(id) : undefined;
    if (!query || query.answered) throw badRequest(QUERY_INVALID);
    if (typeof payload.text === "string" && payload.text.length > 200) throw badRequest("MESSAGE_TOO_LONG");
    query.answered = true;
    return true;
  }

  private setMyCommands(payload: Payload): true {
    const commands = readCommands(payload);
    this.storedCommands.set(commandsKey(payload.scope, payload.language_code), commands);
    return true;
  }

  // --- helpers -------------------------------------------------------------

  private findMessage(chatId: number, messageId: number): StoredMessage | undefined {
    return this.liveByChat.get(chatId)?.get(messageId);
  }

  private liveChat(chatId: number): Map<number, StoredMessage> {
    let chat = this.liveByChat.get(chatId);
    if (!chat) {
      chat = new Map();
      this.liveByChat.set(chatId, chat);
    }
    return chat;
  }

  /** Private chats share one message_id sequence between user and bot, as in Telegram. */
  private allocateMessageId(chatId: number): number {
    const next = (this.chatMessageIds.get(chatId) ?? 0) + 1;
    this.chatMessageIds.set(chatId, next);
    return next;
  }

  private userFor(chatId: number, overrides: Partial<User>): User {
    const id = overrides.id ?? (chatId > 0 ? chatId : 1000);
    const known = this.users.get(id);
    const user: User = {
      id,
      is_bot: false,
      first_name: "Test",
      username: `test_user_${id}`,
      language_code: "en",
      ...known,
      ...overrides,
    };
    this.users.set(id, user);
    return user;
  }

  private chatObject(chatId: number): Payload {
    if (chatId <= -1_000_000_000_000) return { id: chatId, type: "supergroup", title: "Test supergroup" };
    if (chatId < 0) return { id: chatId, type: "group", title: "Test group" };
    const user = this.users.get(chatId);
    const chat: Payload = { id: chatId, type: "private", first_name: user?.first_name ?? "Test" };
    if (user?.username) chat.username = user.username;
    return chat;
  }

  private toApiMessage(message: StoredMessage): Payload {
    const { id, is_bot, first_name, username } = this.botInfo;
    const result: Payload = {
      message_id: message.messageId,
      from: { id, is_bot, first_name, username },
      chat: this.chatObject(message.chatId),
      date: message.date,
      text: message.plainText,
    };
    if (message.editDate !== undefined) result.edit_date = message.editDate;
    if (message.entities.length > 0) result.entities = structuredClone(message.entities);
    if (message.inlineKeyboard) result.reply_markup = { inline_keyboard: structuredClone(message.inlineKeyboard) };
    return result;
  }
}

function sameMethod(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}

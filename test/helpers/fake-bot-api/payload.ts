/** Reading request payloads and validating their fields the way the Bot API does. */
import type { IncomingMessage } from "node:http";
import type { BotCommand, InlineKeyboardButton } from "grammy/types";
import { badRequest } from "./errors.js";
import { HtmlParseError, parseTelegramHtml, type ParsedText } from "./telegram-html.js";
import { MAX_MESSAGE_LENGTH, type Payload } from "./types.js";

export function readChatId(payload: Payload): number {
  const raw = payload.chat_id;
  if (raw === undefined || raw === null || raw === "") throw badRequest("chat_id is empty");
  const id = typeof raw === "string" && /^-?\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id === 0) {
    throw badRequest("chat not found");
  }
  return id;
}

export function readMessageId(payload: Payload): number {
  if (payload.inline_message_id !== undefined) {
    throw badRequest("inline messages are not supported by the fake Bot API");
  }
  const id = optionalInt(payload.message_id);
  if (id === undefined) throw badRequest("message identifier is not specified");
  return id;
}

export function optionalInt(raw: unknown): number | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw badRequest(`invalid integer value "${String(raw)}"`);
  return n;
}

/** Telegram's reading of a boolean argument: true, "true", "yes" or "1", in any case. */
export function readBool(raw: unknown): boolean {
  if (typeof raw === "boolean") return raw;
  if (typeof raw !== "string" && typeof raw !== "number") return false;
  return ["true", "yes", "1"].includes(String(raw).trim().toLowerCase());
}

export function readJsonField(raw: unknown, error: string): unknown {
  if (typeof raw !== "string") return raw;
  try {
    return JSON.parse(raw);
  } catch {
    throw badRequest(error);
  }
}

export function isObject(value: unknown): value is Payload {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export interface ParsedMessageText extends ParsedText {
  raw: string;
  parseMode: string | undefined;
}

export function readMessageText(payload: Payload): ParsedMessageText {
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

export interface ParsedMarkup {
  raw: Payload | undefined;
  inlineKeyboard: InlineKeyboardButton[][] | undefined;
}

export function readReplyMarkup(payload: Payload, inlineOnly: boolean): ParsedMarkup {
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

export function readCommands(payload: Payload): BotCommand[] {
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

export function commandsKey(scope: unknown, languageCode: unknown): string {
  const parsed = readJsonField(scope, "can't parse BotCommandScope JSON object");
  const normalized = isObject(parsed) ? parsed : { type: "default" };
  const lang = typeof languageCode === "string" ? languageCode : "";
  return `${JSON.stringify(normalized)}|${lang}`;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function readPayload(req: IncomingMessage, url: URL): Promise<Payload> {
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

/** chat_id for flood control, or undefined if the call names no valid chat (validation rejects it later). */
export function floodChatId(payload: Payload): number | undefined {
  try {
    return readChatId(payload);
  } catch {
    return undefined;
  }
}

/** What getUpdates and the webhook share about updates: their type, allowed_updates, and delivery order. */
import type { Update } from "grammy/types";
import { isObject } from "./payload.js";

/** Update types Telegram withholds unless explicitly listed in allowed_updates. */
const OPT_IN_UPDATE_TYPES = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

/** Update types whose updates Telegram keeps in one queue per chat. */
const MESSAGE_UPDATE_TYPES = new Set(["message", "edited_message", "channel_post", "edited_channel_post"]);

export function updateType(update: Update): string {
  return Object.keys(update).find((key) => key !== "update_id") ?? "";
}

/** `allowed` as set by getUpdates or setWebhook; empty means Telegram's default. */
export function isAllowedUpdate(update: Update, allowed: readonly string[]): boolean {
  const type = updateType(update);
  return allowed.length > 0 ? allowed.includes(type) : !OPT_IN_UPDATE_TYPES.has(type);
}

/**
 * The webhook delivers the updates of one queue one at a time, in order, and different queues side by side.
 * Telegram's queues: messages and their edits by chat, callback queries by user, other types by their chat or
 * user; anything else is a queue of its own.
 */
export function deliveryQueue(update: Update): string {
  const type = updateType(update);
  // Update is a union of single-key objects; its body is read as plain JSON here.
  const body = (update as unknown as Record<string, unknown>)[type];
  const chatId = isObject(body) && isObject(body.chat) ? body.chat.id : undefined;
  const fromId = isObject(body) && isObject(body.from) ? body.from.id : undefined;
  if (MESSAGE_UPDATE_TYPES.has(type) && chatId !== undefined) return `chat:${String(chatId)}`;
  if (type === "callback_query" && fromId !== undefined) return `callback_query:${String(fromId)}`;
  const owner = chatId ?? fromId;
  return owner !== undefined ? `${type}:${String(owner)}` : `update:${update.update_id}`;
}

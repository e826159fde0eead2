import type { Db } from "../db/client.js";
import type { DueFeed } from "../db/feeds.js";
import { enqueueMessage } from "../db/outbox.js";
import { escapeHtml } from "../telegram/html.js";

/** Queues `text` for every operator (ADMIN_CHAT_IDS); the sender delivers it like any message. */
export function notifyAdmins(db: Db, adminChatIds: readonly number[], text: string, now: number): void {
  for (const chatId of adminChatIds) enqueueMessage(db, chatId, text, now);
}

/** The operators' notice that a feed was disabled, with why. */
export function feedDisabledNotice(feed: Pick<DueFeed, "name" | "url">, reason: string): string {
  return `⚠️ Feed disabled: <b>${escapeHtml(feed.name ?? feed.url)}</b>\n${escapeHtml(feed.url)}\n${escapeHtml(reason)}`;
}

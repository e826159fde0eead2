import type { ConversationFlavor } from "@grammyjs/conversations";
import type { Context } from "grammy";
import type { Logger } from "pino";
import type { Db } from "../db/client.js";

export type BotContext = ConversationFlavor<Context>;

/** What the bot's handlers need from the rest of the program. */
export interface BotDeps {
  db: Db;
  log: Logger;
  /** Called after a digest is queued so it goes out at once. */
  onDigestQueued: () => void;
  /**
   * Called after a user's own topics change, so that new articles are matched against them; resolves once they are,
   * in a later turn of the event loop, so that the reply is not held up by it.
   */
  onTopicsChanged: () => Promise<void>;
  now: () => number;
  /** Chat ids allowed to use operator commands (ADMIN_CHAT_IDS). */
  adminChatIds: readonly number[];
  /** Articles a digest shows under one topic (DIGEST_MAX_PER_TOPIC). */
  digestMaxPerTopic: number;
}

export const HTML = { parse_mode: "HTML", link_preview_options: { is_disabled: true } } as const;

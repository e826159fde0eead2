import { conversations, createConversation } from "@grammyjs/conversations";
import { sequentialize } from "@grammyjs/runner";
import { Bot, GrammyError, HttpError, type ApiClientOptions, type Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { conversationStorage } from "../db/conversation-state.js";
import { COMMANDS } from "./commands.js";
import type { BotContext, BotDeps } from "./context.js";
import { SETTINGS_CONVERSATION, settingsConversation } from "./conversations/settings.js";
import { digestFeature } from "./features/digest.js";
import { feedsAdminFeature } from "./features/feeds-admin.js";
import { followFeature } from "./features/follow.js";
import { searchFeature } from "./features/search.js";
import { helpFeature, unhandledFeature } from "./features/help.js";
import { latestFeature } from "./features/latest.js";
import { previewFeature } from "./features/preview.js";
import { scheduleFeature } from "./features/schedule.js";
import { topicsFeature } from "./features/topics.js";

export interface BotOptions {
  token: string;
  apiRoot: string;
  /** The fetch every API call of the bot makes its request with, those of conversations included. */
  fetch?: ApiClientOptions["fetch"];
  botInfo?: UserFromGetMe;
}

/** Builds the bot with all its features. Starts nothing: the caller decides when to poll. */
export function createBot(options: BotOptions, deps: BotDeps): Bot<BotContext> {
  const bot = new Bot<BotContext>(options.token, {
    // Conversations build their Api objects from these client options, so their calls use the same fetch.
    client: { apiRoot: options.apiRoot, ...(options.fetch ? { fetch: options.fetch } : {}) },
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });
  // Updates are handled concurrently (long polling and webhook alike); one chat's wait for each other, in order.
  bot.use(sequentialize((ctx: Context) => chatKey(ctx)));
  bot.use(
    conversations<BotContext, Context>({
      storage: { type: "key", version: 1, prefix: "conversation:v1:", adapter: conversationStorage(deps.db) },
    }),
  );
  bot.command("cancel", async (ctx) => {
    const active = Object.keys(await ctx.conversation.active()).length > 0;
    await ctx.conversation.exitAll();
    await ctx.reply(active ? "Cancelled; nothing was changed." : "There is nothing to cancel.");
  });
  bot.use(createConversation(settingsConversation(deps), { id: SETTINGS_CONVERSATION }));
  bot.command("settings", (ctx) => ctx.conversation.enter(SETTINGS_CONVERSATION));

  bot.use(topicsFeature(deps));
  bot.use(latestFeature(deps));
  bot.use(previewFeature(deps));
  bot.use(followFeature(deps));
  bot.use(searchFeature(deps));
  bot.use(digestFeature(deps));
  bot.use(scheduleFeature(deps));
  bot.use(feedsAdminFeature(deps));
  bot.use(helpFeature());
  bot.use(unhandledFeature());

  bot.catch((err) => {
    const { error, ctx } = err;
    const context = { updateId: ctx.update.update_id, chatId: ctx.chat?.id };
    if (error instanceof GrammyError) deps.log.warn({ ...context, method: error.method, telegram: `${error.error_code} ${error.description}` }, "Telegram refused a call");
    else if (error instanceof HttpError) deps.log.warn({ ...context, err: error.message }, "could not reach Telegram");
    else deps.log.error({ ...context, err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) }, "error while handling an update");
  });
  return bot;
}

/** The chat an update belongs to; updates without one (none of the types the bot asks for) run unordered. */
function chatKey(ctx: Context): string | undefined {
  return ctx.chat?.id.toString() ?? ctx.from?.id.toString();
}

/** How long the command menu may take to register before the bot starts without it. */
const COMMANDS_TIMEOUT_MS = 15_000;

/** Registers the command menu; a failure is logged and the bot runs on (Telegram keeps the menu it had). */
export async function registerCommands(bot: Bot<BotContext>, deps: Pick<BotDeps, "log"> & { signal?: AbortSignal }): Promise<void> {
  const signals = [AbortSignal.timeout(COMMANDS_TIMEOUT_MS), ...(deps.signal ? [deps.signal] : [])];
  try {
    await bot.api.setMyCommands(COMMANDS.map((c) => ({ ...c })), undefined, AbortSignal.any(signals) as never);
  } catch (error) {
    if (deps.signal?.aborted) return; // stopping: nothing to say
    deps.log.warn({ err: error instanceof Error ? error.message : String(error) }, "setMyCommands failed; running without the command menu");
  }
}

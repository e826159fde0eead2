import { Composer } from "grammy";
import { escapeHtml } from "../../telegram/html.js";
import { COMMANDS } from "../commands.js";
import { HTML, type BotContext } from "../context.js";

export const HELP_TEXT = [
  "<b>News digest bot</b>",
  "I poll news feeds, sort the articles into topics, and send you a digest of your topics at the times you choose.",
  "",
  ...COMMANDS.map((c) => `/${c.command} — ${escapeHtml(c.description)}`),
].join("\n");

export function helpFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command("help", (ctx) => ctx.reply(HELP_TEXT, HTML));
  return composer;
}

/** Installed last: whatever no feature took gets a pointer to /help instead of silence. */
export function unhandledFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on("callback_query:data", (ctx) => ctx.answerCallbackQuery({ text: "This button is no longer active." }));
  composer.chatType("private").on("message", (ctx) => {
    const text = ctx.message.text ?? "";
    const reply = text.startsWith("/") ? "I don't know that command." : "I only understand commands.";
    return ctx.reply(`${reply} /help lists what I can do.`);
  });
  return composer;
}

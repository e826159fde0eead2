import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard, type Context } from "grammy";
import { ensureSubscriber, setSchedule } from "../../db/subscribers.js";
import { describeSchedule, parseDigestTimes, parseTimeZone, type Parsed } from "../../digests/schedule.js";
import { escapeHtml } from "../../telegram/html.js";
import type { BotContext, BotDeps } from "../context.js";
import { scheduleSummary } from "../features/schedule.js";

export const SETTINGS_CONVERSATION = "settings";

type SettingsConversation = Conversation<BotContext, Context>;

const COMMON_TIMES = ["07:00", "08:00", "09:00", "12:00", "18:00", "21:00"];
const COMMON_ZONES = ["UTC", "Europe/London", "Europe/Berlin", "Europe/Kyiv", "Asia/Baku", "America/New_York"];

/** /settings: digest times, then timezone, each by button or typed text, validated until it makes sense. */
export function settingsConversation(deps: BotDeps) {
  return async function settings(conversation: SettingsConversation, ctx: Context): Promise<void> {
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return;
    const current = await conversation.external(() => {
      const s = ensureSubscriber(deps.db, chatId, deps.now());
      return { times: s.digestTimes, timezone: s.timezone };
    });

    const timesKeyboard = buttons(COMMON_TIMES, 3, "settings:time:").row().text(`Keep ${current.times.join(", ")}`, "settings:keep");
    await ctx.reply(
      `⏰ <b>When should your digest arrive?</b>\nNow: ${escapeHtml(describeSchedule(current.times, current.timezone))}.\nTap a time, or type one or more (24-hour), e.g. <code>07:30,19:00</code>. /cancel stops.`,
      { parse_mode: "HTML", reply_markup: timesKeyboard },
    );
    const times = await ask(conversation, "settings:time:", current.times, parseDigestTimes);

    const zonesKeyboard = buttons(COMMON_ZONES, 2, "settings:zone:").row().text(`Keep ${current.timezone}`, "settings:keep");
    await ctx.reply(
      `🌍 <b>Which timezone are you in?</b>\nNow: ${escapeHtml(current.timezone)}.\nTap one, or type an Area/City name such as <code>Asia/Tbilisi</code>. /cancel stops.`,
      { parse_mode: "HTML", reply_markup: zonesKeyboard },
    );
    const timezone = await ask(conversation, "settings:zone:", current.timezone, parseTimeZone);

    const summary = await conversation.external(() => scheduleSummary(setSchedule(deps.db, chatId, { times, timezone }, deps.now())));
    await ctx.reply(`✅ Saved. ${escapeHtml(summary)}`, { parse_mode: "HTML" });
  };
}

/**
 * Waits for an answer: "keep", or a button with `prefix` or typed text, both run through `parse`. Wrong text gets the parser's
 * message and another try. A command leaves the conversation and runs as usual.
 */
async function ask<T>(
  conversation: SettingsConversation,
  prefix: string,
  keep: T,
  parse: (text: string) => Parsed<T>,
): Promise<T> {
  for (;;) {
    const answer = await conversation.wait({ maxMilliseconds: 15 * 60_000 });
    const data = answer.callbackQuery?.data;
    if (data !== undefined) {
      if (data === "settings:keep") {
        await answer.answerCallbackQuery();
        return keep;
      }
      if (data.startsWith(prefix)) {
        const value = parse(data.slice(prefix.length));
        if (value.ok) {
          await answer.answerCallbackQuery({ text: "Got it" });
          return value.value;
        }
      }
      // A button from elsewhere (the topic picker, an old message): leave the conversation and let it work.
      await conversation.halt({ next: true });
    }
    const text = answer.message?.text;
    if (text === undefined) {
      await answer.reply("Tap a button or type your answer, please. /cancel stops.");
      continue;
    }
    // /cancel is handled before the conversation; any other command leaves it and runs as usual.
    if (text.startsWith("/")) await conversation.halt({ next: true });
    const parsed = parse(text.slice(0, 200));
    if (parsed.ok) return parsed.value;
    await answer.reply(`${parsed.error} Or /cancel.`);
  }
}

function buttons(values: readonly string[], perRow: number, prefix: string): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  values.forEach((value, i) => {
    keyboard.text(value, `${prefix}${value}`);
    if (i % perRow === perRow - 1) keyboard.row();
  });
  return keyboard;
}

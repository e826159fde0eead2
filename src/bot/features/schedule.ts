import { Composer } from "grammy";
import { ensureSubscriber, setPaused, setSchedule } from "../../db/subscribers.js";
import { describeSchedule, formatLocalTime, parseDigestTimes, parseTimeZone } from "../../digests/schedule.js";
import type { Subscriber } from "../../db/schema.js";
import { escapeHtml } from "../../telegram/html.js";
import { HTML, type BotContext, type BotDeps } from "../context.js";

/** "Digests at 08:00 (UTC). Next: Tue 24 Nov, 08:00." */
export function scheduleSummary(subscriber: Subscriber): string {
  const when = describeSchedule(subscriber.digestTimes, subscriber.timezone);
  if (subscriber.paused) return `Digests at ${when} — paused; /resume to restart them.`;
  return `Digests at ${when}. Next: ${formatLocalTime(subscriber.nextDigestAt, subscriber.timezone, true)}.`;
}

/** /time, /timezone, /pause and /resume. */
export function scheduleFeature(deps: BotDeps): Composer<BotContext> {
  const { db, now } = deps;
  const composer = new Composer<BotContext>();

  composer.command("time", async (ctx) => {
    const subscriber = ensureSubscriber(db, ctx.chat.id, now());
    if (ctx.match.trim() === "") {
      await ctx.reply(`${escapeHtml(scheduleSummary(subscriber))}\nTo change: /time 07:30 or /time 08:00,19:00`, HTML);
      return;
    }
    const times = parseDigestTimes(ctx.match);
    if (!times.ok) {
      await ctx.reply(escapeHtml(times.error), HTML);
      return;
    }
    const updated = setSchedule(db, ctx.chat.id, { times: times.value }, now());
    await ctx.reply(`✅ ${escapeHtml(scheduleSummary(updated))}`, HTML);
  });

  composer.command("timezone", async (ctx) => {
    const subscriber = ensureSubscriber(db, ctx.chat.id, now());
    if (ctx.match.trim() === "") {
      await ctx.reply(`Your timezone is ${escapeHtml(subscriber.timezone)}. To change: /timezone Europe/Kyiv (or UTC).`, HTML);
      return;
    }
    const zone = parseTimeZone(ctx.match);
    if (!zone.ok) {
      await ctx.reply(escapeHtml(zone.error), HTML);
      return;
    }
    const updated = setSchedule(db, ctx.chat.id, { timezone: zone.value }, now());
    await ctx.reply(`✅ ${escapeHtml(scheduleSummary(updated))}`, HTML);
  });

  composer.command("pause", async (ctx) => {
    ensureSubscriber(db, ctx.chat.id, now());
    setPaused(db, ctx.chat.id, true, now());
    await ctx.reply("⏸ Scheduled digests paused. /resume restarts them; /digest and /latest still work.");
  });

  composer.command("resume", async (ctx) => {
    ensureSubscriber(db, ctx.chat.id, now());
    const updated = setPaused(db, ctx.chat.id, false, now());
    await ctx.reply(`▶️ ${escapeHtml(scheduleSummary(updated))}`, HTML);
  });

  return composer;
}

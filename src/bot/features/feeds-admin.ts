import { Composer } from "grammy";
import { feedReport, type FeedReport } from "../../db/feeds.js";
import { formatAge } from "../../telegram/age.js";
import { bold, escapeHtml, packMessages } from "../../telegram/html.js";
import { HTML, type BotContext, type BotDeps } from "../context.js";

/** /feeds for the operators in ADMIN_CHAT_IDS: every feed's health. */
export function feedsAdminFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command("feeds", async (ctx) => {
    const admins = new Set(deps.adminChatIds);
    if (!admins.has(ctx.chat.id) && !(ctx.from && admins.has(ctx.from.id))) {
      await ctx.reply("/feeds is for the bot's operators only.");
      return;
    }
    const now = deps.now();
    const report = feedReport(deps.db, now);
    if (report.length === 0) {
      await ctx.reply("The catalog lists no feeds.");
      return;
    }
    const active = report.filter((f) => f.status === "active").length;
    const lines = [bold(`${report.length} feeds, ${active} active`), ...report.map((f) => feedLine(f, now))];
    for (const message of packMessages(lines)) await ctx.reply(message, HTML);
  });
  return composer;
}

function feedLine(feed: FeedReport, now: number): string {
  const status = feed.status === "active" ? (feed.errorStreak > 0 ? "⚠️" : "✅") : "⛔";
  const name = feed.name ? `${bold(feed.name)} ${escapeHtml(feed.fetchUrl ?? feed.url)}` : escapeHtml(feed.fetchUrl ?? feed.url);
  const parts = [
    feed.lastSuccessAt === null ? "never succeeded" : `last success ${formatAge(feed.lastSuccessAt, now)}`,
    `${feed.itemsPerDay.toFixed(1)} items/day`,
    `304: ${feed.pollCount === 0 ? "–" : `${Math.round((100 * feed.notModifiedCount) / feed.pollCount)}%`} of ${feed.pollCount} polls`,
  ];
  if (feed.errorStreak > 0) parts.push(`error streak ${feed.errorStreak}`);
  const lines = [`${status} ${name}`, parts.join(" · ")];
  if (feed.status === "disabled") lines.push(`disabled: ${escapeHtml(feed.disabledReason ?? "")}`);
  if (feed.lastError) lines.push(`last error: ${escapeHtml(feed.lastError.slice(0, 300))}`);
  return `${lines.join("\n")}\n`;
}

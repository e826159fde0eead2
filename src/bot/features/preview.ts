import { Composer } from "grammy";
import { headlinesByIds } from "../../db/articles.js";
import { catchUpIndex } from "../../db/search-index.js";
import { candidatesFetchedSince } from "../../db/search.js";
import { articleLine } from "../../digests/format-digest.js";
import { bold } from "../../telegram/html.js";
import { formatRule, toFtsCandidates } from "../../topics/rule.js";
import { RuleMatcher } from "../../topics/rule-matcher.js";
import { HTML, type BotContext, type BotDeps } from "../context.js";
import { RULE_HELP, ruleOrExplain } from "../rule-replies.js";

const WINDOW_MS = 24 * 3_600_000;
const SHOWN = 5;

/** /preview <rule>: how many of the last day's articles a rule matches, and the newest of them. */
export function previewFeature(deps: BotDeps): Composer<BotContext> {
  const { db, now } = deps;
  const composer = new Composer<BotContext>();

  composer.command("preview", async (ctx) => {
    const input = ctx.match.trim();
    if (input === "") {
      await ctx.reply(`Try a rule on the last day's news before you follow it, for example:\n<code>/preview Mariupol OR Mykolaiv -sport</code>\n\n${RULE_HELP}`, HTML);
      return;
    }
    const rule = await ruleOrExplain(ctx, input);
    if (!rule) return;
    const matcher = new RuleMatcher(rule);
    const shown = formatRule(rule);
    // The day's articles the index finds, confirmed by the matcher /follow would use: filtering the whole day's
    // 25,000 in memory took most of a second after a month (see README, Benchmarks).
    await catchUpIndex(db);
    const matching = candidatesFetchedSince(db, toFtsCandidates(rule), now() - WINDOW_MS)
      .filter((article) => matcher.matches(article))
      .sort((a, b) => b.publishedAt - a.publishedAt || b.id - a.id);
    if (matching.length === 0) {
      await ctx.reply(`No article of the last 24 hours matches ${bold(shown)}.`, HTML);
      return;
    }
    const count = matching.length === 1 ? "1 article" : `${matching.length} articles`;
    const lines = [`${count} of the last 24 hours match ${bold(shown)}${matching.length > SHOWN ? `; the newest ${SHOWN}:` : ":"}`, ...headlinesByIds(db, matching.slice(0, SHOWN).map((a) => a.id)).map((a) => articleLine(a, now()))];
    await ctx.reply(lines.join("\n"), HTML);
  });

  return composer;
}

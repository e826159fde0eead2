import { Composer } from "grammy";
import { articlesSince } from "../../db/articles.js";
import { articleLine } from "../../digests/format-digest.js";
import { bold, escapeHtml } from "../../telegram/html.js";
import { formatRule, parseRule, RuleError } from "../../topics/rule.js";
import { RuleMatcher } from "../../topics/rule-matcher.js";
import { HTML, type BotContext, type BotDeps } from "../context.js";

const WINDOW_MS = 24 * 3_600_000;
const SHOWN = 5;

export const RULE_HELP = [
  "Words: <code>election</code> · start of a word: <code>Ukrain*</code> · a phrase: <code>\"security assistance\"</code>",
  "Either: <code>Mariupol OR Mykolaiv</code> · both: <code>Kyiv metro</code> · not: <code>-sport</code> or <code>-\"cup final\"</code>",
  "A feed category: <code>category:Politics</code>",
].join("\n");

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
    let matcher: RuleMatcher;
    let shown: string;
    try {
      const rule = parseRule(input);
      matcher = new RuleMatcher(rule);
      shown = formatRule(rule);
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      await ctx.reply(ruleProblem(input, error), HTML);
      return;
    }
    const matching = articlesSince(db, now() - WINDOW_MS).filter((article) => matcher.matches(article));
    if (matching.length === 0) {
      await ctx.reply(`No article of the last 24 hours matches ${bold(shown)}.`, HTML);
      return;
    }
    const count = matching.length === 1 ? "1 article" : `${matching.length} articles`;
    const lines = [`${count} of the last 24 hours match ${bold(shown)}${matching.length > SHOWN ? `; the newest ${SHOWN}:` : ":"}`, ...matching.slice(0, SHOWN).map((a) => articleLine(a, now()))];
    await ctx.reply(lines.join("\n"), HTML);
  });

  return composer;
}

/** The rule's problem, with the rule quoted and the place pointed at. */
export function ruleProblem(input: string, error: RuleError): string {
  const shown = input.length > 80 ? `${input.slice(0, 80)}…` : input;
  const marker = error.at < shown.length ? `\n<code>${escapeHtml(shown)}</code>\n<code>${" ".repeat(error.at)}^</code>` : "";
  return `${escapeHtml(error.message)}${marker}\n\n${RULE_HELP}`;
}

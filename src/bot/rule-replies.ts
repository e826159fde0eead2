import { escapeHtml } from "../telegram/html.js";
import { parseRule, RuleError, type Rule } from "../topics/rule.js";
import { HTML, type BotContext } from "./context.js";

/** The rule syntax in brief, under every command that takes a rule. */
export const RULE_HELP = [
  "Words: <code>election</code> · start of a word: <code>Ukrain*</code> · a phrase: <code>\"security assistance\"</code>",
  "Either: <code>Mariupol OR Mykolaiv</code> · both: <code>Kyiv metro</code> · not: <code>-sport</code> or <code>-\"cup final\"</code>",
  "A feed category: <code>category:Politics</code>",
].join("\n");

/** The rule a user typed, or undefined once they have been told what is wrong with it. */
export async function ruleOrExplain(ctx: BotContext, input: string): Promise<Rule | undefined> {
  try {
    return parseRule(input);
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    await ctx.reply(ruleProblem(input, error), HTML);
    return undefined;
  }
}

/** The rule's problem, with the rule quoted and the place pointed at. */
export function ruleProblem(input: string, error: RuleError): string {
  const shown = input.length > 80 ? `${input.slice(0, 80)}…` : input;
  const marker = error.at < shown.length ? `\n<code>${escapeHtml(shown)}</code>\n<code>${" ".repeat(error.at)}^</code>` : "";
  return `${escapeHtml(error.message)}${marker}\n\n${RULE_HELP}`;
}

import { Composer } from "grammy";
import { catchUpIndex } from "../../db/search-index.js";
import { getSearch, saveSearch, searchArticles } from "../../db/search.js";
import { nextTurn } from "../../lifecycle/next-turn.js";
import { bold } from "../../telegram/html.js";
import { formatRule, parseRule, type Rule } from "../../topics/rule.js";
import { HTML, type BotContext, type BotDeps } from "../context.js";
import { pager, SEARCH_BUTTON } from "../keyboards.js";
import { RULE_HELP, ruleOrExplain } from "../rule-replies.js";
import { fitPage, PAGE_STORIES, READ_PER_STORY } from "../story-pages.js";

/** /search <rule>: every stored article the rule matches, newest first, paged with More and Newest buttons. */
export function searchFeature(deps: BotDeps): Composer<BotContext> {
  const { db, now } = deps;
  const composer = new Composer<BotContext>();

  const page = async (searchId: number, rule: Rule, offset: number) => {
    // The same story from several feeds is one entry: read enough articles for a page of such stories.
    const { total, headlines } = await searchArticles(db, rule, PAGE_STORIES * READ_PER_STORY, offset, nextTurn);
    // Folding them into stories is work of its own (see README, Benchmarks): in a turn after the read.
    await nextTurn();
    const count = total === 1 ? "1 article matches" : `${total} articles match`;
    const { text, stories, used } = fitPage(headlines, `🔎 ${count} ${bold(formatRule(rule))}`, now());
    const keyboard = pager(`search:${searchId}`, offset, offset + used, offset + used < total);
    return { total, stories, text, keyboard };
  };

  composer.command("search", async (ctx) => {
    const input = ctx.match.trim();
    if (input === "") {
      await ctx.reply(`Search every stored article, newest first, for example:\n<code>/search Kyiv metro</code>\n\n${RULE_HELP}`, HTML);
      return;
    }
    const rule = await ruleOrExplain(ctx, input);
    if (!rule) return;
    // The index catches up in the moments after each poll, a step at a time: a search waits for what was stored.
    await catchUpIndex(db);
    const result = await page(saveSearch(db, ctx.chat.id, formatRule(rule), now()), rule, 0);
    if (result.total === 0) {
      await ctx.reply(`No stored article matches ${bold(formatRule(rule))}.`, HTML);
      return;
    }
    await ctx.reply(result.text, { ...HTML, reply_markup: result.keyboard });
  });

  composer.callbackQuery(SEARCH_BUTTON, async (ctx) => {
    const chatId = ctx.chat?.id;
    const searchId = Number(ctx.match[1]);
    const query = chatId === undefined ? undefined : getSearch(db, chatId, searchId);
    if (query === undefined) {
      await ctx.answerCallbackQuery({ text: "This search has expired. Send /search again." });
      return;
    }
    const result = await page(searchId, parseRule(query, Infinity), Number(ctx.match[2]));
    if (result.stories.length === 0) {
      await ctx.answerCallbackQuery({ text: "No more articles." });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(result.text, { ...HTML, reply_markup: result.keyboard });
  });

  return composer;
}

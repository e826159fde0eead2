import { Composer } from "grammy";
import { latestInTopics } from "../../db/articles.js";
import { subscribedTopics } from "../../db/subscribers.js";
import { getTopic, listTopics, ownTopics } from "../../db/topics.js";
import { nextTurn } from "../../lifecycle/next-turn.js";
import { bold, escapeHtml, truncate } from "../../telegram/html.js";
import { findTopicByName } from "../../topics/find-topic.js";
import { fillsUnderWay, ownTopicsFilled, ownTopicsPageWhole } from "../../topics/own-topics.js";
import { HTML, type BotContext, type BotDeps } from "../context.js";
import { LATEST_BUTTON, pager } from "../keyboards.js";
import { fitPage, PAGE_STORIES, READ_PER_STORY } from "../story-pages.js";

/** /latest [topic] and its More / Newest buttons. */
export function latestFeature(deps: BotDeps): Composer<BotContext> {
  const { db, now } = deps;
  const composer = new Composer<BotContext>();

  /** A page of headlines: its text and buttons, or a reason there is nothing to show. */
  const page = async (chatId: number, scope: number | "all", offset: number) => {
    const topic = scope === "all" ? undefined : getTopic(db, scope);
    const topicIds = topic ? [topic.id] : subscribedTopics(db, chatId).map((t) => t.id);
    // Enough rows for a page of stories of a few sources each; the same story from several feeds is one entry.
    const limit = PAGE_STORIES * READ_PER_STORY;
    // A topic followed a moment ago may still be linking the stored articles: the page is shown once it is whole.
    const under = fillsUnderWay(db, topicIds);
    let rows = await latestInTopics(db, topicIds, limit, offset, nextTurn);
    if (!ownTopicsPageWhole(db, under, rows.length === limit ? rows.at(-1)!.publishedAt : undefined)) {
      await ownTopicsFilled(db, topicIds);
      rows = await latestInTopics(db, topicIds, limit, offset, nextTurn);
    }
    const title = bold(topic ? `Latest in ${topic.name}` : "Latest in your topics");
    // Folding the rows into stories is work of its own (see README, Benchmarks): in a turn after the read.
    await nextTurn();
    const { text, stories, used } = fitPage(rows, title, now());
    // A page that used every row read may have more behind it.
    const hasMore = used < rows.length || rows.length === limit;
    return { topicIds, text, keyboard: pager(`latest:${scope}`, offset, offset + used, hasMore), empty: stories.length === 0 };
  };

  composer.command("latest", async (ctx) => {
    const chatId = ctx.chat.id;
    const input = ctx.match.trim();
    let scope: number | "all" = "all";
    if (input !== "") {
      const lookup = findTopicByName([...ownTopics(db, chatId), ...listTopics(db)], input);
      if (!lookup.found) {
        const closest = lookup.suggestions.map((t) => bold(t.name)).join(", ");
        await ctx.reply(`There is no topic called “${escapeHtml(truncate(input, 60))}”. Closest: ${closest}.`, HTML);
        return;
      }
      scope = lookup.found.id;
    }
    const result = await page(chatId, scope, 0);
    if (result.topicIds.length === 0) {
      await ctx.reply("You don't follow any topics yet. Pick some with /topics, or ask for one: /latest Politics");
      return;
    }
    if (result.empty) {
      await ctx.reply("No articles yet in these topics. New ones arrive as the feeds are polled; try again in a while.");
      return;
    }
    await ctx.reply(result.text, { ...HTML, ...(result.keyboard ? { reply_markup: result.keyboard } : {}) });
  });

  composer.callbackQuery(LATEST_BUTTON, async (ctx) => {
    const chatId = ctx.chat?.id;
    const scope = ctx.match[1] === "all" ? "all" : Number(ctx.match[1]);
    const offset = Number(ctx.match[2]);
    const topic = scope === "all" ? undefined : getTopic(db, scope);
    // Another chat's own topic is not this chat's to read, whatever a forged button says; an unfollowed one is gone.
    if (chatId === undefined || (scope !== "all" && (!topic || !topic.active || (topic.ownerChatId !== null && topic.ownerChatId !== chatId)))) {
      await ctx.answerCallbackQuery({ text: "This list has expired. Send /latest again." });
      return;
    }
    const result = await page(chatId, scope, offset);
    if (result.empty) {
      await ctx.answerCallbackQuery({ text: "No more articles." });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(result.text, { ...HTML, ...(result.keyboard ? { reply_markup: result.keyboard } : {}) });
  });

  return composer;
}

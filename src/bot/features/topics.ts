import { Composer } from "grammy";
import { ensureSubscriber, subscribe, subscribedTopics, toggleSubscription, unsubscribe } from "../../db/subscribers.js";
import { getTopic, listTopics, ownTopics } from "../../db/topics.js";
import { describeSchedule } from "../../digests/schedule.js";
import { bold, escapeHtml, truncate } from "../../telegram/html.js";
import { findTopicByName } from "../../topics/find-topic.js";
import { HTML, type BotContext, type BotDeps } from "../context.js";
import { TOPIC_BUTTON, topicPicker } from "../keyboards.js";

const PICKER_TEXT = "Tap a topic to follow it; tap again to stop. ✅ marks what you follow.";

/** /start, /topics, the topic picker's buttons, /subscribe and /unsubscribe. */
export function topicsFeature(deps: BotDeps): Composer<BotContext> {
  const { db, now } = deps;
  const composer = new Composer<BotContext>();
  const chats = composer.chatType(["private", "group", "supergroup"]);

  const picker = (chatId: number) => {
    const topics = listTopics(db);
    const subscribed = new Set(subscribedTopics(db, chatId).map((t) => t.id));
    return topicPicker(topics, subscribed);
  };

  chats.command("start", async (ctx) => {
    const name = ctx.from?.first_name;
    const subscriber = ensureSubscriber(db, ctx.chat.id, now(), { reactivate: true, ...(name ? { firstName: name } : {}) });
    const when = escapeHtml(describeSchedule(subscriber.digestTimes, subscriber.timezone));
    const greeting = `👋 Hi${name ? ` ${escapeHtml(name)}` : ""}! I send you a digest of the news on the topics you pick, every day at ${when}. Change that with /settings.`;
    await ctx.reply(`${greeting}\n\n${PICKER_TEXT}\n/help lists everything I can do.`, { ...HTML, reply_markup: picker(ctx.chat.id) });
  });

  chats.command("topics", async (ctx) => {
    ensureSubscriber(db, ctx.chat.id, now());
    const own = ownTopics(db, ctx.chat.id);
    const yours = own.length === 0
      ? "\n\nFollow your own words too: /follow Mariupol OR Mykolaiv -sport"
      : `\n\n${bold("Your own topics")} (/unfollow removes one):\n${own.map((t) => `🔎 ${escapeHtml(truncate(t.name, 100))}`).join("\n")}`;
    await ctx.reply(`${PICKER_TEXT}${yours}`, { ...HTML, reply_markup: picker(ctx.chat.id) });
  });

  composer.callbackQuery(TOPIC_BUTTON, async (ctx) => {
    const chatId = ctx.chat?.id;
    const topic = getTopic(db, Number(ctx.match[1]));
    if (chatId === undefined || !topic || !topic.active || topic.ownerChatId !== null) {
      await ctx.answerCallbackQuery({ text: "That topic is no longer offered. Send /topics for the current list." });
      return;
    }
    ensureSubscriber(db, chatId, now());
    const subscribed = toggleSubscription(db, chatId, topic.id, now());
    await ctx.answerCallbackQuery({ text: subscribed ? `Following ${topic.name}` : `Stopped following ${topic.name}` });
    await ctx.editMessageReplyMarkup({ reply_markup: picker(chatId) });
  });

  chats.command(["subscribe", "unsubscribe"], async (ctx) => {
    const adding = ctx.message?.text.startsWith("/subscribe") ?? true;
    const verb = adding ? "subscribe" : "unsubscribe";
    const topics = listTopics(db);
    const input = ctx.match.trim();
    if (input === "") {
      await ctx.reply(`Which topic? For example: /${verb} ${topics[0]?.name ?? "Politics"}\nTopics: ${escapeHtml(topics.map((t) => t.name).join(", "))}`, HTML);
      return;
    }
    const lookup = findTopicByName(topics, input);
    if (!lookup.found) {
      const closest = lookup.suggestions.map((t) => bold(t.name)).join(", ");
      await ctx.reply(`There is no topic called “${escapeHtml(truncate(input, 60))}”. Closest: ${closest}.\n/topics shows them all.`, HTML);
      return;
    }
    const topic = lookup.found;
    ensureSubscriber(db, ctx.chat.id, now());
    const changed = adding ? subscribe(db, ctx.chat.id, topic.id, now()) : unsubscribe(db, ctx.chat.id, topic.id);
    const name = bold(topic.name);
    const text = adding
      ? changed ? `✅ You now follow ${name}.` : `You already follow ${name}.`
      : changed ? `You no longer follow ${name}.` : `You were not following ${name}.`;
    await ctx.reply(text, HTML);
  });

  return composer;
}

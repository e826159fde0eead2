import { Composer, InlineKeyboard } from "grammy";
import { ensureSubscriber } from "../../db/subscribers.js";
import { followRule, listTopics, MAX_OWN_TOPICS, ownTopics } from "../../db/topics.js";
import type { Topic } from "../../db/schema.js";
import { bold, escapeHtml, truncate } from "../../telegram/html.js";
import { findTopicByName } from "../../topics/find-topic.js";
import { fillOwnTopic, removeOwnTopic } from "../../topics/own-topics.js";
import { formatRule, parseRule } from "../../topics/rule.js";
import { foldText } from "../../topics/text.js";
import { HTML, type BotContext, type BotDeps } from "../context.js";
import { UNFOLLOW_BUTTON } from "../keyboards.js";
import { RULE_HELP, ruleOrExplain } from "../rule-replies.js";

const FOLLOW_EXAMPLE = "<code>/follow Mariupol OR Mykolaiv -sport</code>";

/** /follow <rule> and /unfollow <name>: a user's own topics, matched like the catalog's and shown in their digests. */
export function followFeature(deps: BotDeps): Composer<BotContext> {
  const { db, now } = deps;
  const composer = new Composer<BotContext>();
  const chats = composer.chatType(["private", "group", "supergroup"]);
  // The topic is gone for the chat already; a removal that fails leaves links, which retention prunes in time.
  const logRemovalFailure = (chatId: number, topicId: number, error: unknown) =>
    deps.log.error({ chatId, topicId, err: String(error) }, "removing an unfollowed topic's article links failed");
  /** The store path stops matching a topic removed. */
  const rematch = () => void deps.onTopicsChanged().catch((error: unknown) => deps.log.error({ err: String(error) }, "updating the topics new articles are matched against failed"));

  chats.command("follow", async (ctx) => {
    const input = ctx.match.trim();
    if (input === "") {
      await ctx.reply(`Follow your own words, and their news comes in your digests under a heading of its own. For example:\n${FOLLOW_EXAMPLE}\n\n${RULE_HELP}\n\nTry a rule first with /preview. You can have up to ${MAX_OWN_TOPICS} of your own.`, HTML);
      return;
    }
    const rule = await ruleOrExplain(ctx, input);
    if (!rule) return;
    const name = formatRule(rule);
    ensureSubscriber(db, ctx.chat.id, now());
    const outcome = followRule(db, ctx.chat.id, name, now());
    if (outcome.kind === "limit") {
      await ctx.reply(`You already follow ${MAX_OWN_TOPICS} topics of your own, the most there can be. Remove one with /unfollow first.`);
      return;
    }
    if (outcome.kind === "exists") {
      await ctx.reply(`You already follow ${bold(outcome.topic.name)}.`, HTML);
      return;
    }
    // The store path matches the topic first, then the stored articles are linked in the background; /latest waits
    // for them, so the reply need not.
    const chatId = ctx.chat.id;
    deps
      .onTopicsChanged()
      .catch((error: unknown) => deps.log.error({ chatId, err: String(error) }, "updating the topics new articles are matched against failed"))
      .then(() => fillOwnTopic(db, outcome.topic))
      .catch((error: unknown) => deps.log.error({ chatId, topicId: outcome.topic.id, err: String(error) }, "matching a new topic against the stored articles failed"));
    await ctx.reply(`✅ You now follow ${bold(name)}. Its news comes in your digests under its own heading; /latest ${escapeHtml(name)} shows what is there already.\n/unfollow ${escapeHtml(name)} stops it.`, HTML);
  });

  chats.command("unfollow", async (ctx) => {
    const chatId = ctx.chat.id;
    const own = ownTopics(db, chatId);
    const input = ctx.match.trim();
    if (input === "") {
      await ctx.reply(...ownList(own));
      return;
    }
    const topic = findOwnTopic(own, input);
    if (!topic) {
      const catalog = findTopicByName(listTopics(db), input).found;
      const hint = catalog ? `${bold(catalog.name)} is one of the bot's topics: /unsubscribe ${escapeHtml(catalog.name)} stops it.` : own.length > 0 ? "Tap the one to remove:" : "You follow no topics of your own.";
      await ctx.reply(`You have no topic of your own called “${escapeHtml(truncate(input, 60))}”. ${hint}`, { ...HTML, ...(own.length > 0 && !catalog ? { reply_markup: unfollowButtons(own) } : {}) });
      return;
    }
    removeOwnTopic(db, chatId, topic.id)?.removed.catch((error: unknown) => logRemovalFailure(chatId, topic.id, error));
    rematch();
    await ctx.reply(`You no longer follow ${bold(topic.name)}.`, HTML);
  });

  composer.callbackQuery(UNFOLLOW_BUTTON, async (ctx) => {
    const chatId = ctx.chat?.id;
    // Only the chat's own topic is deleted: a forged button naming another chat's topic finds nothing.
    const topicId = Number(ctx.match[1]);
    const removal = chatId === undefined ? undefined : removeOwnTopic(db, chatId, topicId);
    if (!removal) {
      await ctx.answerCallbackQuery({ text: "That topic is already gone." });
      return;
    }
    removal.removed.catch((error: unknown) => logRemovalFailure(chatId!, topicId, error));
    rematch();
    await ctx.answerCallbackQuery({ text: truncate(`Stopped following ${removal.topic.name}`, 200) });
    const [text, options] = ownList(ownTopics(db, chatId!));
    await ctx.editMessageText(text, options);
  });

  return composer;
}

/** The chat's own topics as a message with a remove button each. */
function ownList(own: readonly Topic[]): [string, { parse_mode: "HTML"; reply_markup?: InlineKeyboard }] {
  if (own.length === 0) return [`You follow no topics of your own. Create one with /follow, for example:\n${FOLLOW_EXAMPLE}`, { parse_mode: "HTML" }];
  return [`Your own topics (${own.length} of ${MAX_OWN_TOPICS}). Tap one to stop following it:`, { parse_mode: "HTML", reply_markup: unfollowButtons(own) }];
}

function unfollowButtons(own: readonly Topic[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const topic of own) keyboard.text(truncate(`✖ ${topic.name}`, 60), `unfollow:${topic.id}`).row();
  return keyboard;
}

/** One of the chat's topics by its rule (written any way that means the same) or its name, ignoring case. */
function findOwnTopic(own: readonly Topic[], input: string): Topic | undefined {
  let canonical: string | undefined;
  try {
    canonical = formatRule(parseRule(input));
  } catch {
    canonical = undefined;
  }
  return own.find((t) => canonical !== undefined && foldText(t.name) === foldText(canonical)) ?? findTopicByName(own, input).found;
}


import { Composer } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import { candidatesByIds, findDigest, markExpanded, type DeliveredDigest } from "../../db/deliveries.js";
import { ensureSubscriber, subscribedTopics } from "../../db/subscribers.js";
import { getTopic } from "../../db/topics.js";
import { createDigestComposer } from "../../digests/compose-digest.js";
import { storyLine } from "../../digests/format-digest.js";
import { formatLocalTime } from "../../digests/schedule.js";
import { storyOf } from "../../stories/fold-stories.js";
import { bold, MAX_MESSAGE_LENGTH, packMessages } from "../../telegram/html.js";
import type { Db } from "../../db/client.js";
import { HTML, type BotContext, type BotDeps } from "../context.js";
import { MORE_BUTTON } from "../keyboards.js";

/** /digest: the digest now, with whatever arrived since the last one; and the digests' "Show N more" buttons. */
export function digestFeature(deps: BotDeps): Composer<BotContext> {
  const { db, now } = deps;
  const composer = new Composer<BotContext>();

  composer.command("digest", async (ctx) => {
    const subscriber = ensureSubscriber(db, ctx.chat.id, now(), { reactivate: true });
    const topics = subscribedTopics(db, subscriber.chatId);
    if (topics.length === 0) {
      await ctx.reply("You don't follow any topics yet, so there is nothing to put in a digest. Pick some with /topics.");
      return;
    }
    const outcome = createDigestComposer(db, { maxPerTopic: deps.digestMaxPerTopic }).compose(subscriber, topics, now(), false);
    if (outcome.kind === "nothing-new") {
      const since = subscriber.lastDigestAt === null ? "in the last 24 hours" : `since ${formatLocalTime(outcome.since, subscriber.timezone, !sameDay(outcome.since, now()))}`;
      await ctx.reply(`Nothing new ${since}.`);
      return;
    }
    deps.onDigestQueued();
  });

  // "Show N more in Topic" under a digest's last message: the topic's stories left out are added to that message, or
  // sent after it when the message would pass Telegram's 4096 characters.
  composer.callbackQuery(MORE_BUTTON, async (ctx) => {
    const chatId = ctx.chat?.id;
    const topicId = Number(ctx.match[1]);
    // Only the chat's own digests are found, whatever a forged button names.
    const digest = chatId === undefined ? undefined : findDigest(db, chatId, Number(ctx.match[2]));
    if (!digest?.lastMessage || !digest.more[topicId]) {
      await ctx.answerCallbackQuery({ text: "This digest is too old to expand. /latest shows the newest stories." });
      return;
    }
    if (digest.expanded.includes(topicId)) {
      await ctx.answerCallbackQuery({ text: "Already shown." });
      return;
    }
    const expanded = [...digest.expanded, topicId];
    // The message is rebuilt from what was sent and every expansion so far, in order; one that did not fit was sent on
    // its own and does not fit now either.
    let text = digest.lastMessage.text;
    let overflow: string[] = [];
    for (const id of expanded) {
      const lines = expansion(db, digest, id, now());
      const joined = `${text}\n\n${lines.join("\n")}`;
      if (joined.length <= MAX_MESSAGE_LENGTH) text = joined;
      else if (id === topicId) overflow = lines;
    }
    await ctx.answerCallbackQuery();
    const keyboard = withoutButtons(digest.lastMessage.replyMarkup, expanded);
    await ctx.editMessageText(text, { ...HTML, reply_markup: keyboard });
    // Recorded once the message shows it: a failed edit leaves the button working.
    markExpanded(db, digest.id, expanded);
    for (const message of packMessages(overflow)) await ctx.reply(message, HTML);
  });

  return composer;
}

/** The lines that expand a topic: its heading and the stories left out, as the digest would have shown them. */
function expansion(db: Db, digest: DeliveredDigest, topicId: number, now: number): string[] {
  const groups = digest.more[topicId] ?? [];
  const articles = candidatesByIds(db, groups.flat());
  const stories = groups.map((ids) => ids.flatMap((id) => articles.get(id) ?? [])).filter((group) => group.length > 0);
  const topic = getTopic(db, topicId);
  // An own topic unfollowed since keeps its stories here, not its name, which it gave up (retireOwnTopic).
  const name = topic && (topic.active || topic.ownerChatId === null) ? topic.name : "More";
  return [bold(`${name}, more`), ...stories.map((group) => storyLine(storyOf(group), now))];
}

/** The digest's buttons without those of the topics already expanded. */
function withoutButtons(markup: InlineKeyboardMarkup | null, expanded: readonly number[]): InlineKeyboardMarkup {
  const expandedHere = (data: string | undefined) => expanded.includes(Number(MORE_BUTTON.exec(data ?? "")?.[1]));
  return { inline_keyboard: (markup?.inline_keyboard ?? []).filter((row) => !row.some((b) => "callback_data" in b && expandedHere(b.callback_data))) };
}

function sameDay(a: number, b: number): boolean {
  return Math.abs(a - b) < 20 * 3_600_000;
}

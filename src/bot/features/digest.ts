import { Composer } from "grammy";
import { ensureSubscriber, subscribedTopics } from "../../db/subscribers.js";
import { createDigestComposer } from "../../digests/compose-digest.js";
import { formatLocalTime } from "../../digests/schedule.js";
import type { BotContext, BotDeps } from "../context.js";

/** /digest: the digest now, with whatever arrived since the last one. */
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

  return composer;
}

function sameDay(a: number, b: number): boolean {
  return Math.abs(a - b) < 20 * 3_600_000;
}

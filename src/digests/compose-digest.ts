import type { Db } from "../db/client.js";
import { commitDigest, deliveredSince, skipDigest, topicCandidates, type DigestCandidate } from "../db/deliveries.js";
import { bodyHash, type MessageBody } from "../db/outbox.js";
import type { Subscriber, Topic } from "../db/schema.js";
import type { InlineKeyboardMarkup } from "grammy/types";
import { foldStories, type Story } from "../stories/fold-stories.js";
import { truncate } from "../telegram/html.js";
import { formatDigest } from "./format-digest.js";
import { nextDigestAt } from "./schedule.js";

/** How far back a chat's first digest looks. */
export const FIRST_DIGEST_WINDOW_MS = 24 * 3_600_000;
/** Candidates read per topic; a topic with more fresh articles shows the newest and counts the rest as "more". */
const TOPIC_READ_LIMIT = 500;
/** Cached digests kept at most, so a run over many different schedules stays within bounded memory. */
const CACHE_LIMIT = 500;

export interface DigestSection {
  topic: Topic;
  /** The stories shown, most sources first, then the newest. */
  stories: Story<DigestCandidate>[];
  /** Fresh stories of this topic left out past DIGEST_MAX_PER_TOPIC, behind a "Show N more" button. */
  more: Story<DigestCandidate>[];
}

export type DigestOutcome = { kind: "queued"; messages: number; articles: number } | { kind: "nothing-new"; since: number };

export interface DigestComposer {
  /**
   * Composes a chat's digest of `topics` (in the order shown: its own, then the catalog's) and commits it to the outbox. A scheduled digest also
   * moves the chat's next digest time, whether or not there was anything to send.
   */
  compose(subscriber: Subscriber, topics: readonly Topic[], now: number, scheduled: boolean): DigestOutcome;
}

export function digestSince(subscriber: Subscriber, now: number): number {
  return subscriber.lastDigestAt ?? now - FIRST_DIGEST_WINDOW_MS;
}

/**
 * A composer for one run. Chats that follow the same topics since the same time get the same digest, so the
 * candidates, their sections and their texts are read and rendered once per run and reused; only a chat that already
 * received some of those articles has its own sections worked out.
 */
export function createDigestComposer(db: Db, options: { maxPerTopic: number }): DigestComposer {
  const candidates = new Map<string, Story<DigestCandidate>[]>();
  const sectionsCache = new Map<string, DigestSection[]>();
  const textsCache = new Map<string, (MessageBody & { hash: string })[]>();
  const nextTimes = new Map<string, number>();

  // Chats on the same schedule in the same time zone have the same next digest time, and working it out is costly.
  const nextTime = (subscriber: Subscriber, now: number): number => {
    const key = `${subscriber.timezone}|${subscriber.digestTimes.join(",")}|${now}`;
    let next = nextTimes.get(key);
    if (next === undefined) remember(nextTimes, key, (next = nextDigestAt(subscriber.digestTimes, subscriber.timezone, now)));
    return next;
  };

  // A topic's fresh articles, folded into stories once per run.
  const topicList = (topic: Topic, since: number): Story<DigestCandidate>[] => {
    const read = () => foldStories(topicCandidates(db, topic.id, since, TOPIC_READ_LIMIT));
    // A user's own topic is one chat's: caching it would only push the shared catalog topics out of the cache.
    if (topic.ownerChatId !== null) return read();
    const key = `${topic.id}:${since}`;
    let list = candidates.get(key);
    if (!list) remember(candidates, key, (list = read()));
    return list;
  };

  return {
    compose(subscriber, topics, now, scheduled) {
      const since = digestSince(subscriber, now);
      const lists = topics.map((topic) => topicList(topic, since));
      const delivered = lists.some((list) => list.length > 0) ? deliveredSince(db, subscriber.chatId, since) : new Set<number>();
      // Only a chat that received none of these articles gets, and leaves, the digest chats like it share.
      const shared = delivered.size === 0;
      const sectionsKey = `${since}|${topics.map((t) => t.id).join(",")}`;
      let sections = shared ? sectionsCache.get(sectionsKey) : undefined;
      if (!sections) {
        sections = buildSections(topics, lists, delivered, options.maxPerTopic);
        if (shared) remember(sectionsCache, sectionsKey, sections);
      }
      const next = scheduled ? nextTime(subscriber, now) : undefined;
      if (sections.length === 0) {
        if (next !== undefined) skipDigest(db, subscriber.chatId, next);
        return { kind: "nothing-new", since };
      }
      const textsKey = `${sectionsKey}|${subscriber.timezone}|${now}`;
      let messages = shared ? textsCache.get(textsKey) : undefined;
      if (!messages) {
        const texts = formatDigest(sections, subscriber.timezone, now);
        // The "Show N more" buttons go under the last message, and the stories they add are kept with it. The buttons
        // name the digest by its time, which every chat sharing this text has, so all of it is still stored once.
        const withMore = sections.filter((s) => s.more.length > 0);
        const last: MessageBody =
          withMore.length === 0
            ? { text: texts.at(-1)! }
            : { text: texts.at(-1)!, replyMarkup: moreButtons(withMore, now), more: Object.fromEntries(withMore.map((s) => [s.topic.id, s.more.map((story) => story.articles.map((a) => a.id))])) };
        messages = [...texts.slice(0, -1).map((text) => ({ text })), last].map((body) => ({ ...body, hash: bodyHash(body) }));
        if (shared) remember(textsCache, textsKey, messages);
      }
      const articleIds = sections.flatMap((s) => s.stories.flatMap((story) => story.articles.map((a) => a.id)));
      commitDigest(db, { chatId: subscriber.chatId, messages, articleIds }, now, next);
      return { kind: "queued", messages: messages.length, articles: articleIds.length };
    },
  };
}

/**
 * Each story once, under the first of the chat's topics that has it, and none the chat already received an article of;
 * the first `maxPerTopic` stories of each topic shown, the rest kept for its "Show N more" button.
 */
function buildSections(topics: readonly Topic[], lists: readonly Story<DigestCandidate>[][], delivered: ReadonlySet<number>, maxPerTopic: number): DigestSection[] {
  const claimed = new Set<number>(delivered);
  const sections: DigestSection[] = [];
  topics.forEach((topic, i) => {
    const section: DigestSection = { topic, stories: [], more: [] };
    for (const story of lists[i]!) {
      const fresh = story.articles.filter((a) => !claimed.has(a.id));
      for (const article of fresh) claimed.add(article.id);
      // A story shown under an earlier topic, or sent before, is not shown again for another of its articles.
      if (fresh.length < story.articles.length) continue;
      (section.stories.length < maxPerTopic ? section.stories : section.more).push(story);
    }
    if (section.stories.length > 0) sections.push(section);
  });
  return sections;
}

/** A "Show N more in Topic" button for each of the sections, which have stories left out. */
function moreButtons(sections: readonly DigestSection[], now: number): InlineKeyboardMarkup {
  return { inline_keyboard: sections.map((s) => [{ text: truncate(`Show ${s.more.length} more in ${s.topic.name}`, 60), callback_data: `more:${s.topic.id}:${now}` }]) };
}

function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}

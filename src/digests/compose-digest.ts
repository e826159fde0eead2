import type { Db } from "../db/client.js";
import { commitDigest, digestCandidates, skipDigest, type DigestCandidate } from "../db/deliveries.js";
import type { Subscriber, Topic } from "../db/schema.js";
import { subscribedTopics } from "../db/subscribers.js";
import { formatDigest } from "./format-digest.js";
import { nextDigestAt } from "./schedule.js";

/** How far back a chat's first digest looks. */
export const FIRST_DIGEST_WINDOW_MS = 24 * 3_600_000;

export interface DigestSection {
  topic: Topic;
  articles: DigestCandidate[];
}

/** The sections of a chat's next digest: its topics in catalog order, each fresh article once, under the first of its topics. */
export function collectDigest(db: Db, subscriber: Subscriber, now: number): DigestSection[] {
  const topics = subscribedTopics(db, subscriber.chatId);
  const since = digestSince(subscriber, now);
  const candidates = digestCandidates(db, subscriber.chatId, topics.map((t) => t.id), since);
  const taken = new Set<number>();
  const byTopic = new Map<number, DigestCandidate[]>();
  const order = new Map(topics.map((t, i) => [t.id, i]));
  // Candidates come newest first; an article in several topics goes under the earliest of them in catalog order.
  const sorted = [...candidates].sort((a, b) => order.get(a.topicId)! - order.get(b.topicId)!);
  for (const c of sorted) {
    if (taken.has(c.id)) continue;
    taken.add(c.id);
    const list = byTopic.get(c.topicId) ?? [];
    list.push(c);
    byTopic.set(c.topicId, list);
  }
  return topics.flatMap((topic) => {
    const articles = byTopic.get(topic.id);
    return articles ? [{ topic, articles }] : [];
  });
}

export function digestSince(subscriber: Subscriber, now: number): number {
  return subscriber.lastDigestAt ?? now - FIRST_DIGEST_WINDOW_MS;
}

export type DigestOutcome = { kind: "queued"; messages: number; articles: number } | { kind: "nothing-new"; since: number };

/**
 * Composes a chat's digest and commits it to the outbox. A scheduled digest also moves the chat's next digest time,
 * whether or not there was anything to send.
 */
export function composeDigest(db: Db, subscriber: Subscriber, now: number, scheduled: boolean): DigestOutcome {
  const sections = collectDigest(db, subscriber, now);
  const next = scheduled ? nextDigestAt(subscriber.digestTimes, subscriber.timezone, now) : undefined;
  if (sections.length === 0) {
    if (next !== undefined) skipDigest(db, subscriber.chatId, next);
    return { kind: "nothing-new", since: digestSince(subscriber, now) };
  }
  const texts = formatDigest(sections, subscriber.timezone, now);
  const articleIds = sections.flatMap((s) => s.articles.map((a) => a.id));
  commitDigest(db, { chatId: subscriber.chatId, messages: texts.map((text) => ({ text })), articleIds }, now, next);
  return { kind: "queued", messages: texts.length, articles: articleIds.length };
}

import { newestArticleId, oldestArticleId } from "../db/articles.js";
import { perDatabase, type Db } from "../db/client.js";
import type { Topic } from "../db/schema.js";
import { catchUpIndex } from "../db/search-index.js";
import { findCandidates } from "../db/search.js";
import { unsubscribe } from "../db/subscribers.js";
import { getOwnTopic, linkArticles, unfollowTopic, unlinkArticles } from "../db/topics.js";
import { nextTurn } from "../lifecycle/next-turn.js";
import { RuleMatcher } from "./rule-matcher.js";
import { parseRule, toFtsCandidates } from "./rule.js";

/**
 * Candidates a step of the fill confirms and links (about 10 ms). A step looks at a window of article ids, at first
 * about a day of a 500-feed catalog's (20 ids a candidate), then narrower where candidates are many and wider where
 * they are few.
 */
const STEP_CANDIDATES = 1000;
/** Links removed in one turn: about 5 ms. */
const UNLINK_SLICE = 2000;

interface Fill {
  done: Promise<number>;
  cancelled: boolean;
}

/** The fills under way, by topic id, per database. */
const fills = perDatabase(() => new Map<number, Fill>());

/**
 * Links a topic just followed to the stored articles its rule matches: the full-text index gives the candidates, the
 * rule's matcher (the one used at store time) confirms each, newest first, a slice at a time with the event loop free
 * between, so that a rule found in tens of thousands of a month's articles holds up no one. A scan of every stored
 * article took 19 s for 750,000, during which no other user got an answer (see README, Benchmarks).
 *
 * Call it once the store path matches the topic (the parse pool has its rule): articles stored from then on are
 * linked as they are stored; those stored while the fill runs are looked at again at its end, in case a poll had
 * matched them just before. Resolves with how many links it made; /latest waits for it (ownTopicsFilled).
 */
export function fillOwnTopic(db: Db, topic: Topic, options: { stepCandidates?: number } = {}): Promise<number> {
  const running = fills(db);
  const fill: Fill = { done: Promise.resolve(0), cancelled: false };
  fill.done = linkStoredArticles(db, topic, fill, options.stepCandidates ?? STEP_CANDIDATES).finally(() => running.delete(topic.id));
  running.set(topic.id, fill);
  return fill.done;
}

/** Resolves once the topics' fills under way, if any, have ended, so that what they hold can be read whole. */
export async function ownTopicsFilled(db: Db, topicIds: readonly number[]): Promise<void> {
  const running = fills(db);
  await Promise.all(topicIds.flatMap((id) => running.get(id)?.done.catch(() => 0) ?? []));
}

/**
 * Deletes one of the chat's own topics: its digests stop at once, its article links go a slice at a time (a broad
 * rule has tens of thousands, which one DELETE would remove in one long block), then the topic. Another chat's topic
 * is not found: undefined.
 */
export async function removeOwnTopic(db: Db, chatId: number, topicId: number): Promise<Topic | undefined> {
  if (!getOwnTopic(db, chatId, topicId)) return undefined;
  const fill = fills(db).get(topicId);
  if (fill) {
    fill.cancelled = true;
    await fill.done.catch(() => 0);
  }
  unsubscribe(db, chatId, topicId);
  while (unlinkArticles(db, topicId, UNLINK_SLICE) === UNLINK_SLICE) await nextTurn();
  return unfollowTopic(db, chatId, topicId);
}

async function linkStoredArticles(db: Db, topic: Topic, fill: Fill, stepCandidates: number): Promise<number> {
  const rule = parseRule(topic.rule ?? topic.name, Infinity);
  const matcher = new RuleMatcher(rule);
  const query = toFtsCandidates(rule);
  const newest = newestArticleId(db);
  let linked = 0;
  /** Confirms and links the candidates with ids from `from` below `below`; returns how many there were, or undefined once the topic is gone. */
  const step = (from: number, below: number) => {
    const candidates = findCandidates(db, query, from, below);
    const made = linkArticles(db, topic.id, candidates.filter((c) => matcher.matches(c)).map((c) => c.id));
    if (made === undefined) return undefined;
    linked += made;
    return candidates.length;
  };
  await catchUpIndex(db);
  const oldest = oldestArticleId(db);
  for (let below = newest + 1, window = 20 * stepCandidates; below > oldest && !fill.cancelled; ) {
    const from = Math.max(oldest, below - window);
    const found = step(from, below);
    if (found === undefined) return linked;
    below = from;
    window = Math.max(1, Math.min(8 * window, Math.round((window * stepCandidates) / Math.max(found, 1))));
    await nextTurn();
  }
  // Stored while it ran: matched as they were stored, unless a poll had matched them just before the follow.
  await catchUpIndex(db);
  if (!fill.cancelled) step(newest + 1, Number.MAX_SAFE_INTEGER);
  return linked;
}

import { fetchedSinceBelow, newestArticleId, oldestArticleId } from "../db/articles.js";
import { perDatabase, type Db } from "../db/client.js";
import type { Topic } from "../db/schema.js";
import { catchUpIndex } from "../db/search-index.js";
import { candidateArticles, candidateIds, countCandidates } from "../db/search.js";
import { deleteRetiredTopic, linkArticles, retiredTopicIds, retireOwnTopic, unlinkArticles } from "../db/topics.js";
import { nextTurn } from "../lifecycle/next-turn.js";
import { sleep } from "../lifecycle/sleep.js";
import { RuleMatcher } from "./rule-matcher.js";
import { parseRule, toFtsCandidates } from "./rule.js";

/** Candidates a step of the fill reads, confirms and links: about 10 ms, most of it writing the links. */
const STEP_CANDIDATES = 200;
/** Candidate ids one query of the index gives at most (about 15 ms). */
const IDS_PER_QUERY = 30_000;
/** Links removed in one turn: a few milliseconds (1,000 took 50-120 ms beside a month of news). */
const UNLINK_SLICE = 250;
/** How often a removal looks whether the fills it waits for have ended. */
const FILL_FIRST_MS = 50;
/**
 * Links a second that fills and unfollows write, after a burst of LINK_BURST. Each link is most of a page of the
 * write-ahead log (a new topic's links lie among the articles' other links: 0.85 pages a link), which the checkpoint
 * thread (src/db/checkpointer.ts) copies back: at 10,000 links a second a broad rule's fill outran it within seconds,
 * and the log grew until SQLite's own checkpoint came back on inside a commit (see README, Benchmarks).
 */
const LINKS_PER_SECOND = 2000;
const LINK_BURST = 2000;

interface Fill {
  done: Promise<number>;
  cancelled: boolean;
  /** Every article from this id on has been looked at (the fill goes newest first). */
  doneFrom: number;
}

/** The fills under way, by topic id, per database. */
const fills = perDatabase(() => new Map<number, Fill>());

/**
 * The links fills, and removals, may still write now, per database, refilled at `linksPerSecond`. Removals wait while
 * a fill runs, so the two never write at once, and a fill never waits for what a removal spent.
 */
const linkBudgets = perDatabase(() => ({ fill: { links: LINK_BURST, at: performance.now() }, removal: { links: LINK_BURST, at: performance.now() } }));

/** After writing (or removing) `links`, waits until the budget allows more; a turn of the event loop at least. */
async function paceLinks(db: Db, kind: "fill" | "removal", links: number, linksPerSecond: number): Promise<void> {
  const budget = linkBudgets(db)[kind];
  const now = performance.now();
  budget.links = Math.min(LINK_BURST, budget.links + ((now - budget.at) * linksPerSecond) / 1000) - links;
  budget.at = now;
  if (budget.links < 0 && Number.isFinite(linksPerSecond)) await sleep((-budget.links * 1000) / linksPerSecond);
  else await nextTurn();
}

/**
 * Links a topic just followed to the stored articles its rule matches: the full-text index gives the candidates, the
 * rule's matcher (the one used at store time) confirms each, newest first, a slice at a time with the event loop free
 * between, so that a rule found in tens of thousands of a month's articles holds up no one. A scan of every stored
 * article took 26 s for 750,000, during which no other user got an answer (see README, Benchmarks).
 *
 * Call it once the store path matches the topic (the parse pool has its rule): articles stored from then on are
 * linked as they are stored; those stored while the fill runs are looked at again at its end, in case a poll had
 * matched them just before. Resolves with how many links it made. /latest shows a page of the topic at once when the
 * fill had passed it when the read began (fillsUnderWay, ownTopicsPageWhole), else waits for the fill (ownTopicsFilled).
 */
export function fillOwnTopic(db: Db, topic: Topic, options: PaceOptions = {}): Promise<number> {
  const running = fills(db);
  const fill: Fill = { done: Promise.resolve(0), cancelled: false, doneFrom: Number.MAX_SAFE_INTEGER };
  fill.done = linkStoredArticles(db, topic, fill, { stepCandidates: STEP_CANDIDATES, linksPerSecond: LINKS_PER_SECOND, ...options }).finally(() => running.delete(topic.id));
  running.set(topic.id, fill);
  return fill.done;
}

/** Resolves once the topics' fills under way, if any, have ended, so that what they hold can be read whole. */
export async function ownTopicsFilled(db: Db, topicIds: readonly number[]): Promise<void> {
  const running = fills(db);
  await Promise.all(topicIds.flatMap((id) => running.get(id)?.done.catch(() => 0) ?? []));
}

/**
 * Where the topics' fills under way have got to, by topic id (every article from this id on has been looked at): taken
 * before a page is read, so that a fill going on while the read pauses cannot make the page look whole.
 */
export function fillsUnderWay(db: Db, topicIds: readonly number[]): ReadonlyMap<number, number> {
  const running = fills(db);
  const under = new Map<number, number>();
  for (const id of topicIds) {
    const fill = running.get(id);
    if (fill) under.set(id, fill.doneFrom);
  }
  return under;
}

/**
 * Whether a page of the topics' newest articles, read after `under` (fillsUnderWay) was taken, is the page they will
 * have once filled: no fill under way then may still add an article published at or after the page's oldest
 * (`oldestShown`, undefined when the page is not full, which any article may join). None can be published after it
 * was fetched, so it is enough that no article not yet looked at was fetched since then: a page of the last hours is
 * whole as soon as the fill has passed them.
 */
export function ownTopicsPageWhole(db: Db, under: ReadonlyMap<number, number>, oldestShown: number | undefined): boolean {
  return [...under.values()].every((doneFrom) => oldestShown !== undefined && !fetchedSinceBelow(db, oldestShown, doneFrom));
}

/** The removals under way, by topic id, per database. */
const removals = perDatabase(() => new Map<number, Promise<void>>());

/**
 * Takes one of the chat's own topics from it at once (retireOwnTopic): no digest, /latest or newly stored article
 * shows it from then on, and the chat may follow the same rule again. Its article links (tens of thousands for a
 * broad rule, which one DELETE removed in one long block) then go in the background, a slice at a time at the pace
 * of LINKS_PER_SECOND, and the topic with them; so do those of topics retired before a stop. Another chat's topic
 * is not found: undefined.
 */
export function removeOwnTopic(db: Db, chatId: number, topicId: number, options: Pick<PaceOptions, "linksPerSecond"> = {}): { topic: Topic; removed: Promise<void> } | undefined {
  const topic = retireOwnTopic(db, chatId, topicId);
  if (!topic) return undefined;
  const running = removals(db);
  const started = retiredTopicIds(db)
    .filter((id) => !running.has(id))
    .map((id) => {
      const removal = unlinkRetired(db, id, options.linksPerSecond ?? LINKS_PER_SECOND).finally(() => running.delete(id));
      running.set(id, removal);
      return removal;
    });
  return { topic, removed: Promise.all(started).then(() => undefined) };
}

async function unlinkRetired(db: Db, topicId: number, linksPerSecond: number): Promise<void> {
  // Not in the /unfollow that retired the topic: its reply goes first.
  await nextTurn();
  const fill = fills(db).get(topicId);
  if (fill) {
    fill.cancelled = true;
    await fill.done.catch(() => 0);
  }
  for (let removed = UNLINK_SLICE; removed === UNLINK_SLICE; ) {
    // Fills first: a user waits for theirs (/latest), and both share the write-ahead log's pace.
    while (fills(db).size > 0) await sleep(FILL_FIRST_MS);
    removed = unlinkArticles(db, topicId, UNLINK_SLICE);
    await paceLinks(db, "removal", removed, linksPerSecond);
  }
  deleteRetiredTopic(db, topicId);
}

/** How fast a fill or an unfollow goes (tests go faster): candidates a step, links written a second. */
export interface PaceOptions {
  stepCandidates?: number;
  linksPerSecond?: number;
}

async function linkStoredArticles(db: Db, topic: Topic, fill: Fill, { stepCandidates, linksPerSecond }: Required<PaceOptions>): Promise<number> {
  const rule = parseRule(topic.rule ?? topic.name, Infinity);
  const matcher = new RuleMatcher(rule);
  const query = toFtsCandidates(rule);
  const newest = newestArticleId(db);
  let linked = 0;
  /** Confirms and links the candidates, given newest first, a step at a time; false once the topic is gone. */
  const link = async (ids: readonly number[]) => {
    // Not in the turn that read the candidates (a query of up to IDS_PER_QUERY ids): each is work enough for one.
    await nextTurn();
    for (let i = 0; i < ids.length && !fill.cancelled; i += stepCandidates) {
      const step = ids.slice(i, i + stepCandidates);
      const made = linkArticles(db, topic.id, candidateArticles(db, step).filter((c) => matcher.matches(c)).map((c) => c.id));
      if (made === undefined) return false;
      linked += made;
      fill.doneFrom = Math.min(fill.doneFrom, step.at(-1)!);
      await paceLinks(db, "fill", made, linksPerSecond);
    }
    return true;
  };
  // Not in the /follow that added the topic (which has just updated the store path's matcher): its reply goes first.
  await nextTurn();
  await catchUpIndex(db);
  const oldest = oldestArticleId(db);
  // The index gives the candidates' ids in a query or a few: read in windows of 5,000 ids, they took 45 times as long.
  const windows = Math.max(1, Math.ceil(countCandidates(db, query) / IDS_PER_QUERY));
  const span = Math.ceil((newest + 1 - oldest) / windows);
  for (let below = newest + 1; below > oldest && !fill.cancelled; ) {
    const from = Math.max(oldest, below - span);
    // link() yields before its first step and after each: the next query comes in a turn of its own.
    if (!(await link(candidateIds(db, query, from, below)))) return linked;
    fill.doneFrom = below = from;
  }
  // Stored while it ran: matched as they were stored, unless a poll had matched them just before the follow.
  await catchUpIndex(db);
  if (!fill.cancelled) await link(candidateIds(db, query, newest + 1, Number.MAX_SAFE_INTEGER));
  return linked;
}

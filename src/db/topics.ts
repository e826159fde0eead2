import { and, asc, eq, inArray, isNull, notInArray } from "drizzle-orm";
import type { TopicDefinition } from "../topics/builtin-topics.js";
import { TopicMatcher } from "../topics/matcher.js";
import { foldText } from "../topics/text.js";
import { perDatabase, type Db } from "./client.js";
import { subscriptions, topics, type Topic } from "./schema.js";

/** A chat's own topics at most: each is matched against every stored article. */
export const MAX_OWN_TOPICS = 20;

/**
 * Makes the active catalog topics exactly the catalog's; a topic that leaves the catalog is deactivated, not deleted,
 * so subscriptions to it survive. Returns the ids of the topics whose matching changed (new, edited or back in the
 * catalog): their articles must be matched again.
 */
export function syncCatalogTopics(db: Db, definitions: readonly TopicDefinition[]): number[] {
  // The catalog's lists may change under the same ids: matchingTopics reads them again.
  matched(db).topics = undefined;
  return db.transaction((tx) => {
    const before = new Map(tx.select().from(topics).where(isNull(topics.ownerChatId)).all().map((t) => [t.name, t]));
    const changed: number[] = [];
    for (const t of definitions) {
      const values = { name: t.name, categories: t.categories, keywords: t.keywords, exclude: t.exclude ?? [], active: true };
      const row = tx
        .insert(topics)
        .values(values)
        .onConflictDoUpdate({ target: topics.name, targetWhere: isNull(topics.ownerChatId), set: values })
        .returning({ id: topics.id })
        .get();
      const old = before.get(t.name);
      if (!old || !old.active || JSON.stringify([old.categories, old.keywords, old.exclude]) !== JSON.stringify([values.categories, values.keywords, values.exclude])) {
        changed.push(row.id);
      }
    }
    tx.update(topics)
      .set({ active: false })
      .where(and(isNull(topics.ownerChatId), notInArray(topics.name, definitions.map((t) => t.name))))
      .run();
    return changed;
  });
}

/** The catalog's topics, which users pick from, in catalog order. */
export function listTopics(db: Db): Topic[] {
  return db
    .select()
    .from(topics)
    .where(and(eq(topics.active, true), isNull(topics.ownerChatId)))
    .orderBy(asc(topics.id))
    .all();
}

type TopicRow = Omit<Topic, "categories" | "keywords" | "exclude" | "active"> & { categories: string; keywords: string; exclude: string };

const statements = perDatabase((db) => ({
  // Read at every follow and unfollow (the parse pool diffs it against its matcher), ten thousand rows and more:
  // prepared, and a user's topic's empty lists not parsed.
  matching: db.$client.prepare<[], TopicRow>(
    "SELECT id, name, categories, keywords, exclude, owner_chat_id AS ownerChatId, rule FROM topics WHERE active = 1 ORDER BY id",
  ),
  fingerprint: db.$client.prepare<[], string>("SELECT count(*) || ':' || total(id) || ':' || coalesce(max(id), 0) FROM topics WHERE active = 1").pluck(),
  retired: db.$client.prepare<[], number>("SELECT id FROM topics WHERE active = 0 AND owner_chat_id IS NOT NULL").pluck(),
  deleteRetired: db.$client.prepare<[number]>("DELETE FROM topics WHERE id = ? AND active = 0 AND owner_chat_id IS NOT NULL"),
  link: db.$client.prepare<[number, number]>("INSERT OR IGNORE INTO article_topics (article_id, topic_id) VALUES (?, ?)"),
  exists: db.$client.prepare<[number], number>("SELECT 1 FROM topics WHERE id = ?").pluck(),
  unlink: db.$client.prepare<[number, number, number]>(
    "DELETE FROM article_topics WHERE topic_id = ? AND article_id IN (SELECT article_id FROM article_topics WHERE topic_id = ? LIMIT ?)",
  ),
}));

/**
 * The topics articles are matched against, as last read, kept up to date by followRule and unfollowTopic and read
 * again whenever the table holds other topics than these (a fingerprint of their ids says so): reading ten thousand
 * rows took about 50 ms, at every follow and unfollow.
 */
const matched = perDatabase((): { topics?: readonly Topic[]; fingerprint?: string } => ({}));

/**
 * Every topic articles are matched against: the catalog's active ones and every chat's own; not to be changed. (A
 * chat's topics moved to its new id by migrateChat may show the old owner: matching does not look at it.)
 */
export function matchingTopics(db: Db): readonly Topic[] {
  const s = statements(db);
  const cache = matched(db);
  const fingerprint = s.fingerprint.get()!;
  if (!cache.topics || cache.fingerprint !== fingerprint) {
    const lists = (text: string) => (text === "[]" ? [] : (JSON.parse(text) as string[]));
    cache.topics = s.matching.all().map((row) => ({ ...row, categories: lists(row.categories), keywords: lists(row.keywords), exclude: lists(row.exclude), active: true }));
    cache.fingerprint = fingerprint;
  }
  return cache.topics;
}

/** Keeps matchingTopics' list current through a change it knows: `fingerprint` is the table's before the change. */
function updateMatched(db: Db, fingerprint: string, change: (topics: readonly Topic[]) => readonly Topic[]): void {
  const cache = matched(db);
  if (!cache.topics || cache.fingerprint !== fingerprint) return;
  cache.topics = change(cache.topics);
  cache.fingerprint = statements(db).fingerprint.get()!;
}

export function getTopic(db: Db, id: number): Topic | undefined {
  return db.select().from(topics).where(eq(topics.id, id)).get();
}

/** The chat's own topics, oldest first. */
export function ownTopics(db: Db, chatId: number): Topic[] {
  return db
    .select()
    .from(topics)
    .where(and(eq(topics.ownerChatId, chatId), eq(topics.active, true)))
    .orderBy(asc(topics.id))
    .all();
}

/** The own topics of any of the chats. */
export function ownTopicsOfChats(db: Db, chatIds: readonly number[]): Topic[] {
  return db
    .select()
    .from(topics)
    .where(and(inArray(topics.ownerChatId, [...chatIds]), eq(topics.active, true)))
    .all();
}

export type FollowOutcome = { kind: "created"; topic: Topic } | { kind: "exists"; topic: Topic } | { kind: "limit" };

/**
 * Creates the chat's own topic for a rule (its canonical text is the topic's name) and subscribes the chat to it, in
 * one transaction. Linking it to the articles already stored is fillOwnTopic's work (src/topics/own-topics.ts).
 */
export function followRule(db: Db, chatId: number, rule: string, now: number): FollowOutcome {
  const before = statements(db).fingerprint.get()!;
  const outcome = db.transaction((tx): FollowOutcome => {
    const own = tx
      .select()
      .from(topics)
      .where(and(eq(topics.ownerChatId, chatId), eq(topics.active, true)))
      .all();
    // Rules that differ only in case match the same articles: the same topic.
    const existing = own.find((t) => foldText(t.name) === foldText(rule));
    if (existing) return { kind: "exists", topic: existing };
    if (own.length >= MAX_OWN_TOPICS) return { kind: "limit" };
    const topic = tx.insert(topics).values({ name: rule, rule, ownerChatId: chatId }).returning().get();
    tx.insert(subscriptions).values({ chatId, topicId: topic.id, createdAt: now }).run();
    return { kind: "created", topic };
  });
  if (outcome.kind === "created") updateMatched(db, before, (list) => [...list, outcome.topic]);
  return outcome;
}


/**
 * Links the topic to the articles, in one transaction; returns how many links are new, or undefined when the topic
 * is gone (unfollowed meanwhile) and nothing was linked.
 */
export function linkArticles(db: Db, topicId: number, articleIds: readonly number[]): number | undefined {
  const s = statements(db);
  return db.$client.transaction(() => {
    if (s.exists.get(topicId) === undefined) return undefined;
    let linked = 0;
    for (const id of articleIds) linked += s.link.run(id, topicId).changes;
    return linked;
  })();
}

/** Removes up to `limit` of the topic's article links; returns how many. */
export function unlinkArticles(db: Db, topicId: number, limit: number): number {
  return statements(db).unlink.run(topicId, topicId, limit).changes;
}

/**
 * Takes one of the chat's own topics away from it at once, in one transaction: its subscription goes, and the topic
 * is left inactive under a name no rule can have (a control character and its id), so that the chat may follow the
 * same rule again at once, until deleteRetiredTopic deletes it once its article links are gone. Returns the topic as
 * it was; another chat's topic is not found.
 */
export function retireOwnTopic(db: Db, chatId: number, topicId: number): Topic | undefined {
  const before = statements(db).fingerprint.get()!;
  const retired = db.transaction((tx) => {
    const topic = tx
      .select()
      .from(topics)
      .where(and(eq(topics.id, topicId), eq(topics.ownerChatId, chatId), eq(topics.active, true)))
      .get();
    if (!topic) return undefined;
    tx.delete(subscriptions).where(eq(subscriptions.topicId, topicId)).run();
    tx.update(topics).set({ active: false, name: `${topic.name}\u001f${topic.id}` }).where(eq(topics.id, topicId)).run();
    return topic;
  });
  if (retired) updateMatched(db, before, (list) => list.filter((t) => t.id !== topicId));
  return retired;
}

/** The users' topics retired and not yet deleted (a stop came before their links were gone). */
export function retiredTopicIds(db: Db): number[] {
  return statements(db).retired.all();
}

/** Deletes a retired topic, and what is left of its article links. */
export function deleteRetiredTopic(db: Db, topicId: number): void {
  statements(db).deleteRetired.run(topicId);
}

const CHUNK = 2000;

/**
 * Matches the stored articles against the given topics again and rewrites their links to them: for a new topic of a
 * user's, and for catalog topics whose rules changed. Runs in the caller's transaction, if any.
 */
export function matchStoredArticles(db: Db, changed: readonly Topic[]): number {
  if (changed.length === 0) return 0;
  const sqlite = db.$client;
  const matcher = new TopicMatcher(changed);
  const ids = JSON.stringify(changed.map((t) => t.id));
  const read = sqlite.prepare<[number, number], { id: number; title: string; summary: string; categories: string; feedTopics: string }>(
    `SELECT a.id, a.title, a.summary, a.categories, f.topics AS feedTopics FROM articles a JOIN feeds f ON f.id = a.feed_id
     WHERE a.id > ? ORDER BY a.id LIMIT ?`,
  );
  const link = sqlite.prepare("INSERT OR IGNORE INTO article_topics (article_id, topic_id) VALUES (?, ?)");
  let linked = 0;
  sqlite.transaction(() => {
    sqlite.prepare("DELETE FROM article_topics WHERE topic_id IN (SELECT value FROM json_each(?))").run(ids);
    for (let after = 0; ; ) {
      const rows = read.all(after, CHUNK);
      if (rows.length === 0) break;
      for (const row of rows) {
        const found = matcher.match({ title: row.title, summary: row.summary, categories: JSON.parse(row.categories) as string[] }, JSON.parse(row.feedTopics) as string[]);
        for (const topicId of found) linked += link.run(row.id, topicId).changes;
      }
      after = rows.at(-1)!.id;
    }
  })();
  return linked;
}

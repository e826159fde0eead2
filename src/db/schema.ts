import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** A feed from the operator's catalog, with what its last polls taught us. */
export const feeds = sqliteTable("feeds", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  url: text("url").notNull().unique(),
  name: text("name"),
  /** Topic names every item of this feed belongs to (JSON array). */
  topics: text("topics", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
  inCatalog: integer("in_catalog", { mode: "boolean" }).notNull().default(true),
  /** Where the feed lives now, after permanent redirects; `url` stays the catalog's spelling. */
  fetchUrl: text("fetch_url"),
  status: text("status").$type<FeedStatus>().notNull().default("active"),
  disabledReason: text("disabled_reason"),
  etag: text("etag"),
  lastModified: text("last_modified"),
  nextCheckAt: integer("next_check_at").notNull().default(0),
  lastPolledAt: integer("last_polled_at"),
  lastSuccessAt: integer("last_success_at"),
  lastError: text("last_error"),
  errorStreak: integer("error_streak").notNull().default(0),
  /** When the current error streak began. */
  failingSince: integer("failing_since"),
  pollCount: integer("poll_count").notNull().default(0),
  notModifiedCount: integer("not_modified_count").notNull().default(0),
  createdAt: integer("created_at").notNull(),
});

export type FeedStatus = "active" | "disabled";

/** One news story; stored once even when several feeds carry it (see `articleSources`). */
export const articles = sqliteTable(
  "articles",
  {
    // A plain rowid key: AUTOINCREMENT would cost an extra write per stored item, and ids freed by pruning are
    // safe to reuse because everything that points at an article is deleted with it.
    id: integer("id").primaryKey(),
    /** The feed it was first seen in. */
    feedId: integer("feed_id")
      .notNull()
      .references(() => feeds.id, { onDelete: "cascade" }),
    /**
     * Hash of the link without tracking parameters, fragment, scheme or trailing slash: the same story in two feeds
     * shares it. A short hash keeps the unique index small, which matters for the cost of every stored item.
     */
    canonicalKey: text("canonical_key"),
    title: text("title").notNull(),
    link: text("link"),
    summary: text("summary").notNull().default(""),
    categories: text("categories", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    publishedAt: integer("published_at").notNull(),
    fetchedAt: integer("fetched_at").notNull(),
  },
  (t) => [uniqueIndex("articles_canonical_key").on(t.canonicalKey), index("articles_fetched_at").on(t.fetchedAt)],
);

// seen_items, article_topics and article_sources are made WITHOUT ROWID by migrations/0001_without_rowid.sql,
// which Drizzle cannot express: one b-tree per table instead of two, on the path every stored item takes.

/** Feeds that carried an article besides the one it was first seen in (`articles.feedId`). */
export const articleSources = sqliteTable(
  "article_sources",
  {
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    feedId: integer("feed_id")
      .notNull()
      .references(() => feeds.id, { onDelete: "cascade" }),
    seenAt: integer("seen_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.feedId] }), index("article_sources_feed").on(t.feedId, t.seenAt)],
);

/**
 * The identities (hash of guid, else link, else title and date) of every item a feed has had. Kept after the article
 * itself is pruned, so an old item still in the feed never comes back as new.
 */
export const seenItems = sqliteTable(
  "seen_items",
  {
    feedId: integer("feed_id")
      .notNull()
      .references(() => feeds.id, { onDelete: "cascade" }),
    identity: text("identity").notNull(),
    seenAt: integer("seen_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.feedId, t.identity] })],
);

/**
 * A topic: the catalog's (no owner), or one a user follows with /follow (owned by that chat, matched by its rule).
 * Names are unique among the catalog's topics and among each chat's own.
 */
export const topics = sqliteTable(
  "topics",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    categories: text("categories", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    keywords: text("keywords", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** Words and phrases that keep an article out of the topic, whatever else it matched (JSON array). */
    exclude: text("exclude", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** False once the catalog no longer lists it; kept so subscriptions survive a catalog edit. */
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** The chat whose own topic this is; null for the catalog's. */
    ownerChatId: integer("owner_chat_id"),
    /** A user's topic's rule, as they wrote it (src/topics/rule.ts); null for the catalog's, which use the lists. */
    rule: text("rule"),
  },
  (t) => [
    uniqueIndex("topics_catalog_name").on(t.name).where(sql`${t.ownerChatId} IS NULL`),
    uniqueIndex("topics_owner_name").on(t.ownerChatId, t.name).where(sql`${t.ownerChatId} IS NOT NULL`),
  ],
);

/** Which topics an article belongs to, decided when it is stored. */
export const articleTopics = sqliteTable(
  "article_topics",
  {
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.topicId] }), index("article_topics_topic").on(t.topicId, t.articleId)],
);

/** A Telegram chat that talks to the bot, with its digest schedule. */
export const subscribers = sqliteTable(
  "subscribers",
  {
    chatId: integer("chat_id").primaryKey(),
    firstName: text("first_name"),
    timezone: text("timezone").notNull().default("UTC"),
    /** Local "HH:MM" times, sorted (JSON array). */
    digestTimes: text("digest_times", { mode: "json" }).$type<string[]>().notNull().default(sql`'["08:00"]'`),
    paused: integer("paused", { mode: "boolean" }).notNull().default(false),
    /** False once Telegram says the bot can no longer write to the chat (blocked, deactivated). */
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    lastDigestAt: integer("last_digest_at"),
    nextDigestAt: integer("next_digest_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("subscribers_due").on(t.nextDigestAt)],
);

export const subscriptions = sqliteTable(
  "subscriptions",
  {
    chatId: integer("chat_id")
      .notNull()
      .references(() => subscribers.chatId, { onDelete: "cascade", onUpdate: "cascade" }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.topicId] })],
);

/** The articles one digest gave a chat: never sent to it again. One row per digest, not per article, as a morning's
 * digests to many chats would otherwise write tens of rows per chat. */
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    chatId: integer("chat_id")
      .notNull()
      .references(() => subscribers.chatId, { onDelete: "cascade", onUpdate: "cascade" }),
    deliveredAt: integer("delivered_at").notNull(),
    /** The digest's article ids (JSON array). */
    articleIds: text("article_ids", { mode: "json" }).$type<number[]>().notNull(),
    /** The digest's last message, which carries the "Show N more" buttons and grows as they are tapped. */
    lastBodyId: integer("last_body_id"),
    /** Topics whose "Show N more" was tapped, in order (JSON array). */
    expanded: text("expanded", { mode: "json" }).$type<number[]>().notNull().default(sql`'[]'`),
  },
  (t) => [index("deliveries_chat").on(t.chatId, t.deliveredAt)],
);

export type OutboxStatus = "pending" | "sending" | "sent" | "dropped";

/**
 * The text of outgoing messages, stored once however many chats it goes to: chats that follow the same topics on the
 * same schedule get the same digest, and a morning's digests to many chats would otherwise write it over and over.
 */
export const messageBodies = sqliteTable(
  "message_bodies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** SHA-256 of the text and markup, so the same message is stored once. */
    hash: text("hash").notNull(),
    text: text("text").notNull(),
    replyMarkup: text("reply_markup", { mode: "json" }).$type<unknown>(),
    /**
     * For a digest's last message: the stories its "Show N more" buttons add, by topic id, each a list of article ids.
     * Kept with the text, as chats that get the same digest get the same stories left out.
     */
    more: text("more", { mode: "json" }).$type<Record<string, number[][]>>(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("message_bodies_hash").on(t.hash)],
);

/** Messages composed for sending; a sender drains them, so a restart loses none. */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    chatId: integer("chat_id").notNull(),
    bodyId: integer("body_id")
      .notNull()
      .references(() => messageBodies.id),
    status: text("status").$type<OutboxStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
  },
  // Entries of an index end with the rowid, so outbox_status also lists each status's messages in id order.
  (t) => [index("outbox_status").on(t.status), index("outbox_body").on(t.bodyId)],
);

/** A chat's /search, kept so that its "More" button can page on (a button's data holds at most 64 bytes). */
export const searches = sqliteTable("searches", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  chatId: integer("chat_id").notNull(),
  /** The rule searched for, in its canonical text. */
  query: text("query").notNull(),
  createdAt: integer("created_at").notNull(),
});

// articles_fts, the full-text index /search reads, is an FTS5 table made by migrations/0007_search_index.sql, which
// Drizzle cannot express (see src/db/search-index.ts).

/** State of running @grammyjs/conversations conversations, keyed by chat. */
export const conversationState = sqliteTable("conversation_state", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export type Feed = typeof feeds.$inferSelect;
export type Article = typeof articles.$inferSelect;
export type Topic = typeof topics.$inferSelect;
export type Subscriber = typeof subscribers.$inferSelect;
export type OutboxMessage = typeof outbox.$inferSelect;

/**
 * Helpers for the delivery end-to-end tests: seeding many subscribers (and, for a bot in another process, articles)
 * straight into the SQLite file, waiting on a condition, and checking a chat's digest as its user reads it.
 */
import type { Db } from "../../src/db/client.js";
import type { FakeBotApi, StoredMessage } from "./fake-bot-api.js";

/** Subscribers following `topics` (by name), due for a digest at `dueAt` (the app's clock), with the default schedule. */
export function seedSubscribers(db: Db, chatIds: readonly number[], options: { topics: readonly string[]; dueAt: number; now: number }): void {
  const sqlite = db.$client;
  const topicIds = options.topics.map((name) => {
    const id = sqlite.prepare("SELECT id FROM topics WHERE name = ?").pluck().get(name) as number | undefined;
    if (id === undefined) throw new Error(`seedSubscribers: no topic ${name}`);
    return id;
  });
  const subscriber = sqlite.prepare(
    `INSERT INTO subscribers (chat_id, first_name, timezone, digest_times, next_digest_at, created_at) VALUES (?, 'Reader', 'UTC', '["08:00"]', ?, ?)`,
  );
  const subscribe = sqlite.prepare("INSERT INTO subscriptions (chat_id, topic_id, created_at) VALUES (?, ?, ?)");
  sqlite.transaction(() => {
    for (const chatId of chatIds) {
      subscriber.run(chatId, options.dueAt, options.now - 86_400_000);
      for (const topicId of topicIds) subscribe.run(chatId, topicId, options.now);
    }
  })();
}

export interface SeedArticle {
  title: string;
  link: string;
  topics: readonly string[];
  publishedAt: number;
}

/** Articles of the catalog feed `feedUrl` (synced into the database already), fetched at `fetchedAt`. */
export function seedArticles(db: Db, feedUrl: string, articles: readonly SeedArticle[], fetchedAt: number): void {
  const sqlite = db.$client;
  const feedId = sqlite.prepare("SELECT id FROM feeds WHERE url = ?").pluck().get(feedUrl) as number | undefined;
  if (feedId === undefined) throw new Error(`seedArticles: no feed ${feedUrl}`);
  const topicId = sqlite.prepare("SELECT id FROM topics WHERE name = ?").pluck();
  const insert = sqlite.prepare(
    `INSERT INTO articles (feed_id, canonical_key, title, link, summary, categories, published_at, fetched_at) VALUES (?, ?, ?, ?, '', '[]', ?, ?)`,
  );
  const tag = sqlite.prepare("INSERT INTO article_topics (article_id, topic_id) VALUES (?, ?)");
  sqlite.transaction(() => {
    articles.forEach((article, i) => {
      const id = Number(insert.run(feedId, `seed-${i}-${article.link}`, article.title, article.link, article.publishedAt, fetchedAt).lastInsertRowid);
      for (const name of article.topics) {
        const topic = topicId.get(name) as number | undefined;
        if (topic === undefined) throw new Error(`seedArticles: no topic ${name}`);
        tag.run(id, topic);
      }
    });
  })();
}

export async function waitUntil(condition: () => boolean, timeoutMs: number, what: string | (() => string)): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === "string" ? what : what()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** What a user sees of their digest: how often each expected title and the digest heading appear, over all messages. */
export interface DigestView {
  chatId: number;
  messages: StoredMessage[];
  /** Digest headings ("Your news digest") received. */
  headings: number;
  /** Expected titles never received. */
  missing: string[];
  /** Expected titles received more than once. */
  repeated: string[];
  /** Messages whose exact text arrived more than once. */
  duplicateMessages: number;
}

export function digestView(api: FakeBotApi, chatId: number, titles: readonly string[]): DigestView {
  const messages = api.messages(chatId);
  const text = messages.map((m) => m.plainText).join("\n");
  const count = (needle: string) => text.split(needle).length - 1;
  const texts = messages.map((m) => m.text);
  return {
    chatId,
    messages,
    headings: count("Your news digest"),
    missing: titles.filter((t) => count(t) === 0),
    repeated: titles.filter((t) => count(t) > 1),
    duplicateMessages: texts.length - new Set(texts).size,
  };
}

/** True once the chat has every expected title (the whole digest arrived). */
export function hasWholeDigest(api: FakeBotApi, chatId: number, titles: readonly string[]): boolean {
  return digestView(api, chatId, titles).missing.length === 0;
}

/** The sendMessage calls to a chat, in arrival order. */
export function sendCallsTo(api: FakeBotApi, chatId: number) {
  return api.calls.filter((c) => c.method === "sendMessage" && Number(c.payload.chat_id) === chatId);
}

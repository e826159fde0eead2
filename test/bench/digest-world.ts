/**
 * Seeds a database for the delivery benchmark: catalog topics, one feed, `articles` fresh articles each in one or two
 * topics, and `users` subscribers with `topicsPerUser` topics each, all due for a digest at `now`. Rows go in with
 * prepared statements in one transaction; the seeding is not part of any measured figure.
 */
import type { Db } from "../../src/db/client.js";
import { syncCatalogFeeds } from "../../src/db/feeds.js";
import { listTopics, syncCatalogTopics } from "../../src/db/topics.js";
import { BUILTIN_TOPICS } from "../../src/topics/builtin-topics.js";

export interface DigestWorld {
  users: number;
  topicsPerUser: number;
  articles: number;
  /** The first chat id; users are consecutive from it. */
  firstChatId: number;
}

const WORDS = ["minister", "budget", "talks", "report", "market", "court", "vote", "storm", "deal", "summit", "strike", "plan"];

export function seedDigestWorld(db: Db, world: DigestWorld, now: number): void {
  syncCatalogTopics(db, BUILTIN_TOPICS);
  syncCatalogFeeds(db, [{ url: "https://news.example.com/rss", name: "Example News", topics: [] }], now);
  const topicIds = listTopics(db).map((t) => t.id);
  const sqlite = db.$client;
  const feedId = sqlite.prepare("SELECT id FROM feeds LIMIT 1").pluck().get() as number;
  const insertArticle = sqlite.prepare(
    `INSERT INTO articles (feed_id, canonical_key, title, link, summary, categories, published_at, fetched_at)
     VALUES (?, ?, ?, ?, '', '[]', ?, ?)`,
  );
  const tag = sqlite.prepare("INSERT OR IGNORE INTO article_topics (article_id, topic_id) VALUES (?, ?)");
  const subscriber = sqlite.prepare(
    `INSERT INTO subscribers (chat_id, first_name, timezone, digest_times, next_digest_at, created_at) VALUES (?, 'Reader', 'UTC', '["08:00"]', ?, ?)`,
  );
  const subscribe = sqlite.prepare("INSERT INTO subscriptions (chat_id, topic_id, created_at) VALUES (?, ?, ?)");
  sqlite.transaction(() => {
    for (let i = 0; i < world.articles; i++) {
      const words = `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} <${i}> & more`;
      const id = insertArticle.run(
        feedId,
        `bench-${i}`,
        `Story ${i}: the ${words} as it happened`,
        `https://news.example.com/2026/11/24/story-${i}?from=rss`,
        now - 3_600_000 - i * 1000,
        now - 60_000 - i * 10,
      ).lastInsertRowid as number;
      tag.run(id, topicIds[i % topicIds.length]);
      if (i % 3 === 0) tag.run(id, topicIds[(i * 5 + 1) % topicIds.length]);
    }
    for (let u = 0; u < world.users; u++) {
      const chatId = world.firstChatId + u;
      subscriber.run(chatId, now - 1000, now - 86_400_000);
      for (const topicId of pick(topicIds, world.topicsPerUser, u)) subscribe.run(chatId, topicId, now);
    }
  })();
}

/** `count` different topics for user `u`, the same in every run: a seeded shuffle, so users follow varied sets. */
function pick(topicIds: readonly number[], count: number, u: number): number[] {
  const ids = [...topicIds];
  let seed = (u * 2_654_435_761 + 12_345) >>> 0;
  for (let i = ids.length - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) >>> 0;
    const j = seed % (i + 1);
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids.slice(0, Math.min(count, ids.length));
}

import { and, asc, desc, eq, gt, inArray, notExists, sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { articles, articleTopics, deliveries, feeds, outbox, subscribers } from "./schema.js";

/** A fresh article for a digest, with the subscriber's topics it matched. */
export interface DigestCandidate {
  id: number;
  title: string;
  link: string | null;
  source: string;
  publishedAt: number;
  topicId: number;
}

/** Articles in the topics that arrived after `since` and that the chat has not received before; one row per (article, topic). */
export function digestCandidates(db: Db, chatId: number, topicIds: readonly number[], since: number): DigestCandidate[] {
  if (topicIds.length === 0) return [];
  return db
    .select({
      id: articles.id,
      title: articles.title,
      link: articles.link,
      source: sql<string>`coalesce(${feeds.name}, ${feeds.url})`,
      publishedAt: articles.publishedAt,
      topicId: articleTopics.topicId,
    })
    .from(articleTopics)
    .innerJoin(articles, eq(articles.id, articleTopics.articleId))
    .innerJoin(feeds, eq(feeds.id, articles.feedId))
    .where(
      and(
        inArray(articleTopics.topicId, [...topicIds]),
        gt(articles.fetchedAt, since),
        notExists(db.select({ one: sql`1` }).from(deliveries).where(and(eq(deliveries.chatId, chatId), eq(deliveries.articleId, articles.id)))),
      ),
    )
    .orderBy(desc(articles.publishedAt), asc(articles.id))
    .all();
}

export interface ComposedDigest {
  chatId: number;
  messages: { text: string; replyMarkup?: unknown }[];
  articleIds: readonly number[];
}

/**
 * Commits a composed digest in one transaction: its messages into the outbox, its articles as delivered to the chat,
 * and the chat's digest times moved on. Either all of it happens or none.
 */
export function commitDigest(db: Db, digest: ComposedDigest, now: number, nextDigestAt?: number): void {
  db.transaction(() => {
    for (const message of digest.messages) {
      db.insert(outbox)
        .values({ chatId: digest.chatId, text: message.text, replyMarkup: message.replyMarkup ?? null, nextAttemptAt: now, createdAt: now })
        .run();
    }
    for (const articleId of digest.articleIds) {
      db.insert(deliveries).values({ chatId: digest.chatId, articleId, deliveredAt: now }).onConflictDoNothing().run();
    }
    const schedule = nextDigestAt === undefined ? {} : { nextDigestAt };
    db.update(subscribers)
      .set({ lastDigestAt: now, ...schedule })
      .where(eq(subscribers.chatId, digest.chatId))
      .run();
  });
}

/** Moves a chat's next digest without sending one (nothing new). */
export function skipDigest(db: Db, chatId: number, nextDigestAt: number): void {
  db.update(subscribers).set({ nextDigestAt }).where(eq(subscribers.chatId, chatId)).run();
}

import { pruneArticles } from "./articles.js";
import type { Db } from "./client.js";
import { pruneDeliveries } from "./deliveries.js";
import { pruneOutbox } from "./outbox.js";
import { forgetIndexed } from "./search-index.js";
import { pruneSearches } from "./search.js";

export interface RetentionPolicy {
  /** Articles fetched, and digests delivered, before this are deleted (ARTICLE_RETENTION_DAYS). */
  articlesBefore: number;
  /** Sent messages and saved searches older than this are deleted. */
  messagesBefore: number;
}

/** Deletes what is past its retention; an article leaves the search index in the same transaction. */
export function pruneOld(db: Db, policy: RetentionPolicy): { articles: number; messages: number; deliveries: number; searches: number } {
  const articles = db.$client.transaction(() => {
    forgetIndexed(db, policy.articlesBefore);
    return pruneArticles(db, policy.articlesBefore);
  })();
  const searches = pruneSearches(db, policy.messagesBefore);
  const messages = pruneOutbox(db, policy.messagesBefore);
  const deliveries = pruneDeliveries(db, policy.articlesBefore);
  return { articles, messages, deliveries, searches };
}

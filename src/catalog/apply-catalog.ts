import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import { syncCatalogFeeds } from "../db/feeds.js";
import { listTopics, matchStoredArticles, syncCatalogTopics } from "../db/topics.js";
import type { Catalog } from "./load-catalog.js";

/** Brings the database in line with the catalog: its topics (stored articles matched again where a list changed), then its feeds. */
export function applyCatalog(db: Db, catalog: Catalog, now: number, log: Logger): void {
  const changedTopics = new Set(syncCatalogTopics(db, catalog.topics));
  if (changedTopics.size > 0) {
    const linked = matchStoredArticles(db, listTopics(db).filter((t) => changedTopics.has(t.id)));
    log.info({ topics: changedTopics.size, linked }, "catalog topics changed; stored articles matched again");
  }
  syncCatalogFeeds(db, catalog.feeds, now);
}

import { asc, eq, notInArray } from "drizzle-orm";
import type { TopicDefinition } from "../topics/builtin-topics.js";
import type { Db } from "./client.js";
import { topics, type Topic } from "./schema.js";

/** Makes the active topics exactly the catalog's; a topic that leaves the catalog is deactivated, not deleted, so subscriptions to it survive. */
export function syncCatalogTopics(db: Db, definitions: readonly TopicDefinition[]): void {
  db.transaction((tx) => {
    for (const t of definitions) {
      const values = { name: t.name, categories: t.categories, keywords: t.keywords, exclude: t.exclude ?? [], active: true };
      tx.insert(topics).values(values).onConflictDoUpdate({ target: topics.name, set: values }).run();
    }
    tx.update(topics)
      .set({ active: false })
      .where(notInArray(topics.name, definitions.map((t) => t.name)))
      .run();
  });
}

/** The topics users can pick, in catalog order. */
export function listTopics(db: Db): Topic[] {
  return db.select().from(topics).where(eq(topics.active, true)).orderBy(asc(topics.id)).all();
}

export function getTopic(db: Db, id: number): Topic | undefined {
  return db.select().from(topics).where(eq(topics.id, id)).get();
}

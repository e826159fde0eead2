import type { ConversationData, VersionedState, VersionedStateStorage } from "@grammyjs/conversations";
import { eq } from "drizzle-orm";
import type { Db } from "./client.js";
import { conversationState } from "./schema.js";

/** Keeps running conversations in SQLite, so a restart in the middle of /settings does not lose the user's place. */
export function conversationStorage(db: Db): VersionedStateStorage<string, ConversationData> {
  return {
    read(key) {
      const row = db.select().from(conversationState).where(eq(conversationState.key, key)).get();
      return row ? (JSON.parse(row.value) as VersionedState<ConversationData>) : undefined;
    },
    write(key, state) {
      const value = JSON.stringify(state);
      const updatedAt = Date.now();
      db.insert(conversationState).values({ key, value, updatedAt }).onConflictDoUpdate({ target: conversationState.key, set: { value, updatedAt } }).run();
    },
    delete(key) {
      db.delete(conversationState).where(eq(conversationState.key, key)).run();
    },
  };
}

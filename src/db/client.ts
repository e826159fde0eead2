import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema.js";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface DatabaseHandle {
  db: Db;
  close(): void;
}

/** Pages of write-ahead log after which a commit checkpoints it; off while the checkpoint thread runs (checkpointer.ts). */
export const AUTOCHECKPOINT_PAGES = 10_000;

const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../migrations", import.meta.url));

/** Opens (creating if needed) the SQLite file, applies migrations, and returns the Drizzle handle. */
export function openDatabase(path: string): DatabaseHandle {
  try {
    return open(path);
  } catch (error) {
    // drizzle wraps SQLite's error in one that quotes the whole migration query: the cause is what an operator needs.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    throw new Error(`cannot open the database ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause: error });
  }
}

function open(path: string): DatabaseHandle {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  let db: Db;
  try {
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("cache_size = -32000");
    sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    db = drizzle({ client: sqlite, schema });
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (error) {
    sqlite.close();
    throw error;
  }
  let closed = false;
  return {
    db,
    close() {
      if (closed) return;
      closed = true;
      sqlite.close();
    },
  };
}

/** Memoises per database what `build` makes from it (prepared statements for the hot paths). */
export function perDatabase<T>(build: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<Db, T>();
  return (db) => {
    let value = made.get(db);
    if (value === undefined) made.set(db, (value = build(db)));
    return value;
  };
}

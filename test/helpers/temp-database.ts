import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";

export interface TempDatabase {
  database: DatabaseHandle;
  /** The SQLite file. */
  file: string;
  /** Closes the database and deletes its folder. */
  close(): void;
}

/** The app's database, migrated, in a new temporary folder. */
export function openTempDatabase(prefix: string): TempDatabase {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dir, "test.db");
  const database = openDatabase(file);
  return {
    database,
    file,
    close() {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

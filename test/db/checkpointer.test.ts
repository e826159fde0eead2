import Database from "better-sqlite3";
import { statSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startCheckpointer } from "../../src/db/checkpointer.js";
import { AUTOCHECKPOINT_PAGES, type DatabaseHandle } from "../../src/db/client.js";
import { createLogger } from "../../src/logger.js";
import { openTempDatabase, type TempDatabase } from "../helpers/temp-database.js";

describe("When WAL checkpoints run on their own thread", () => {
  let temp: TempDatabase;
  let file: string;
  let database: DatabaseHandle;
  const logs: string[] = [];
  beforeEach(() => {
    temp = openTempDatabase("checkpointer-");
    file = temp.file;
    database = temp.database;
    database.db.$client.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
  });
  afterEach(() => {
    temp.close();
  });

  it("then what the app commits reaches the database file without the app checkpointing, and stop ends the thread", async () => {
    const insert = database.db.$client.prepare("INSERT INTO notes (text) VALUES (?)");
    database.db.$client.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`note ${i} ${"x".repeat(200)}`);
    })();
    const before = statSync(file).size;
    database.db.$client.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    const checkpointer = startCheckpointer(file, createLogger("warn", [], (line) => logs.push(line)), { intervalMs: 20, connection: database.db.$client });
    // While the thread runs, no commit of the app's checkpoints (SQLite's automatic checkpoint blocks the committer).
    expect(database.db.$client.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    const deadline = Date.now() + 5000;
    while (statSync(file).size <= before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await checkpointer.stop();
    expect(statSync(file).size).toBeGreaterThan(before + 2000 * 200);
    // Stopped, it leaves checkpoints to SQLite again.
    expect(database.db.$client.pragma("wal_autocheckpoint", { simple: true })).toBe(AUTOCHECKPOINT_PAGES);
    // The app's connection still reads and writes as before.
    insert.run("after");
    expect(database.db.$client.prepare("SELECT count(*) FROM notes").pluck().get()).toBe(2001);
    expect(logs).toEqual([]);
  });

  it("then while a reader keeps the thread from copying the log back, the app's own checkpoints come back on, and go off once it can", async () => {
    const insert = database.db.$client.prepare("INSERT INTO notes (text) VALUES (?)");
    const checkpointer = startCheckpointer(file, createLogger("warn", [], (line) => logs.push(line)), { intervalMs: 20, connection: database.db.$client, behindPages: 50 });
    const autocheckpoint = () => database.db.$client.pragma("wal_autocheckpoint", { simple: true });
    const until = async (wanted: number) => {
      const deadline = Date.now() + 5000;
      while (autocheckpoint() !== wanted && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    // Another connection reading an old snapshot: a PASSIVE checkpoint cannot copy what was written after it.
    const reader = new Database(file);
    try {
      reader.exec("BEGIN");
      reader.prepare("SELECT count(*) FROM notes").get();
      database.db.$client.transaction(() => {
        for (let i = 0; i < 2000; i++) insert.run(`note ${i} ${"x".repeat(200)}`);
      })();
      await until(AUTOCHECKPOINT_PAGES);
      expect(autocheckpoint()).toBe(AUTOCHECKPOINT_PAGES);
      expect(logs.join("\n")).toContain("keeps growing");
      reader.exec("COMMIT");
      await until(0);
      expect(autocheckpoint()).toBe(0);
    } finally {
      reader.close();
      await checkpointer.stop();
    }
  });
});

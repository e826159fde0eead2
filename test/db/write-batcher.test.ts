import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import { createWriteBatcher } from "../../src/db/write-batcher.js";
import { openTempDatabase, type TempDatabase } from "../helpers/temp-database.js";

describe("When writes are batched into shared commits", () => {
  let temp: TempDatabase;
  let database: DatabaseHandle;
  beforeEach(() => {
    temp = openTempDatabase("write-batcher-");
    database = temp.database;
    database.db.$client.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
  });
  afterEach(() => {
    temp.close();
  });

  const insert = (text: string) => () => database.db.$client.prepare("INSERT INTO notes (text) VALUES (?)").run(text).lastInsertRowid;
  const notes = () => database.db.$client.prepare("SELECT text FROM notes ORDER BY id").pluck().all();
  // A second connection sees only what was committed.
  const committedNotes = () => {
    const other = openDatabase(temp.file);
    try {
      return other.db.$client.prepare("SELECT text FROM notes ORDER BY id").pluck().all();
    } finally {
      other.close();
    }
  };

  it("then a job that throws is rolled back alone and the others commit", async () => {
    const writes = createWriteBatcher(database.db, { maxJobs: 3, maxDelayMs: 1000 });
    const results = await Promise.allSettled([
      writes.run(insert("a")),
      writes.run(() => {
        insert("half-written")();
        throw new Error("bad feed");
      }),
      writes.run(insert("c")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toHaveProperty("message", "bad feed");
    expect(committedNotes()).toEqual(["a", "c"]);
  });

  it("then nothing is committed before the batch is full or its delay has passed", async () => {
    const writes = createWriteBatcher(database.db, { maxJobs: 10, maxDelayMs: 30 });
    const first = writes.run(insert("a"));
    expect(committedNotes()).toEqual([]);
    const second = writes.run(insert("b"));
    await expect(Promise.all([first, second])).resolves.toHaveLength(2);
    expect(committedNotes()).toEqual(["a", "b"]);
  });

  it("then flush commits what is queued at once", async () => {
    const writes = createWriteBatcher(database.db, { maxJobs: 10, maxDelayMs: 60_000 });
    const pending = writes.run(insert("now"));
    writes.flush();
    await expect(pending).resolves.toBe(1);
    expect(notes()).toEqual(["now"]);
  });

  it("then light jobs share a commit until their weights add up to a full batch", async () => {
    const writes = createWriteBatcher(database.db, { maxJobs: 2, maxDelayMs: 60_000 });
    const light = [1, 2, 3].map((n) => writes.run(insert(`light ${n}`), 0.5));
    expect(committedNotes()).toEqual([]);
    const last = writes.run(insert("light 4"), 0.5);
    await Promise.all([...light, last]);
    expect(committedNotes()).toEqual(["light 1", "light 2", "light 3", "light 4"]);
  });

  it("then a job whose error loses the whole transaction (a full disk) fails alone and the others are written", async () => {
    const writes = createWriteBatcher(database.db, { maxJobs: 3, maxDelayMs: 1000 });
    const pages = database.db.$client.pragma("page_count", { simple: true }) as number;
    database.db.$client.pragma(`max_page_count = ${pages + 3}`);
    const results = await Promise.allSettled([writes.run(insert("a")), writes.run(insert("x".repeat(200_000))), writes.run(insert("c"))]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toHaveProperty("code", "SQLITE_FULL");
    expect(committedNotes()).toEqual(["a", "c"]);
  });

  it("then a commit that fails rejects every job of the batch", async () => {
    const writes = createWriteBatcher(database.db, { maxJobs: 2, maxDelayMs: 1000 });
    database.db.$client.exec("CREATE TABLE parents (id INTEGER PRIMARY KEY); CREATE TABLE children (parent INTEGER REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED)");
    // A deferred foreign key is checked at COMMIT, so the batch's commit itself fails.
    const results = await Promise.allSettled([writes.run(insert("x")), writes.run(() => database.db.$client.exec("INSERT INTO children VALUES (42)"))]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(database.db.$client.inTransaction).toBe(false);
    expect(committedNotes()).toEqual([]);
    await writes.run(insert("after"));
    expect(committedNotes()).toEqual(["after"]);
  });
});

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import { commitDigest, deliveredSince } from "../../src/db/deliveries.js";
import { countByStatus, enqueueMessage, pendingAfter } from "../../src/db/outbox.js";

const MIGRATIONS = fileURLToPath(new URL("../../migrations", import.meta.url));
const DIGEST_STORAGE = "0003_digest_storage";

interface Journal {
  entries: { tag: string }[];
}

/** Builds the database as a bot released before 0003 left it: migrations 0000–0002 only. */
function createBefore0003(dir: string, path: string): void {
  const folder = join(dir, "migrations-before-0003");
  cpSync(MIGRATIONS, folder, { recursive: true });
  rmSync(join(folder, `${DIGEST_STORAGE}.sql`));
  const journalPath = join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as Journal;
  const index = journal.entries.findIndex((e) => e.tag === DIGEST_STORAGE);
  expect(index).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, index);
  writeFileSync(journalPath, JSON.stringify(journal));

  const sqlite = new Database(path);
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    migrate(drizzle({ client: sqlite }), { migrationsFolder: folder });
    expect(sqlite.prepare("SELECT count(*) FROM __drizzle_migrations").pluck().get()).toBe(3);
    const insertSubscriber = sqlite.prepare("INSERT INTO subscribers (chat_id, first_name, next_digest_at, created_at) VALUES (?, ?, ?, ?)");
    insertSubscriber.run(42, "Ada", 50_000, 1_000);
    insertSubscriber.run(-100, null, 60_000, 1_000);
    sqlite.prepare("INSERT INTO feeds (id, url, created_at) VALUES (1, 'https://news.example/rss', 1000)").run();
    const insertArticle = sqlite.prepare("INSERT INTO articles (id, feed_id, title, published_at, fetched_at) VALUES (?, 1, ?, ?, ?)");
    for (const id of [1, 2, 3, 4]) insertArticle.run(id, `Story ${id}`, 1_000 + id, 2_000 + id);

    const insertOutbox = sqlite.prepare(
      `INSERT INTO outbox (id, chat_id, text, reply_markup, status, attempts, next_attempt_at, last_error, created_at, sent_at)
       VALUES (@id, @chatId, @text, @replyMarkup, @status, @attempts, @nextAttemptAt, @lastError, @createdAt, @sentAt)`,
    );
    for (const row of OLD_OUTBOX) insertOutbox.run(row);

    const insertDelivery = sqlite.prepare("INSERT INTO deliveries (chat_id, article_id, delivered_at) VALUES (?, ?, ?)");
    // Chat 42 got one digest of articles 1, 2 and 3 at 10 000, and one of article 4 at 20 000; the group one at 10 000.
    insertDelivery.run(42, 1, 10_000);
    insertDelivery.run(42, 2, 10_000);
    insertDelivery.run(42, 3, 10_000);
    insertDelivery.run(42, 4, 20_000);
    insertDelivery.run(-100, 1, 10_000);
  } finally {
    sqlite.close();
  }
}

const MARKUP = { inline_keyboard: [[{ text: "More", callback_data: "more:1" }]] };

const OLD_OUTBOX = [
  { id: 1, chatId: 42, text: "<b>Digest</b> one", replyMarkup: JSON.stringify(MARKUP), status: "sent", attempts: 1, nextAttemptAt: 10_000, lastError: null, createdAt: 10_000, sentAt: 10_500 },
  { id: 2, chatId: 42, text: "Digest two", replyMarkup: null, status: "pending", attempts: 2, nextAttemptAt: 31_000, lastError: "502 Bad Gateway", createdAt: 20_000, sentAt: null },
  { id: 5, chatId: -100, text: "Group digest", replyMarkup: JSON.stringify(MARKUP), status: "pending", attempts: 0, nextAttemptAt: 10_000, lastError: null, createdAt: 10_000, sentAt: null },
  { id: 6, chatId: 42, text: "Digest two", replyMarkup: null, status: "dropped", attempts: 1, nextAttemptAt: 9_000, lastError: "400 Bad Request", createdAt: 9_000, sentAt: null },
];

/** Every migration the project has, from drizzle's journal: opening a database applies them all, each once. */
const ALL_MIGRATIONS = (JSON.parse(readFileSync(fileURLToPath(new URL("../../migrations/meta/_journal.json", import.meta.url)), "utf8")) as { entries: unknown[] }).entries.length;

describe("When a database from before digest storage (migration 0003) is opened", () => {
  let dir: string;
  let path: string;
  let database: DatabaseHandle;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "migrations-"));
    path = join(dir, "bot.db");
    createBefore0003(dir, path);
    database = openDatabase(path);
  });
  afterEach(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sqlite = () => database.db.$client;

  it("then it has the new tables, every migration recorded once, no broken foreign key", () => {
    const columns = (table: string) => (sqlite().prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    expect(columns("outbox")).toContain("body_id");
    expect(columns("outbox")).not.toContain("text");
    expect(columns("deliveries")).toEqual(["id", "chat_id", "delivered_at", "article_ids", "last_body_id", "expanded"]);
    expect(columns("message_bodies")).toEqual(["id", "hash", "text", "reply_markup", "created_at", "more"]);
    expect(sqlite().prepare("SELECT count(*) FROM __drizzle_migrations").pluck().get()).toBe(ALL_MIGRATIONS);
    expect(sqlite().pragma("foreign_key_check")).toEqual([]);
    expect(sqlite().pragma("integrity_check", { simple: true })).toBe("ok");
  });

  it("then every outbox row keeps its id, chat, status, attempts, times and error, and its text and markup through message_bodies", () => {
    const rows = sqlite()
      .prepare(
        `SELECT o.id, o.chat_id AS chatId, b.text, b.reply_markup AS replyMarkup, o.status, o.attempts, o.next_attempt_at AS nextAttemptAt,
                o.last_error AS lastError, o.created_at AS createdAt, o.sent_at AS sentAt
         FROM outbox o JOIN message_bodies b ON b.id = o.body_id ORDER BY o.id`,
      )
      .all();
    expect(rows).toEqual(OLD_OUTBOX);
  });

  it("then the sender reads the pending messages as before, markup parsed", () => {
    expect(pendingAfter(database.db, 0, 10)).toEqual([
      { id: 2, chatId: 42, text: "Digest two", replyMarkup: null, attempts: 2, nextAttemptAt: 31_000 },
      { id: 5, chatId: -100, text: "Group digest", replyMarkup: MARKUP, attempts: 0, nextAttemptAt: 10_000 },
    ]);
    expect(countByStatus(database.db)).toEqual({ sent: 1, pending: 2, dropped: 1 });
  });

  it("then deliveries become one row per digest: per chat and delivery time, with the digest's article ids", () => {
    const rows = (
      sqlite().prepare("SELECT chat_id AS chatId, delivered_at AS deliveredAt, article_ids AS articleIds FROM deliveries").all() as {
        chatId: number;
        deliveredAt: number;
        articleIds: string;
      }[]
    )
      .map((r) => ({ ...r, articleIds: (JSON.parse(r.articleIds) as number[]).sort((a, b) => a - b) }))
      .sort((a, b) => a.chatId - b.chatId || a.deliveredAt - b.deliveredAt);
    expect(rows).toEqual([
      { chatId: -100, deliveredAt: 10_000, articleIds: [1] },
      { chatId: 42, deliveredAt: 10_000, articleIds: [1, 2, 3] },
      { chatId: 42, deliveredAt: 20_000, articleIds: [4] },
    ]);
    expect([...deliveredSince(database.db, 42, 0)].sort()).toEqual([1, 2, 3, 4]);
    // A digest at `since` itself counts: it was the chat's previous digest.
    expect([...deliveredSince(database.db, 42, 10_000)].sort()).toEqual([1, 2, 3, 4]);
    expect([...deliveredSince(database.db, 42, 10_001)]).toEqual([4]);
    expect([...deliveredSince(database.db, -100, 0)]).toEqual([1]);
  });

  it("then new messages are queued after the carried-over ones and read back by the sender", () => {
    enqueueMessage(database.db, 42, "Digest two", 40_000);
    enqueueMessage(database.db, -100, "Welcome", 40_001);
    const fresh = pendingAfter(database.db, 6, 10);
    expect(fresh.map(({ chatId, text, replyMarkup, attempts }) => ({ chatId, text, replyMarkup, attempts }))).toEqual([
      { chatId: 42, text: "Digest two", replyMarkup: null, attempts: 0 },
      { chatId: -100, text: "Welcome", replyMarkup: null, attempts: 0 },
    ]);
    expect(fresh[0]!.id).toBeGreaterThan(6);
    expect(fresh[1]!.id).toBeGreaterThan(fresh[0]!.id);
    // The old rows' texts are untouched by the new ones.
    expect(pendingAfter(database.db, 0, 2).map((m) => m.text)).toEqual(["Digest two", "Group digest"]);
  });

  it("then a digest can be committed: its messages queued, its articles recorded as one delivery, the chat's times moved", () => {
    commitDigest(
      database.db,
      { chatId: 42, messages: [{ text: "New digest", replyMarkup: MARKUP }, { text: "Page two" }], articleIds: [4, 3] },
      50_000,
      90_000,
    );
    expect(
      pendingAfter(database.db, 6, 10).map(({ chatId, text, replyMarkup }) => ({ chatId, text, replyMarkup })),
    ).toEqual([
      { chatId: 42, text: "New digest", replyMarkup: MARKUP },
      { chatId: 42, text: "Page two", replyMarkup: null },
    ]);
    expect(sqlite().prepare("SELECT article_ids FROM deliveries WHERE chat_id = 42 AND delivered_at = 50000").pluck().all()).toEqual(["[4,3]"]);
    expect([...deliveredSince(database.db, 42, 20_000)].sort()).toEqual([3, 4]);
    expect(sqlite().prepare("SELECT last_digest_at AS last, next_digest_at AS next FROM subscribers WHERE chat_id = 42").get()).toEqual({
      last: 50_000,
      next: 90_000,
    });
  });

  it("then opening it again applies nothing twice and keeps the carried-over rows", () => {
    database.close();
    database = openDatabase(path);
    expect(sqlite().prepare("SELECT count(*) FROM __drizzle_migrations").pluck().get()).toBe(ALL_MIGRATIONS);
    expect(sqlite().prepare("SELECT count(*) FROM outbox").pluck().get()).toBe(OLD_OUTBOX.length);
    expect(sqlite().prepare("SELECT count(*) FROM deliveries").pluck().get()).toBe(3);
  });
});

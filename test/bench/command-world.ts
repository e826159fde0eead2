/**
 * The commands benchmark's database: a month of a 500-feed catalog (750,000 articles over 30 days, month-of-news.ts),
 * linked to the catalog's topics and to 10,000 users' own topics as the store path links them (one TopicMatcher over
 * both), the search index filled by the app's own indexer, and 600 chats whose morning digests the app's composer
 * has just put in the outbox, waiting to be sent. (Composing them takes minutes at this size, see World.composeS:
 * it is done once here rather than in every run.)
 *
 * Building takes a quarter of an hour, so the file is kept under os.tmpdir(), keyed by WORLD_VERSION, the migrations
 * and what the search index holds (a change to either builds a new one); `--rebuild` builds it again. Each run works
 * on a copy, so runs start alike.
 */
import { createHash } from "node:crypto";
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";
import { openDatabase } from "../../src/db/client.js";
import { composeDueDigests } from "../../src/digests/run-due-digests.js";
import { syncCatalogFeeds } from "../../src/db/feeds.js";
import { indexPending } from "../../src/db/search-index.js";
import { listTopics, syncCatalogTopics } from "../../src/db/topics.js";
import { canonicalKey, identityHash } from "../../src/feeds/identity.js";
import { createLogger } from "../../src/logger.js";
import { BUILTIN_TOPICS } from "../../src/topics/builtin-topics.js";
import { TopicMatcher, type TopicRule } from "../../src/topics/matcher.js";
import { formatRule, parseRule } from "../../src/topics/rule.js";
import { foldText } from "../../src/topics/text.js";
import { int, LANGUAGES, newsFeed, NewsWriter, pick, seeded, userRule, type Language, type NewsFeed } from "./month-of-news.js";

/** Bump when the generator changes what it writes. */
const WORLD_VERSION = 4;

export const ARTICLES = 750_000;
export const FEEDS = 500;
export const OWN_TOPICS = 10_000;
export const DAYS = 30;
/** Chats 0–399 have 20 topics of their own (MAX_OWN_TOPICS), 400–599 have 10. */
export const CHATS = 600;
const FULL_CHATS = 400;
export const FIRST_CHAT_ID = 100_001;
/** The world's "now": the chats' 08:00 digest is due, the newest article a minute old. */
export const WORLD_NOW = Date.UTC(2026, 11, 1, 8, 0);

const HOUR = 3_600_000;
const POLL_MS = 10 * 60_000;

export interface World {
  /** The database file to copy for a run; never written by a run. */
  file: string;
  catalogFile: string;
  now: number;
  articles: number;
  ownTopics: number;
  /** Digests composed, the messages they make, and how long composeDueDigests took for them. */
  digests: number;
  messages: number;
  composeS: number;
  /** Seconds the build took, when this run built it. */
  builtInS?: number;
}

/** The chat of index `i` (0 … CHATS-1) and the language its users write in. */
export function chatId(i: number): number {
  return FIRST_CHAT_ID + i;
}

export function chatLanguage(i: number): Language {
  return LANGUAGES[i % LANGUAGES.length]!;
}

/** Opens the cached world, building it first when there is none for this version (or when asked to). */
export function loadWorld(options: { rebuild: boolean; log: (line: string) => void }): World {
  const dir = join(tmpdir(), "news-digest-bench-commands", worldKey());
  const file = join(dir, "world.db");
  const catalogFile = join(dir, "catalog.yaml");
  const metaFile = join(dir, "world.json");
  if (options.rebuild) rmSync(dir, { recursive: true, force: true });
  if (existsSync(metaFile) && existsSync(file)) return { file, catalogFile, ...(JSON.parse(readFileSync(metaFile, "utf8")) as Omit<World, "file" | "catalogFile">) };

  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const building = join(dir, "building.db");
  rmSync(building, { force: true });
  writeFileSync(catalogFile, catalogYaml());
  const counts = buildWorld(building, options.log);
  renameSync(building, file);
  const meta = { now: WORLD_NOW, ...counts };
  writeFileSync(metaFile, JSON.stringify(meta));
  return { file, catalogFile, ...meta, builtInS: (performance.now() - started) / 1000 };
}

/**
 * A copy of the world for one run, beside it (the same disk, so the copy is quick), on disk before the run begins: the
 * kernel writing back a gigabyte of fresh copy meanwhile made every checkpoint's fsync wait hundreds of milliseconds.
 */
export function copyWorld(world: World): { file: string; remove(): void } {
  const file = world.file.replace(/world\.db$/, `run-${process.pid}.db`);
  copyFileSync(world.file, file);
  const fd = openSync(file, "r+");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return {
    file,
    remove: () => {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
    },
  };
}

/** The schema (migrations) and what the search index holds of an article (text.ts's folding, rule.ts's ftsDocument) decide the file. */
function worldKey(): string {
  const migrations = fileURLToPath(new URL("../../migrations", import.meta.url));
  const hash = createHash("sha256").update(`world ${WORLD_VERSION}`);
  for (const name of readdirSync(migrations).filter((n) => n.endsWith(".sql")).sort()) hash.update(name).update(readFileSync(join(migrations, name)));
  for (const source of ["../../src/topics/text.ts", "../../src/topics/rule.ts"]) hash.update(readFileSync(fileURLToPath(new URL(source, import.meta.url))));
  return `v${WORLD_VERSION}-${hash.digest("hex").slice(0, 12)}`;
}

const feeds: NewsFeed[] = Array.from({ length: FEEDS }, (_, i) => newsFeed(i));

/** The catalog of the world: its 500 feeds and the built-in topics as they were when it was built. */
function catalogYaml(): string {
  return stringify({
    feeds: feeds.map((f) => ({ url: f.url, name: f.name, ...(f.section ? { topics: [f.section] } : {}) })),
    topics: BUILTIN_TOPICS.map((t) => ({ name: t.name, categories: t.categories, keywords: t.keywords, exclude: t.exclude ?? [] })),
  });
}

function buildWorld(file: string, log: (line: string) => void): Pick<World, "articles" | "ownTopics" | "digests" | "messages" | "composeS"> {
  const database = openDatabase(file);
  const { db } = database;
  const sqlite = db.$client;
  try {
    const created = WORLD_NOW - 40 * 86_400_000;
    syncCatalogTopics(db, BUILTIN_TOPICS);
    syncCatalogFeeds(db, feeds.map((f) => ({ url: f.url, name: f.name, topics: f.section ? [f.section] : [] })), created);
    // Every feed was polled a minute ago and is not due again during a run: the benchmark measures commands.
    sqlite.prepare(`UPDATE feeds SET etag = '"e"', last_polled_at = ?, last_success_at = ?, next_check_at = ?, poll_count = 4320`).run(WORLD_NOW - 60_000, WORLD_NOW - 60_000, WORLD_NOW + 3650 * 86_400_000);
    const feedIds = new Map((sqlite.prepare("SELECT url, id FROM feeds").all() as { url: string; id: number }[]).map((r) => [r.url, r.id]));
    const catalog = listTopics(db);

    log(`building the commands benchmark's world: ${CHATS} chats, ${OWN_TOPICS.toLocaleString("en-US")} own topics`);
    const rules = seedChats(db, created, catalog.map((t) => t.id));
    const matcher = new TopicMatcher([...catalog, ...rules]);

    log(`  ${ARTICLES.toLocaleString("en-US")} articles over ${DAYS} days…`);
    const insertArticle = sqlite.prepare(
      "INSERT INTO articles (feed_id, canonical_key, title, link, summary, categories, published_at, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const seen = sqlite.prepare("INSERT INTO seen_items (feed_id, identity, seen_at) VALUES (?, ?, ?)");
    const link = sqlite.prepare("INSERT INTO article_topics (article_id, topic_id) VALUES (?, ?)");
    const source = sqlite.prepare("INSERT OR IGNORE INTO article_sources (article_id, feed_id, seen_at) VALUES (?, ?, ?)");
    const rng = seeded(2026_12_01, 0);
    const writers = new Map(LANGUAGES.map((language, i) => [language, new NewsWriter(seeded(1000, i), language)]));
    // Some feeds publish far more than others.
    const feedWeights = feeds.map(() => 0.3 + rng() * rng() * 4);
    const totalWeight = feedWeights.reduce((a, b) => a + b, 0);
    const pickFeed = () => {
      let target = rng() * totalWeight;
      for (let i = 0; i < FEEDS; i++) if ((target -= feedWeights[i]!) < 0) return feeds[i]!;
      return feeds[FEEDS - 1]!;
    };
    const first = WORLD_NOW - DAYS * 86_400_000 + HOUR;
    const span = WORLD_NOW - 60_000 - first;
    const recentIds: number[] = [];
    let stored = 0;
    let item = 0;
    const started = performance.now();
    while (stored < ARTICLES) {
      sqlite.transaction(() => {
        for (let n = 0; n < 5000 && stored < ARTICLES; n++, item++) {
          const feed = pickFeed();
          const feedId = feedIds.get(feed.url)!;
          // Polled every ten minutes, feeds in turn; items were published up to an hour and a half before.
          const fetchedAt = first + Math.floor((stored / ARTICLES) * span / POLL_MS) * POLL_MS + (feed.index % 300) * 1000;
          const publishedAt = fetchedAt - int(rng, 1, 90) * 60_000;
          const linkUrl = `${feed.url.replace(/\/rss\/.*$/, "")}/news/${item}`;
          seen.run(feedId, identityHash(linkUrl), fetchedAt);
          // One item in fifty is a story another feed carried already (the same link): a source, not an article.
          if (recentIds.length > 100 && rng() < 0.02) {
            source.run(pick(rng, recentIds), feedId, fetchedAt);
            continue;
          }
          const article = writers.get(feed.language)!.article(feed);
          const id = Number(insertArticle.run(feedId, canonicalKey(linkUrl), article.title, linkUrl, article.summary, JSON.stringify(article.categories), publishedAt, fetchedAt).lastInsertRowid);
          for (const topicId of matcher.match(article, feed.section ? [feed.section] : [])) link.run(id, topicId);
          if (recentIds.length >= 500) recentIds.splice(0, 250);
          recentIds.push(id);
          stored++;
        }
      })();
      if (stored % 100_000 < 5000) log(`    ${stored.toLocaleString("en-US")} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }

    log("  search index…");
    while (indexPending(db, 50_000) > 0);

    log("  the morning's digests…");
    const composeStarted = performance.now();
    const digests = composeDueDigests(db, WORLD_NOW, createLogger("warn", [], (line) => process.stderr.write(line)), { maxPerTopic: 10 });
    const composeS = (performance.now() - composeStarted) / 1000;
    const messages = sqlite.prepare("SELECT count(*) FROM outbox").pluck().get() as number;
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    return { articles: stored, ownTopics: rules.length, digests: digests.queued, messages, composeS };
  } finally {
    database.close();
  }
}

/**
 * The chats: each follows two to four catalog topics and its own topics (rules in its language, as userRule writes
 * them, each stored in its canonical text as /follow stores it); all are due for their 08:00 digest at WORLD_NOW, the
 * last one a day before.
 */
function seedChats(db: ReturnType<typeof openDatabase>["db"], created: number, catalogIds: readonly number[]): TopicRule[] {
  const sqlite = db.$client;
  const rng = seeded(600, 0);
  const subscriber = sqlite.prepare(
    `INSERT INTO subscribers (chat_id, first_name, timezone, digest_times, last_digest_at, next_digest_at, created_at) VALUES (?, 'Reader', 'UTC', '["08:00"]', ?, ?, ?)`,
  );
  const subscribe = sqlite.prepare("INSERT INTO subscriptions (chat_id, topic_id, created_at) VALUES (?, ?, ?)");
  const topic = sqlite.prepare("INSERT INTO topics (name, rule, owner_chat_id) VALUES (?, ?, ?) RETURNING id").pluck();
  const rules: TopicRule[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < CHATS; i++) {
      const chat = chatId(i);
      subscriber.run(chat, WORLD_NOW - 86_400_000, WORLD_NOW, created);
      const catalog = [...catalogIds].sort(() => rng() - 0.5).slice(0, int(rng, 2, 4));
      for (const id of catalog) subscribe.run(chat, id, created);
      const names = new Set<string>();
      const wanted = i < FULL_CHATS ? 20 : 10;
      while (names.size < wanted) {
        const name = formatRule(parseRule(userRule(rng, chatLanguage(i))));
        if (names.has(foldText(name))) continue;
        names.add(foldText(name));
        const id = topic.get(name, name, chat) as number;
        subscribe.run(chat, id, created);
        rules.push({ id, name, categories: [], keywords: [], rule: name });
      }
    }
  })();
  return rules;
}

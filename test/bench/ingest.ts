/**
 * Ingest benchmark (`npm run bench:ingest`).
 *
 * 500 local feeds of 50 items (corpus.ts), served from 25 loopback hosts by a child process (serve-feeds.ts), are
 * polled through the real pipeline, set up as src/app.ts does: pollDueFeeds with the undici fetcher, the app's worker
 * pool preparing feeds (decodeFeed, parseFeed, TopicMatcher with the built-in topics), storeFeedItems into a SQLite file:
 *   1. first poll: every feed answers 200, all 25,000 items must be stored;
 *   2. re-poll: every feed must answer 304 to the validators stored by the first poll;
 *   3. parse only (after the pipeline, same process): rss-parser's parseString alone over the same decoded documents.
 * The search index catches up after the first poll as in the app, and how long that takes is reported.
 * Then topic-storing.ts: storing the 25,000 items with 15 catalog and 1,000 users' own topics against storing them with
 * no topics (target: within 2×).
 * All three are repeated in `--rounds N` rounds (default 5), each on a new database file, and the medians reported:
 * this machine's speed drifts too much between runs for one pass to mean much.
 * Peak RSS is sampled every 20 ms and compared with the kernel's maxRSS at the end.
 *
 * Prints a table, then one JSON object as the last line. Targets are reported PASS/FAIL and the exit code stays 0;
 * it is 1 only when the pipeline itself misbehaves (a feed fails, an item is missing, a re-poll is not a 304).
 *
 * `--parse-here` prepares feeds on the main thread (prepareHere) instead of in the app's worker pool.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import Parser from "rss-parser";
import { countArticles } from "../../src/db/articles.js";
import { openDatabase } from "../../src/db/client.js";
import { syncCatalogFeeds } from "../../src/db/feeds.js";
import { listTopics, syncCatalogTopics } from "../../src/db/topics.js";
import { createSearchIndexer } from "../../src/db/search-index.js";
import { measureTopicStoring, type TopicStoringResult } from "./topic-storing.js";
import { decodeFeed } from "../../src/feeds/decode.js";
import { createFeedFetcher } from "../../src/feeds/fetch-feed.js";
import { createParsePool } from "../../src/feeds/parse-pool.js";
import { PER_HOST_LIMIT, pollDueFeeds, prepareHere, type FeedPollResult, type PollDeps } from "../../src/feeds/poll-feeds.js";
import { createLogger } from "../../src/logger.js";
import { BUILTIN_TOPICS } from "../../src/topics/builtin-topics.js";
import { TopicMatcher } from "../../src/topics/matcher.js";
import { buildFeed, FEED_COUNT, HOST_COUNT, hostAddress, ITEMS_PER_FEED } from "./corpus.js";
import { startFeedHosts } from "./feed-hosts.js";
import { MB, median, PeakRss, round3, table, verdict, type MemoryReport } from "./report.js";
import type { CorpusStats } from "./serve-feeds.js";

const EXPECTED_ITEMS = FEED_COUNT * ITEMS_PER_FEED;
const BASE_INTERVAL_MS = 600_000;
const CONCURRENCY = 8;
const TARGETS = { pipelineVsParse: 0.6, repollVsFirst: 0.05, peakRssMb: 300, topicsVsNone: 2 };
const PARSE_HERE = process.argv.includes("--parse-here");

interface Timing {
  seconds: number;
  /** User + system CPU seconds of this process, all threads (not the feed servers' child process). */
  cpuSeconds: number;
}

interface Round {
  first: Timing;
  /** Seconds from the end of the first poll until the search index held every article. */
  indexLagS: number;
  repoll: Timing;
  parseOnlyS: number;
}

interface Results {
  stats: CorpusStats;
  topics: number;
  rounds: Round[];
  memory: MemoryReport;
  topicStoring: TopicStoringResult;
}

/**
 * This machine's speed drifts by ±30% from one run to the next, so one pass of each measure says little. Each round
 * repeats all three on a new database file; the figures reported are the medians of the rounds.
 */
const ROUNDS = Number(argValue("--rounds") ?? 5);

async function main(): Promise<void> {
  const memory = new PeakRss();
  const hosts = await startFeedHosts();
  const dir = mkdtempSync(join(tmpdir(), "bench-ingest-"));
  const fetcher = createFeedFetcher({ timeoutMs: 20_000, maxBytes: 10 * MB, userAgent: "NewsDigestBot/bench", allowPrivate: true });
  const log = createLogger("warn", [], (line) => process.stderr.write(line));
  let parsePool: ReturnType<typeof createParsePool> | undefined;
  let results: Results;
  try {
    const rounds: Round[] = [];
    let topicCount = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const database = openDatabase(join(dir, `news-${round}.db`));
      const indexer = createSearchIndexer(database.db, log);
      try {
        const { db } = database;
        syncCatalogTopics(db, BUILTIN_TOPICS);
        syncCatalogFeeds(db, hosts.feeds, Date.now());
        const topics = listTopics(db);
        topicCount = topics.length;
        // One pool for the whole run, as the app keeps one for its lifetime; its rules are the same in every round.
        parsePool ??= PARSE_HERE ? undefined : createParsePool(topics, log);
        const deps: PollDeps = {
          db,
          fetcher,
          prepare: parsePool ? parsePool.prepare : prepareHere(new TopicMatcher(topics)),
          log,
          concurrency: CONCURRENCY,
          baseIntervalMs: BASE_INTERVAL_MS,
          now: Date.now,
          force: true,
        };

        // The app starts its workers before its first poll too; loading them is not part of a poll.
        await parsePool?.ready();
        memory.enter(`first poll ${round}`);
        const first = await timed(() => pollDueFeeds(deps));
        // As the app does, the search index catches up after the poll.
        indexer.catchUp();
        expectEvery(first.value, "stored", "first poll");
        const stored = countArticles(db);
        if (stored !== EXPECTED_ITEMS) throw new Error(`the first poll stored ${stored} articles, expected ${EXPECTED_ITEMS}`);
        const behind = db.$client.prepare("SELECT (SELECT max(id) FROM articles) > (SELECT coalesce(max(rowid), 0) FROM articles_fts)").pluck();
        while (behind.get() === 1) await new Promise((resolve) => setTimeout(resolve, 10));
        const indexLagS = (performance.now() - first.endedAt) / 1000;

        memory.enter(`re-poll ${round}`);
        const repoll = await timed(() => pollDueFeeds(deps));
        expectEvery(repoll.value, "not-modified", "re-poll");

        memory.enter(`parse only ${round}`);
        const parseOnlyS = await parseOnly(hosts.stats.digest);
        rounds.push({ first, indexLagS, repoll, parseOnlyS });
      } finally {
        await indexer.stop();
        database.close();
      }
    }
    memory.enter("topic storing");
    const topicStoring = await measureTopicStoring(dir);
    results = { stats: hosts.stats, topics: topicCount, rounds, memory: memory.stop(), topicStoring };
  } finally {
    await parsePool?.close();
    await fetcher.close();
    await hosts.close();
    rmSync(dir, { recursive: true, force: true });
  }
  report(results);
}

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

/**
 * Seconds rss-parser's parseString alone takes over the same 500 documents, decoded as the pipeline decodes them,
 * one after another. Each document is rebuilt here (untimed) rather than kept, so they add nothing to peak RSS.
 */
async function parseOnly(servedDigest: string): Promise<number> {
  // The same options as the parser in src/feeds/parse-feed.ts.
  const parser = new Parser<Record<string, unknown>, Record<string, unknown>>({
    customFields: {
      item: [
        ["category", "categoryAll", { keepArray: true }],
        ["dc:subject", "subjects", { keepArray: true }],
      ],
    },
  });
  const digest = createHash("sha256");
  let seconds = 0;
  let items = 0;
  for (let i = 0; i < FEED_COUNT; i++) {
    const feed = buildFeed(i);
    digest.update(feed.body);
    const xml = decodeFeed(feed.body, feed.contentType);
    const started = performance.now();
    const parsed = await parser.parseString(xml);
    seconds += (performance.now() - started) / 1000;
    items += parsed.items.length;
  }
  if (digest.digest("hex") !== servedDigest) throw new Error("the parse-only documents differ from the served ones");
  if (items !== EXPECTED_ITEMS) throw new Error(`parse-only found ${items} items, expected ${EXPECTED_ITEMS}`);
  return seconds;
}

function expectEvery(results: readonly FeedPollResult[], outcome: FeedPollResult["outcome"], poll: string): void {
  const wrong = results.filter((r) => r.outcome !== outcome);
  if (results.length === FEED_COUNT && wrong.length === 0) return;
  const examples = wrong.slice(0, 5).map((r) => `\n  ${r.url}: ${r.outcome}${r.error ? ` (${r.error})` : ""}`);
  throw new Error(`${poll}: ${results.length} feeds polled, ${wrong.length} not "${outcome}", expected all ${FEED_COUNT}${examples.join("")}`);
}

async function timed<T>(run: () => Promise<T>): Promise<Timing & { value: T; endedAt: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = await run();
  const { user, system } = process.cpuUsage(cpu);
  const endedAt = performance.now();
  return { value, seconds: (endedAt - started) / 1000, cpuSeconds: (user + system) / 1e6, endedAt };
}

// ---------------------------------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------------------------------

function report(r: Results): void {
  const first = median(r.rounds.map((x) => x.first.seconds));
  const parseOnlyS = median(r.rounds.map((x) => x.parseOnlyS));
  const repoll = median(r.rounds.map((x) => x.repoll.seconds));
  const itemsPerS = EXPECTED_ITEMS / first;
  const parseItemsPerS = EXPECTED_ITEMS / parseOnlyS;
  const pipelineVsParse = itemsPerS / parseItemsPerS;
  const repollVsFirst = repoll / first;
  const indexLag = median(r.rounds.map((x) => x.indexLagS));
  const t = r.topicStoring;
  const topicsVsNone = t.withTopicsS / t.noTopicsS;
  const s = r.stats;

  const lines = [
    `Ingest benchmark: ${FEED_COUNT} feeds × ${ITEMS_PER_FEED} items on ${HOST_COUNT} hosts (${hostAddress(0)}–${hostAddress(HOST_COUNT - 1)}, served by a child process)`,
    `  corpus    ${s.rss} RSS 2.0 + ${s.atom} Atom, en/ru/uk/az; ${s.windows1251} windows-1251 (${s.windows1251XmlOnly} named only in <?xml?>); ${s.gzip} gzip; ${s.lastModified} with Last-Modified`,
    `            ${(s.bytes / MB).toFixed(1)} MB of XML, ${(s.wireBytes / MB).toFixed(1)} MB on the wire`,
    `  pipeline  pollDueFeeds, force, concurrency ${CONCURRENCY}, ${PER_HOST_LIMIT} per host; ${PARSE_HERE ? "prepare on the main thread (--parse-here)" : "prepare in createParsePool() workers"}; ${availableParallelism()} cores`,
    `            ${r.topics} built-in topics; a new SQLite file (WAL) in ${tmpdir()} each round`,
    `  rounds    ${r.rounds.length} × (first poll → re-poll → parse only, in the same process); figures are medians of the rounds`,
    "",
    table([
      ["round", "first poll (500 × 200)", "search index done", "parse only (rss-parser)", "pipeline / parse", "re-poll (500 × 304)"],
      ...r.rounds.map((x, i) => [
        String(i + 1),
        `${seconds(x.first.seconds)}  ${cpu(x.first)}`,
        `+${seconds(x.indexLagS)}`,
        seconds(x.parseOnlyS),
        ratio(x.parseOnlyS / x.first.seconds),
        `${seconds(x.repoll.seconds)}  ${cpu(x.repoll)}`,
      ]),
    ]),
    "",
    table([
      ["measure (median)", "value", "target", "result"],
      [`first poll (${FEED_COUNT} × 200)`, `${seconds(first)}  ${perS(itemsPerS)}`, "", ""],
      ["parse only (rss-parser)", `${seconds(parseOnlyS)}  ${perS(parseItemsPerS)}`, "", ""],
      ["pipeline / parse only", ratio(pipelineVsParse), `≥ ${TARGETS.pipelineVsParse}`, verdict(pipelineVsParse >= TARGETS.pipelineVsParse)],
      [`re-poll (${FEED_COUNT} × 304)`, seconds(repoll), "", ""],
      ["re-poll / first poll", ratio(repollVsFirst), `≤ ${TARGETS.repollVsFirst}`, verdict(repollVsFirst <= TARGETS.repollVsFirst)],
      ["search index complete, after the first poll", `+${seconds(indexLag)}`, "", ""],
      [`store 25k, no topics`, seconds(t.noTopicsS), "", ""],
      [`store 25k, ${t.catalogTopics} + ${t.personalTopics} users' topics`, `${seconds(t.withTopicsS)}  (${t.personalLinks.toLocaleString("en-US")} links to users' topics)`, "", ""],
      ["with topics / no topics", ratio(topicsVsNone), `≤ ${TARGETS.topicsVsNone}`, verdict(topicsVsNone <= TARGETS.topicsVsNone)],
      ["peak RSS (whole run)", `${r.memory.peakMb.toFixed(1).padStart(7)} MB`, `≤ ${TARGETS.peakRssMb}`, verdict(r.memory.peakMb <= TARGETS.peakRssMb)],
    ]),
    `  RSS by phase (MB): ${r.memory.phases.map((p) => `${p.phase} ${p.mb.toFixed(1)}`).join(" · ")} · maxRSS ${r.memory.maxRssMb.toFixed(1)}`,
    "",
  ];
  console.log(lines.join("\n"));
  console.log(
    JSON.stringify({
      feeds: FEED_COUNT,
      items: EXPECTED_ITEMS,
      first_poll_s: round3(first),
      items_per_s: round3(itemsPerS),
      parse_only_items_per_s: round3(parseItemsPerS),
      pipeline_vs_parse: round3(pipelineVsParse),
      repoll_s: round3(repoll),
      repoll_vs_first: round3(repollVsFirst),
      search_index_lag_s: round3(indexLag),
      store_no_topics_s: round3(t.noTopicsS),
      store_with_topics_s: round3(t.withTopicsS),
      topics_vs_no_topics: round3(topicsVsNone),
      peak_rss_mb: round3(r.memory.peakMb),
    }),
  );
}

function seconds(value: number): string {
  return `${value.toFixed(3).padStart(7)} s`;
}

function ratio(value: number): string {
  return value.toFixed(3).padStart(7);
}

function cpu(timing: Timing): string {
  return `CPU ${timing.cpuSeconds.toFixed(1)} s (${(timing.cpuSeconds / timing.seconds).toFixed(2)} cores)`;
}

function perS(itemsPerS: number): string {
  return `(${Math.round(itemsPerS).toLocaleString("en-US")} items/s)`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

/**
 * Delivery benchmark (`npm run bench:delivery`).
 *
 * 1. Compose: 50,000 due users, 5 topics each, 5,000 fresh articles, in a new SQLite file; composeDueDigests (the
 *    app's composer, DIGEST_MAX_PER_TOPIC 10) writes every digest to the outbox. Timed: compose_50k_s.
 * 2. Send: 3,000 due users in another new SQLite file, one digest (one message) each, composed the same way, then
 *    drained by the app's sender and pacer over real HTTP into the fake Bot API of the tests (in a child process, as
 *    Telegram is elsewhere: bot-api-host.ts), which enforces
 *    Telegram-style flood limits (300 messages/s over all chats, 1/s per chat) and answers 429 past them. Timed from
 *    the sender's start to the fake accepting the last message.
 *
 * Checked from the fake's side: every user got exactly their digest (`lost`, `duplicates`), and how many requests it
 * refused with 429. Prints a table, then one JSON object as the last line. Targets are reported PASS/FAIL; the exit
 * code is 1 only when a digest is lost or duplicated.
 *
 * `--rate N` sets the sender's TELEGRAM_RATE (default 290, a little under the fake's 300); `--limit N` the fake's limit.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Api } from "grammy";
import { startCheckpointer } from "../../src/db/checkpointer.js";
import { openDatabase } from "../../src/db/client.js";
import { createPacer } from "../../src/delivery/pacer.js";
import { startSender } from "../../src/delivery/sender.js";
import { composeDueDigests } from "../../src/digests/run-due-digests.js";
import { createLogger } from "../../src/logger.js";
import { startBotApiHost } from "./bot-api-host.js";
import { seedDigestWorld } from "./digest-world.js";
import { median, PeakRss, round3, table, verdict } from "./report.js";

const COMPOSE_USERS = 50_000;
const SEND_USERS = 3_000;
const FIRST_CHAT_ID = 1_000_000;
const LIMIT = Number(argValue("--limit") ?? 300);
const RATE = Number(argValue("--rate") ?? 290);
const TARGETS = { utilisation: 0.95, composeS: 10, peakRssMb: 300 };

async function main(): Promise<void> {
  const memory = new PeakRss();
  const dir = mkdtempSync(join(tmpdir(), "bench-delivery-"));
  const log = createLogger("warn", [], (line) => process.stderr.write(line));
  try {
    memory.enter("compose 50k");
    const compose = composeRun(join(dir, "compose.db"), log);
    memory.enter("send 3k");
    const send = await sendRun(join(dir, "send.db"), log);
    const results = { compose, send, memory: memory.stop() };
    report(results);
    if (send.lost > 0 || send.duplicates > 0) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function composeRun(file: string, log: ReturnType<typeof createLogger>) {
  const database = openDatabase(file);
  try {
    const now = Date.now();
    seedDigestWorld(database.db, { users: COMPOSE_USERS, topicsPerUser: 5, articles: 5_000, firstChatId: FIRST_CHAT_ID }, now);
    const started = performance.now();
    const result = composeDueDigests(database.db, now, log, { maxPerTopic: 10 });
    const seconds = (performance.now() - started) / 1000;
    if (result.queued !== COMPOSE_USERS) throw new Error(`composed ${result.queued} digests, expected ${COMPOSE_USERS}`);
    const sqlite = database.db.$client;
    const messages = sqlite.prepare("SELECT count(*) FROM outbox").pluck().get() as number;
    const bodies = sqlite.prepare("SELECT count(*) FROM message_bodies").pluck().get() as number;
    const perUser = median(sqlite.prepare("SELECT count(*) FROM outbox GROUP BY chat_id").pluck().all() as number[]);
    return { seconds, messages, bodies, perUser };
  } finally {
    database.close();
  }
}

async function sendRun(file: string, log: ReturnType<typeof createLogger>) {
  const api = await startBotApiHost({ perSecond: LIMIT, perChatPerSecond: 1, perGroupPerMinute: 20 });
  const database = openDatabase(file);
  try {
    const { db } = database;
    const now = Date.now();
    // Few articles and three per topic, so each digest is one message: the run measures messages, not text.
    seedDigestWorld(db, { users: SEND_USERS, topicsPerUser: 5, articles: 60, firstChatId: FIRST_CHAT_ID }, now);
    composeDueDigests(db, now, log, { maxPerTopic: 3 });
    const expected = db.$client
      .prepare("SELECT o.chat_id AS chatId, b.text FROM outbox o JOIN message_bodies b ON b.id = o.body_id ORDER BY o.id")
      .all() as { chatId: number; text: string }[];

    // As the app does: WAL checkpoints on their own thread, not in the sender's commits.
    const checkpointer = startCheckpointer(file, log, { connection: db.$client });
    const pacer = createPacer({ ratePerSecond: RATE });
    const sender = startSender({ db, api: new Api(api.token, { apiRoot: api.apiRoot }), pacer, log, now: Date.now });
    const started = Date.now();
    await sender.drained();
    await sender.stop();
    await checkpointer.stop();

    const { accepted, rateLimited } = await api.report();
    const elapsedS = (Math.max(...accepted.map((c) => c.at)) - started) / 1000;
    const received = new Map<number, string[]>();
    for (const call of accepted) received.set(call.chatId, [...(received.get(call.chatId) ?? []), call.text]);
    let lost = 0;
    const wanted = new Map<number, string[]>();
    for (const { chatId, text } of expected) wanted.set(chatId, [...(wanted.get(chatId) ?? []), text]);
    for (const [chatId, texts] of wanted) {
      const got = received.get(chatId) ?? [];
      lost += texts.filter((text) => !got.includes(text)).length;
    }
    const duplicates = accepted.length - new Set(accepted.map((c) => `${c.chatId}\u0000${c.text}`)).size;
    return {
      composed: expected.length,
      sent: accepted.length,
      elapsedS,
      achievedPerS: accepted.length / elapsedS,
      http429: rateLimited,
      lost,
      duplicates,
    };
  } finally {
    database.close();
    await api.close();
  }
}

function report(r: { compose: ReturnType<typeof composeRun>; send: Awaited<ReturnType<typeof sendRun>>; memory: ReturnType<PeakRss["stop"]> }): void {
  const { compose, send, memory } = r;
  const utilisation = send.achievedPerS / LIMIT;
  console.log(
    [
      `Delivery benchmark`,
      `  compose   ${COMPOSE_USERS.toLocaleString("en-US")} due users × 5 topics, 5,000 fresh articles, DIGEST_MAX_PER_TOPIC 10, batches of 500 chats`,
      `            → ${compose.messages.toLocaleString("en-US")} outbox messages (median ${compose.perUser} a user), ${compose.bodies} distinct texts`,
      `  send      ${SEND_USERS.toLocaleString("en-US")} users, one message each; sender at TELEGRAM_RATE ${RATE}; fake Bot API limit ${LIMIT}/s, 1/s per chat, 429 past them`,
      "",
      table([
        ["measure", "value", "target", "result"],
        ["compose 50,000 digests", `${compose.seconds.toFixed(2)} s`, `≤ ${TARGETS.composeS} s`, verdict(compose.seconds <= TARGETS.composeS)],
        ["messages sent", `${send.sent} of ${send.composed}`, "", ""],
        ["elapsed (sender start → last accepted)", `${send.elapsedS.toFixed(2)} s`, "", ""],
        ["achieved rate", `${send.achievedPerS.toFixed(1)} /s`, "", ""],
        ["utilisation of the limit", utilisation.toFixed(3), `≥ ${TARGETS.utilisation}`, verdict(utilisation >= TARGETS.utilisation)],
        ["HTTP 429 from the fake", String(send.http429), "0", verdict(send.http429 === 0)],
        ["lost", String(send.lost), "0", verdict(send.lost === 0)],
        ["duplicates", String(send.duplicates), "0", verdict(send.duplicates === 0)],
        ["peak RSS (whole run)", `${memory.peakMb.toFixed(1)} MB`, `≤ ${TARGETS.peakRssMb}`, verdict(memory.peakMb <= TARGETS.peakRssMb)],
      ]),
      `  RSS by phase (MB): ${memory.phases.map((p) => `${p.phase} ${p.mb.toFixed(1)}`).join(" · ")} · maxRSS ${memory.maxRssMb.toFixed(1)}`,
      "",
    ].join("\n"),
  );
  console.log(
    JSON.stringify({
      users: SEND_USERS,
      limit_per_s: LIMIT,
      sent: send.sent,
      elapsed_s: round3(send.elapsedS),
      achieved_per_s: round3(send.achievedPerS),
      utilisation: round3(utilisation),
      http_429: send.http429,
      lost: send.lost,
      duplicates: send.duplicates,
      compose_50k_s: round3(compose.seconds),
      peak_rss_mb: round3(memory.peakMb),
    }),
  );
}

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

/**
 * Helpers for the delivery tests: seeding many subscribers (and, for a bot in another process, articles) straight into
 * the SQLite file, waiting on a condition, checking a chat's digest as its user reads it, and a fake clock with the
 * requests an Api made on it.
 */
import type { Api, Transformer } from "grammy";
import type { Db } from "../../src/db/client.js";
import type { Sleep } from "../../src/lifecycle/sleep.js";
import type { FakeBotApi, StoredMessage } from "./fake-bot-api.js";

/** Subscribers following `topics` (by name), due for a digest at `dueAt` (the app's clock), with the default schedule. */
export function seedSubscribers(db: Db, chatIds: readonly number[], options: { topics: readonly string[]; dueAt: number; now: number }): void {
  const sqlite = db.$client;
  const topicIds = options.topics.map((name) => {
    const id = sqlite.prepare("SELECT id FROM topics WHERE name = ?").pluck().get(name) as number | undefined;
    if (id === undefined) throw new Error(`seedSubscribers: no topic ${name}`);
    return id;
  });
  const subscriber = sqlite.prepare(
    `INSERT INTO subscribers (chat_id, first_name, timezone, digest_times, next_digest_at, created_at) VALUES (?, 'Reader', 'UTC', '["08:00"]', ?, ?)`,
  );
  const subscribe = sqlite.prepare("INSERT INTO subscriptions (chat_id, topic_id, created_at) VALUES (?, ?, ?)");
  sqlite.transaction(() => {
    for (const chatId of chatIds) {
      subscriber.run(chatId, options.dueAt, options.now - 86_400_000);
      for (const topicId of topicIds) subscribe.run(chatId, topicId, options.now);
    }
  })();
}

export interface SeedArticle {
  title: string;
  link: string;
  topics: readonly string[];
  publishedAt: number;
}

/** Articles of the catalog feed `feedUrl` (synced into the database already), fetched at `fetchedAt`. */
export function seedArticles(db: Db, feedUrl: string, articles: readonly SeedArticle[], fetchedAt: number): void {
  const sqlite = db.$client;
  const feedId = sqlite.prepare("SELECT id FROM feeds WHERE url = ?").pluck().get(feedUrl) as number | undefined;
  if (feedId === undefined) throw new Error(`seedArticles: no feed ${feedUrl}`);
  const topicId = sqlite.prepare("SELECT id FROM topics WHERE name = ?").pluck();
  const insert = sqlite.prepare(
    `INSERT INTO articles (feed_id, canonical_key, title, link, summary, categories, published_at, fetched_at) VALUES (?, ?, ?, ?, '', '[]', ?, ?)`,
  );
  const tag = sqlite.prepare("INSERT INTO article_topics (article_id, topic_id) VALUES (?, ?)");
  sqlite.transaction(() => {
    articles.forEach((article, i) => {
      const id = Number(insert.run(feedId, `seed-${i}-${article.link}`, article.title, article.link, article.publishedAt, fetchedAt).lastInsertRowid);
      for (const name of article.topics) {
        const topic = topicId.get(name) as number | undefined;
        if (topic === undefined) throw new Error(`seedArticles: no topic ${name}`);
        tag.run(id, topic);
      }
    });
  })();
}

export async function waitUntil(condition: () => boolean, timeoutMs: number, what: string | (() => string)): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === "string" ? what : what()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}


/** What a user sees of their digest: how often each expected title and the digest heading appear, over all messages. */
export interface DigestView {
  chatId: number;
  messages: StoredMessage[];
  /** Digest headings ("Your news digest") received. */
  headings: number;
  /** Expected titles never received. */
  missing: string[];
  /** Expected titles received more than once. */
  repeated: string[];
  /** Messages whose exact text arrived more than once. */
  duplicateMessages: number;
}

export function digestView(api: FakeBotApi, chatId: number, titles: readonly string[]): DigestView {
  const messages = api.messages(chatId);
  const text = messages.map((m) => m.plainText).join("\n");
  const count = (needle: string) => text.split(needle).length - 1;
  const texts = messages.map((m) => m.text);
  return {
    chatId,
    messages,
    headings: count("Your news digest"),
    missing: titles.filter((t) => count(t) === 0),
    repeated: titles.filter((t) => count(t) > 1),
    duplicateMessages: texts.length - new Set(texts).size,
  };
}

/** True once the chat has every expected title (the whole digest arrived). */
export function hasWholeDigest(api: FakeBotApi, chatId: number, titles: readonly string[]): boolean {
  return digestView(api, chatId, titles).missing.length === 0;
}

/** The sendMessage calls to a chat, in arrival order. */
export function sendCallsTo(api: FakeBotApi, chatId: number) {
  return api.calls.filter((c) => c.method === "sendMessage" && Number(c.payload.chat_id) === chatId);
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

interface FakeTimer {
  at: number;
  seq: number;
  fire(): void;
}

/**
 * A monotonic clock and timers that move only when the test moves them, for the sender, the pacer and the paced fetch.
 * Before each step the clock waits for `settle`: by default a few turns of the event loop, with `trackRequests` until
 * no request is out, so that every answer is handled at the fake time it was given and the timing is exact.
 */
export class FakeTime {
  private t: number;
  private seq = 0;
  private timers: FakeTimer[] = [];
  settle: () => Promise<void> = async () => {
    for (let i = 0; i < 3; i++) await turn();
  };

  constructor(start = 0) {
    this.t = start;
  }

  readonly now = (): number => this.t;

  readonly sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer: FakeTimer = {
        at: this.t + Math.max(0, ms),
        seq: ++this.seq,
        fire: () => {
          signal?.removeEventListener("abort", cancel);
          resolve();
        },
      };
      const cancel = () => {
        this.timers = this.timers.filter((other) => other !== timer);
        resolve();
      };
      signal?.addEventListener("abort", cancel, { once: true });
      this.timers.push(timer);
    });

  /** When the next timer fires; undefined when none waits. */
  nextAt(): number | undefined {
    return this.earliest()?.at;
  }

  /** Moves the clock `ms` forward, firing the timers due on the way in order, each at its own time. */
  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    for (;;) {
      await this.settle();
      const next = this.earliest();
      if (!next || next.at > target) break;
      this.fire(next);
    }
    this.t = target;
    await this.settle();
  }

  /** Runs timer after timer until `done()` holds; fails when nothing waits any more or `withinMs` of fake time pass. */
  async runUntil(done: () => boolean, what: string, withinMs = 3_600_000): Promise<void> {
    const limit = this.t + withinMs;
    for (;;) {
      await this.settle();
      if (done()) return;
      const next = this.earliest();
      if (!next) throw new Error(`nothing waits any more, and still not ${what} (fake time ${this.t} ms)`);
      if (next.at > limit) throw new Error(`not ${what} within ${withinMs} ms of fake time`);
      this.fire(next);
    }
  }

  private earliest(): FakeTimer | undefined {
    let first: FakeTimer | undefined;
    for (const timer of this.timers) if (!first || timer.at < first.at || (timer.at === first.at && timer.seq < first.seq)) first = timer;
    return first;
  }

  private fire(timer: FakeTimer): void {
    this.timers = this.timers.filter((other) => other !== timer);
    this.t = Math.max(this.t, timer.at);
    timer.fire();
  }
}

/** A request an Api made, with the fake times it went out and was answered. */
export interface TrackedRequest {
  method: string;
  chatId: number | undefined;
  at: number;
  answeredAt: number | undefined;
  /** 200, Telegram's error_code, or "error" when no answer came (refused connection, HTML page, abort). */
  status: number | "error" | undefined;
}

/**
 * Records every call `api` makes on `time`'s clock, and makes `time` wait, before each step, until no call is out:
 * requests take no fake time, however long the real HTTP round trip.
 */
export function trackRequests(api: Api, time: FakeTime): TrackedRequest[] {
  const requests: TrackedRequest[] = [];
  let inFlight = 0;
  let idle: (() => void)[] = [];
  const tracker: Transformer = async (prev, method, payload, signal) => {
    const chatId = (payload as { chat_id?: unknown } | undefined)?.chat_id;
    const request: TrackedRequest = { method, chatId: typeof chatId === "number" ? chatId : undefined, at: time.now(), answeredAt: undefined, status: undefined };
    requests.push(request);
    inFlight++;
    try {
      const answer = await prev(method, payload, signal);
      request.status = answer.ok ? 200 : answer.error_code;
      return answer;
    } catch (error) {
      request.status = "error";
      throw error;
    } finally {
      request.answeredAt = time.now();
      if (--inFlight === 0) {
        for (const resolve of idle) resolve();
        idle = [];
      }
    }
  };
  api.config.use(tracker);
  time.settle = async () => {
    // The answer's handling (recording it, pausing the pacer) runs in promise callbacks after the call returns.
    for (let quiet = 0; quiet < 3; ) {
      if (inFlight > 0) {
        await new Promise<void>((resolve) => idle.push(resolve));
        quiet = 0;
      } else {
        await turn();
        quiet++;
      }
    }
  };
  return requests;
}

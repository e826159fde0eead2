import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { ensureSubscriber, subscribedTopics } from "../../src/db/subscribers.js";
import { followRule, ownTopics } from "../../src/db/topics.js";
import { latestInTopics } from "../../src/db/articles.js";
import { nextTurn } from "../../src/lifecycle/next-turn.js";
import { fillOwnTopic, fillsUnderWay, ownTopicsFilled, ownTopicsPageWhole, removeOwnTopic } from "../../src/topics/own-topics.js";
import { RuleMatcher } from "../../src/topics/rule-matcher.js";
import { formatRule, parseRule } from "../../src/topics/rule.js";
import { openTempDatabase, type TempDatabase } from "../helpers/temp-database.js";

const NOW = Date.UTC(2026, 10, 24, 8, 0);
/** No pause for the write-ahead log's sake: the tests write a few thousand links, and wait in real time for nothing. */
const FAST = { linksPerSecond: Infinity };

// Words as feeds write them: "ё" and "е", "ї" and "і", a ligature, diacritics, apostrophes, hyphens, all capitals.
const WORDS = [
  "Пётр", "Петр", "Київ", "Киів", "Київщина", "ﬁnance", "finance", "Zélensky", "ZELENSKY", "Ukraine's", "Naftogaz-Ukraine",
  "Azərbaycan", "azerbaycan", "İstanbul", "Istanbul", "Mariupol", "Mykolaiv", "sport", "metro", "budget", "№5", "talks",
  "Odesa", "Kyiv", "the", "a", "и", "у", "Bakı", "Баку", "ёлка", "елка", "Ёлки", "йогурт", "иогурт",
];
const CATEGORIES = ["World news", "World-news", "Politics", "Политика", "Siyasət", "World"];
const RULES = [
  "Петр", "Пётр*", "київ", "Киів*", "finance", "ﬁn*", "ukraine", "Ukraine's", '"naftogaz ukraine"', "zelensky -kyiv",
  "azerbaycan", "istanbul", "Kyiv OR Odesa", "елка", "йогурт", 'category:"World news"', "category:politics -sport",
  "Mariupol Mykolaiv", '"talks budget"', "Bak*", "баку OR bakı", "№5", "no5",
];

/** The seeded articles: titles, summaries and categories drawn from the lists above. */
function seedArticles(db: Db, count: number, fetchedAt: number): void {
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const text = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(" ");
  const insert = db.$client.prepare("INSERT INTO articles (feed_id, title, summary, categories, published_at, fetched_at) VALUES (1, ?, ?, ?, ?, ?)");
  db.$client.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(text(6), text(10), JSON.stringify(next() < 0.5 ? [pick(CATEGORIES)] : []), fetchedAt + i * 60_000 - 30_000, fetchedAt + i * 60_000);
  })();
}

describe("When a user follows a rule of their own over stored articles", () => {
  let temp: TempDatabase;
  let db: Db;
  const linkedTo = (topicId: number) => db.$client.prepare("SELECT article_id FROM article_topics WHERE topic_id = ? ORDER BY article_id").pluck().all(topicId) as number[];
  /** What a scan of every stored article with the rule's matcher finds: the back-fill must link exactly these. */
  const scanned = (rule: string) => {
    const matcher = new RuleMatcher(parseRule(rule));
    const rows = db.$client.prepare("SELECT id, title, summary, categories FROM articles ORDER BY id").all() as { id: number; title: string; summary: string; categories: string }[];
    return rows.filter((r) => matcher.matches({ ...r, categories: r.categories === "[]" ? [] : (JSON.parse(r.categories) as string[]) })).map((r) => r.id);
  };
  const follow = (chatId: number, rule: string) => {
    ensureSubscriber(db, chatId, NOW);
    const outcome = followRule(db, chatId, formatRule(parseRule(rule)), NOW);
    if (outcome.kind !== "created") throw new Error(`not created: ${outcome.kind}`);
    return outcome.topic;
  };

  beforeEach(() => {
    temp = openTempDatabase("own-topics-");
    db = temp.database.db;
    db.$client.prepare("INSERT INTO feeds (id, url, created_at) VALUES (1, 'https://a.example/rss', 0)").run();
    seedArticles(db, 1500, NOW - 3 * 86_400_000);
  });
  afterEach(() => temp.close());

  it("then it links exactly the articles its rule matches, found through the index and confirmed, in steps with the event loop free between", async () => {
    for (const [i, rule] of [...RULES, "the OR a OR и"].entries()) {
      const topic = follow(7000 + i, rule);
      let turns = 0;
      let filling = true;
      const count = () => {
        turns++;
        if (filling) setImmediate(count);
      };
      setImmediate(count);
      // The broad rule in small steps, as a rule found in tens of thousands of a month's articles would go.
      const linked = await fillOwnTopic(db, topic, { ...FAST, ...(rule === "the OR a OR и" ? { stepCandidates: 40 } : {}) });
      filling = false;
      const expected = scanned(rule);
      // The lists hold some of every kind, so that each rule has something to find.
      expect(expected.length, rule).toBeGreaterThan(0);
      expect(linkedTo(topic.id), rule).toEqual(expected);
      expect(linked, rule).toBe(expected.length);
      // A step per window of article ids, narrower where candidates are many.
      expect(turns, rule).toBeGreaterThan(rule === "the OR a OR и" ? 10 : 0);
    }
  });

  it("then articles stored while it runs are linked too, and /latest waits for it to end", async () => {
    const topic = follow(7100, "Mariupol OR Пётр");
    const done = fillOwnTopic(db, topic, { ...FAST, stepCandidates: 10 });
    // Stored after the fill began, before the search index has them.
    seedArticles(db, 300, NOW);
    await ownTopicsFilled(db, [topic.id]);
    expect(linkedTo(topic.id)).toEqual(scanned("Mariupol OR Пётр"));
    expect(await done).toBe(linkedTo(topic.id).length);
  });

  it("then a page of its newest articles is whole, and shown, as soon as the fill has passed the hours it covers", async () => {
    const topic = follow(7300, "the OR a");
    const page = () => latestInTopics(db, [topic.id], 30, 0);
    const whole = async () => {
      const under = fillsUnderWay(db, [topic.id]);
      const rows = await page();
      return ownTopicsPageWhole(db, under, rows.length === 30 ? rows.at(-1)!.publishedAt : undefined);
    };
    let done = false;
    const fill = fillOwnTopic(db, topic, { ...FAST, stepCandidates: 10 }).then(() => (done = true));
    expect(await whole()).toBe(false);
    while (!(await whole())) await nextTurn();
    expect(done).toBe(false);
    const early = (await page()).map((h) => h.id);
    await fill;
    expect(early).toEqual((await page()).map((h) => h.id));
    expect(await whole()).toBe(true);
    // A page further back is whole only once the fill has passed it too.
    expect(ownTopicsPageWhole(db, fillsUnderWay(db, [topic.id]), undefined)).toBe(true);
  });

  it("then unfollowing takes it away at once and removes its links in the background, even while the fill runs, and another chat cannot remove it", async () => {
    const broad = follow(7200, "the OR a OR и");
    await fillOwnTopic(db, broad, FAST);
    expect(linkedTo(broad.id).length).toBeGreaterThan(1000);
    expect(removeOwnTopic(db, 7201, broad.id, FAST)).toBeUndefined();
    const removal = removeOwnTopic(db, 7200, broad.id, FAST);
    expect(removal?.topic.name).toBe(broad.name);
    // Gone for the chat at once, and the same rule can be followed again while the links go.
    expect(ownTopics(db, 7200)).toEqual([]);
    expect(subscribedTopics(db, 7200)).toEqual([]);
    const again = follow(7200, "the OR a OR и");
    expect(linkedTo(broad.id).length).toBeGreaterThan(0);
    await removal!.removed;
    expect(linkedTo(broad.id)).toEqual([]);
    expect(db.$client.prepare("SELECT count(*) FROM topics WHERE id = ?").pluck().get(broad.id)).toBe(0);
    expect(ownTopics(db, 7200).map((t) => t.id)).toEqual([again.id]);

    const filling = follow(7200, "metro OR budget");
    const fill = fillOwnTopic(db, filling, { ...FAST, stepCandidates: 10 });
    const stopped = removeOwnTopic(db, 7200, filling.id, FAST);
    expect(stopped?.topic.id).toBe(filling.id);
    await Promise.all([fill, stopped!.removed]);
    expect(linkedTo(filling.id)).toEqual([]);
    expect(subscribedTopics(db, 7200).map((t) => t.id)).toEqual([again.id]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexPending } from "../../src/db/search-index.js";
import { formatRule, MAX_RULE_LENGTH, parseRule, RuleError, toFtsQuery } from "../../src/topics/rule.js";
import { RuleMatcher } from "../../src/topics/rule-matcher.js";
import { openTempDatabase, type TempDatabase } from "../helpers/temp-database.js";

const ARTICLES = [
  { id: 1, title: "Parliament passes the election law", summary: "Lawmakers voted late on Tuesday.", categories: ["Politics"] },
  { id: 2, title: "Ukrainian forces hold the line near Pokrovsk", summary: "Security assistance arrives from allies.", categories: ["World news"] },
  { id: 3, title: "Украина получила новый пакет помощи", summary: "Речь идёт о ПВО.", categories: ["Мир"] },
  { id: 4, title: "Club captain election goes to a vote", summary: "Sport: the squad chose its leader.", categories: ["Sport"] },
  { id: 5, title: "Mariupol theatre rebuilt", summary: "Mykolaiv port reopens too.", categories: ["World"] },
  { id: 6, title: "ÜDM artımı gözləntiləri üstələdi", summary: "Azərbaycan iqtisadiyyatı böyüyür.", categories: ["İqtisadiyyat"] },
  // What SQLite's tokenizer alone folds otherwise than the matcher: "ё", "й", "ї" (not Latin), a ligature, "№".
  { id: 7, title: "Пётр Толстой и ёлка, Київ", summary: "Йогурт № 5, ﬁnance.", categories: ["World-news"] },
];

// The rules run against the app's own search index: the table migration 0007 makes, filled by indexPending.
describe("When a topic rule is written", () => {
  let temp: TempDatabase;
  beforeAll(() => {
    temp = openTempDatabase("rule-");
    const sqlite = temp.database.db.$client;
    sqlite.prepare("INSERT INTO feeds (id, url, created_at) VALUES (1, 'https://a.example/rss', 0)").run();
    const insert = sqlite.prepare("INSERT INTO articles (id, feed_id, title, summary, categories, published_at, fetched_at) VALUES (?, 1, ?, ?, ?, 0, 0)");
    for (const a of ARTICLES) insert.run(a.id, a.title, a.summary, JSON.stringify(a.categories));
    indexPending(temp.database.db, 100);
  });
  afterAll(() => temp.close());

  const matches = (rule: string) =>
    temp.database.db.$client.prepare("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid").pluck().all(toFtsQuery(parseRule(rule))) as number[];

  it("then a word matches whole words in any case", () => {
    expect(matches("ELECTION")).toEqual([1, 4]);
    expect(matches("elect")).toEqual([]);
  });

  it("then a prefix matches words that start with it, in Latin and Cyrillic, whatever the case or diacritics", () => {
    expect(matches("Ukrain*")).toEqual([2]);
    expect(matches("украин*")).toEqual([3]);
    expect(matches("udm")).toEqual([6]);
    expect(matches("azərbaycan*")).toEqual([6]);
  });

  it("then a quoted phrase matches those words in that order", () => {
    expect(matches('"security assistance"')).toEqual([2]);
    expect(matches('"assistance security"')).toEqual([]);
  });

  it("then OR takes either, words side by side take both, and -word excludes", () => {
    expect(matches("Mariupol OR Pokrovsk")).toEqual([2, 5]);
    expect(matches("election vote")).toEqual([4]);
    expect(matches("election -sport")).toEqual([1]);
    expect(matches('election -"captain election"')).toEqual([1]);
    expect(matches("Mariupol OR Mykolaiv -sport")).toEqual([5]);
  });

  it("then letters are found however they are written, as the matcher folds them: ё and е, й and и, ї and і, ligatures", () => {
    for (const rule of ["Петр", "ПЁТР", "елка", "иогурт", "киів", "Київ*", "finance", "ﬁn*", '"петр толстои"']) expect(matches(rule), rule).toEqual([7]);
  });

  it("then category: matches a whole category, not part of one", () => {
    expect(matches("category:politics")).toEqual([1]);
    expect(matches("category:World")).toEqual([5]);
    expect(matches('category:"world news"')).toEqual([2]);
    expect(matches("category:мир OR category:iqtisadiyyat")).toEqual([3, 6]);
  });

  it("then matching in memory gives the same articles as the FTS5 index, rule by rule", () => {
    const rules = [
      "ELECTION", "elect", "Ukrain*", "украин*", "udm", "azərbaycan*", '"security assistance"', '"assistance security"',
      "Mariupol OR Pokrovsk", "election vote", "election -sport", 'election -"captain election"', "Mariupol OR Mykolaiv -sport",
      "category:politics", "category:World", 'category:"world news"', "category:мир OR category:iqtisadiyyat", "title:election",
      "Kyiv – Mariupol", "Mariupol - theatre", "lawmakers OR ПВО", "'; DROP TABLE idx; --", "late Tuesday", '"late on"',
      "Петр", "ПЁТР", "елка", "иогурт", "киів", "Київ*", "finance", "ﬁn*", "no 5", '"петр толстои"', "5",
    ];
    for (const rule of rules) {
      const matcher = new RuleMatcher(parseRule(rule));
      const inMemory = ARTICLES.filter((a) => matcher.matches(a)).map((a) => a.id);
      expect(inMemory, rule).toEqual(matches(rule));
    }
  });

  it("then input that looks like FTS5 or SQL is looked for as text, never an error", () => {
    for (const hostile of ["NEAR(election vote)", "title:election", "election AND vote", "election NOT sport", "'; DROP TABLE idx; --", "{title}: x", "^election", "a+b", "x)("]) {
      expect(() => matches(hostile), hostile).not.toThrow();
    }
    expect(matches("title:election")).toEqual([]);
    // Punctuation between words is skipped, a dash on its own included.
    expect(matches("Kyiv – Mariupol")).toEqual([]);
    expect(matches("Mariupol - theatre")).toEqual([5]);
    expect(temp.database.db.$client.prepare("SELECT count(*) FROM articles").pluck().get()).toBe(ARTICLES.length);
  });

  it.each([
    ["", "no word to look for"],
    ["   ", "no word to look for"],
    ["-- ;", "no word to look for"],
    ['"security assistance', "never closed"],
    ["OR election", "OR needs a word on each side"],
    ["election OR", "OR needs a word on each side"],
    ["election OR OR vote", "OR needs a word on each side"],
    ["election OR -sport", "cannot be an alternative"],
    ["-sport", "only excludes"],
    ["*", `"*" must end a word`],
    ["a*", "at least 2 letters"],
    ['""', "hold no word"],
    ["category:", "followed by a category name"],
    ["!!!", "no word to look for"],
  ])("then %j is refused with a message that says what is wrong", (rule, message) => {
    expect(() => parseRule(rule)).toThrow(RuleError);
    expect(() => parseRule(rule)).toThrow(message);
  });

  it("then the error points at the problem", () => {
    const error = (() => {
      try {
        parseRule('Kyiv OR "Kharkiv region');
      } catch (e) {
        return e as RuleError;
      }
    })();
    expect(error?.at).toBe(8);
  });

  it(`then a rule longer than ${MAX_RULE_LENGTH} characters is refused`, () => {
    expect(() => parseRule("word ".repeat(41))).toThrow(`at most ${MAX_RULE_LENGTH} characters`);
    expect(() => parseRule("x".repeat(10_000))).toThrow(RuleError);
  });

  it("then a rule is shown back in one canonical spelling", () => {
    expect(formatRule(parseRule('  Mariupol   OR Mykolaiv  -sport -"captain election" category:"World news"  Ukrain** '))).toBe(
      'Mariupol OR Mykolaiv category:"World news" Ukrain* -sport -"captain election"',
    );
  });
});

describe("Rules typed with odd characters or stored in their canonical text", () => {
  it("then control characters are only spaces, and a category without a letter is explained", () => {
    expect(formatRule(parseRule("kyiv\u0000metro\u0007"))).toBe("kyiv metro");
    expect(() => parseRule("category:!!!")).toThrow(/category name with letters or digits/);
  });

  it("then a rule whose canonical text is longer than typed is parsed again from that text", () => {
    const typed = 'a"b"'.repeat(50);
    expect(typed).toHaveLength(200);
    const stored = formatRule(parseRule(typed));
    expect(stored.length).toBeGreaterThan(200);
    expect(formatRule(parseRule(stored, Infinity))).toBe(stored);
  });
});

/**
 * Part of the ingest benchmark: what topic matching costs the storing of articles. The corpus's 25,000 items are
 * matched (completeFeed) and stored (storeFeedItems, one transaction per feed) into a new SQLite file, once with no
 * topics and once with 15 catalog topics (the 9 built-in and 6 more) and 1,000 users' own topics in the rule language.
 * Only matching and storing are timed; each feed is parsed beforehand, untimed. Each is repeated, medians compared.
 *
 * The users' topics: the corpus is written from about a hundred distinct words, each in at least 2% of its items, far
 * fewer than real news; a rule made only of those words would match thousands of articles a day, which a user's topic
 * does not. So most rules name places, people and things the corpus lacks (as most users' topics find nothing in a
 * given hour), and one in six pairs two of the corpus's rarer words, so that some match.
 */
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { CatalogFeed } from "../../src/catalog/load-catalog.js";
import { storeFeedItems } from "../../src/db/articles.js";
import { openDatabase } from "../../src/db/client.js";
import { syncCatalogFeeds } from "../../src/db/feeds.js";
import { completeFeed, parseFetched } from "../../src/feeds/prepare-feed.js";
import { BUILTIN_TOPICS, type TopicDefinition } from "../../src/topics/builtin-topics.js";
import { TopicMatcher, type TopicRule } from "../../src/topics/matcher.js";
import { words } from "../../src/topics/text.js";
import { buildFeed, FEED_COUNT } from "./corpus.js";
import { median } from "./report.js";

export const PERSONAL_TOPICS = 1000;

/** Six more catalog topics, so that the catalog has the 15 the measure asks for. */
const MORE_TOPICS: TopicDefinition[] = [
  { name: "Culture", categories: ["Culture", "Arts", "Культура", "Mədəniyyət"], keywords: ["museum*", "theatre*", "film festival*", "музе*", "театр*", "muzey*", "teatr*"] },
  { name: "Energy", categories: ["Energy", "Энергетика", "Енергетика", "Energetika"], keywords: ["oil", "gas price*", "pipeline*", "нефт*", "газопровод*", "нафт*", "neft*"] },
  { name: "Defence", categories: ["Defence", "Армия", "Армія", "Ordu"], keywords: ["army", "missile*", "drone*", "ракет*", "дрон*", "армі*", "raket*"] },
  { name: "Education", categories: ["Education", "Образование", "Освіта", "Təhsil"], keywords: ["universit*", "school*", "exam*", "университет*", "університет*", "universitet*"] },
  { name: "Transport", categories: ["Transport", "Транспорт", "Nəqliyyat"], keywords: ["airport*", "railway*", "metro", "аэропорт*", "аеропорт*", "hava limanı*"] },
  { name: "Crime", categories: ["Crime", "Криминал", "Кримінал", "Kriminal"], keywords: ["police", "court*", "arrest*", "полици*", "поліці*", "суд", "polis*"] },
];

/** What users follow: places, people, companies and things, in the four languages. */
const NAMES = [
  "Mariupol", "Mykolaiv", "Kherson", "Zaporizhzhia", "Sumy", "Chernihiv", "Poltava", "Uzhhorod", "Ganja", "Sumqayit", "Lankaran", "Shusha",
  "Tbilisi", "Yerevan", "Chisinau", "Vilnius", "Riga", "Tallinn", "Gdansk", "Krakow", "Novosibirsk", "Kazan", "Tesla", "Nvidia", "Airbus",
  "Boeing", "Spotify", "Maersk", "Gazprom", "SOCAR", "Naftogaz", "Ukrzaliznytsia", "Dynamo", "Shakhtar", "Qarabag", "Neftchi", "Lakers",
  "Маріуполь", "Миколаїв", "Херсон", "Запоріжжя", "Чернігів", "Одеса", "Мариуполь", "Николаев", "Казань", "Новосибирск", "Гянджа", "Şuşa",
  "Gəncə", "Lənkəran", "Sumqayıt", "Naxçıvan", "metro", "bridge", "vaccine", "lithium", "wheat", "grain", "drone", "satellite", "hydrogen",
  "бурштин", "зерно", "метро", "пшениц*", "літій", "taxıl", "buğda", "körpü", "peyk",
];

export interface TopicStoringResult {
  catalogTopics: number;
  personalTopics: number;
  repeats: number;
  noTopicsS: number;
  withTopicsS: number;
  /** Links to users' topics written per run with the topics. */
  personalLinks: number;
}

export async function measureTopicStoring(dir: string, repeats = 3): Promise<TopicStoringResult> {
  const fetchedAt = Date.now();
  const feeds: CatalogFeed[] = Array.from({ length: FEED_COUNT }, (_, i) => ({ url: `https://bench.example/${i}`, topics: [] }));
  const catalog = [...BUILTIN_TOPICS, ...MORE_TOPICS].map((t, i) => ({ id: i + 1, ...t }));
  const firstPersonal = catalog.length + 1;
  const rules: TopicRule[] = [...catalog, ...personalRules(await rareWords(fetchedAt), firstPersonal)];

  let file = 0;
  const storeAll = async (matcher: TopicMatcher) => {
    const database = openDatabase(join(dir, `topics-${file++}.db`));
    try {
      const { db } = database;
      db.$client.pragma("foreign_keys = OFF"); // the topic ids here are not rows of this file's topics table
      syncCatalogFeeds(db, feeds, fetchedAt);
      let seconds = 0;
      let personalLinks = 0;
      for (let i = 0; i < FEED_COUNT; i++) {
        const feed = buildFeed(i);
        const parsed = await parseFetched({ body: feed.body, contentType: feed.contentType, fetchedAt });
        const started = performance.now();
        const prepared = completeFeed(parsed, feed.topics, matcher);
        db.$client.transaction(() => storeFeedItems(db, i + 1, prepared.items, fetchedAt))();
        seconds += (performance.now() - started) / 1000;
        for (const item of prepared.items) personalLinks += item.topicIds.filter((id) => id >= firstPersonal).length;
      }
      return { seconds, personalLinks };
    } finally {
      database.close();
    }
  };
  const none: number[] = [];
  const withTopics: number[] = [];
  let personalLinks = 0;
  for (let r = 0; r < repeats; r++) {
    none.push((await storeAll(new TopicMatcher([]))).seconds);
    const run = await storeAll(new TopicMatcher(rules));
    withTopics.push(run.seconds);
    personalLinks = run.personalLinks;
  }
  return { catalogTopics: catalog.length, personalTopics: PERSONAL_TOPICS, repeats, noTopicsS: median(none), withTopicsS: median(withTopics), personalLinks };
}

/** The corpus's words found in fewer than 3% of a sample of its items. */
async function rareWords(fetchedAt: number): Promise<string[]> {
  const counts = new Map<string, number>();
  let items = 0;
  for (let i = 0; i < FEED_COUNT; i += 10) {
    const feed = buildFeed(i);
    for (const item of (await parseFetched({ body: feed.body, contentType: feed.contentType, fetchedAt })).items) {
      items++;
      for (const word of new Set(words(`${item.title} ${item.summary}`))) if (word.length >= 4) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return [...counts].filter(([, n]) => n / items < 0.03).map(([word]) => word).sort();
}

/** Rules like users write: a name, a prefix, two words both there, alternatives with an exclusion, a phrase. */
function personalRules(rare: readonly string[], firstId: number): TopicRule[] {
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const name = () => pick(NAMES);
  const rules: TopicRule[] = [];
  for (let i = 0; i < PERSONAL_TOPICS; i++) {
    let rule: string;
    switch (i % 6) {
      case 0: rule = `${name()} ${name()}`; break;
      case 1: rule = `${name().slice(0, 6)}* -${name()}`; break;
      case 2: rule = `${name()} OR ${name()} -sport`; break;
      case 3: rule = `"${name()} ${name()}"`; break;
      case 4: rule = `${name()} OR "${name()} ${name()}" -${name().slice(0, 4)}*`; break;
      default: rule = `${pick(rare)} ${pick(rare)}`;
    }
    rules.push({ id: firstId + i, name: rule, categories: [], keywords: [], rule });
  }
  return rules;
}

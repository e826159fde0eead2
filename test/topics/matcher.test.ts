import { describe, expect, it } from "vitest";
import { BUILTIN_TOPICS } from "../../src/topics/builtin-topics.js";
import { TopicMatcher, type MatchableArticle, type TopicRule } from "../../src/topics/matcher.js";

/** The built-in topics with ids 1..n, as the bot stores them for the default catalog. */
const BUILTIN_RULES: TopicRule[] = BUILTIN_TOPICS.map((topic, i) => ({ id: i + 1, ...topic }));

/**
 * Runs the matcher and answers with topic names (sorted), which is what a user sees. These tests are about the
 * keyword lists and how they match; the built-in topics' second opinion has its own (topic-model.test.ts).
 */
function topicsOf(rules: readonly TopicRule[], article: Partial<MatchableArticle>): string[] {
  const matcher = new TopicMatcher(rules, { secondOpinion: false });
  const ids = matcher.match({ title: "", summary: "", categories: [], ...article });
  return ids.map((id) => rules.find((r) => r.id === id)?.name ?? `unknown id ${id}`).sort();
}

const builtin = (article: Partial<MatchableArticle>) => topicsOf(BUILTIN_RULES, article);
const titled = (title: string) => builtin({ title });

/** A one-topic catalog with the given keywords, for checking the keyword rules on their own. */
function only(keywords: string[], categories: string[] = []): (text: string) => boolean {
  const rules: TopicRule[] = [{ id: 7, name: "Custom", categories, keywords }];
  return (text) => topicsOf(rules, { title: text }).includes("Custom");
}

describe("TopicMatcher: categories", () => {
  it.each(["Politics", "politics", "POLITICS", "  Politics  ", "Политика", "политика", "Політика", "Siyasət", "SİYASƏT", "Siyaset"])(
    "puts an item with category %j in Politics",
    (category) => {
      expect(builtin({ title: "Untitled item", categories: [category] })).toEqual(["Politics"]);
    },
  );

  it("matches multi-word categories such as \"World news\" and \"Война в Украине\"", () => {
    expect(builtin({ title: "x", categories: ["World news"] })).toEqual(["World"]);
    expect(builtin({ title: "x", categories: ["война в украине"] })).toEqual(["Ukraine"]);
  });

  it("leaves the broad foreign-news sections of Russian, Ukrainian and Azerbaijani feeds to the text", () => {
    // "Мир", "Світ" and "Dünya" carry every foreign story, a python in a washing machine as much as a summit.
    expect(builtin({ title: "Питон залез в стиральную машину", categories: ["Мир"] })).toEqual([]);
    expect(builtin({ title: "Пітон заліз у пральну машину", categories: ["Світ"] })).toEqual([]);
  });

  it("does not treat a category that merely contains a topic's category as a match", () => {
    expect(builtin({ title: "x", categories: ["Politics of food"] })).toEqual([]);
    expect(builtin({ title: "x", categories: ["Geopolitics"] })).toEqual([]);
  });

  it("ignores an unknown category", () => {
    expect(builtin({ title: "Recipe of the day", categories: ["Cooking"] })).toEqual([]);
  });
});

describe("TopicMatcher: plain keywords are whole words", () => {
  it("matches a plain keyword as a whole word, not as part of a longer word", () => {
    const election = only(["election"]);
    expect(election("The election is on Sunday")).toBe(true);
    expect(election("Elections are on Sunday")).toBe(false);
    expect(election("Her reelection bid")).toBe(false);
  });

  it("does not let a plain keyword match a longer form, nor the longer keyword the shorter word", () => {
    expect(only(["president"])("Presidential debate tonight")).toBe(false);
    expect(only(["president"])("The President spoke")).toBe(true);
    expect(only(["presidential"])("The President spoke")).toBe(false);
  });

  it("keyword AI does not fire on \"said\", \"Taiwan\", \"maid\" or \"AIDS\"", () => {
    expect(titled("He said the Taiwan trip went fine")).toEqual([]);
    expect(titled("Hotel maid wins lottery")).toEqual([]);
    expect(only(["AI"])("AIDS conference opens")).toBe(false);
  });

  it("keyword AI fires on the word AI, in any case and next to punctuation", () => {
    expect(titled("New AI model released")).toEqual(["Technology"]);
    expect(titled("Regulators look at ai-generated images")).toEqual(["Technology"]);
    expect(titled("Why everyone talks about (AI)")).toEqual(["Technology"]);
  });

  it("keyword health does not fire on \"healthy\"", () => {
    expect(titled("Healthy breakfast ideas")).toEqual([]);
    expect(titled("Public health warning issued")).toEqual(["Health"]);
  });
});

describe("TopicMatcher: prefix keywords", () => {
  it("built-in president* matches president, presidents and presidential", () => {
    expect(titled("The president spoke")).toEqual(["Politics"]);
    expect(titled("Former presidents meet")).toEqual(["Politics"]);
    expect(titled("Presidential debate tonight")).toEqual(["Politics"]);
  });

  it("a prefix keyword matches words that start with it, never words that only contain it", () => {
    const chip = only(["chip*"]);
    expect(chip("Chip shortage eases")).toBe(true);
    expect(chip("Chipmakers report profits")).toBe(true);
    expect(chip("New microchips unveiled")).toBe(false);
  });

  it.each([
    ["Ukrainian troops advance"],
    ["UKRAINE'S ENERGY GRID"],
    ["Україна отримала допомогу"],
    ["Новини з України"],
    ["УКРАЇНСЬКІ військові"],
    ["Новости Украины"],
    ["украинские беженцы"],
    ["Ukraynada seçki"],
  ])("puts %j in Ukraine", (title) => {
    expect(titled(title)).toContain("Ukraine");
  });

  it("does not match a prefix in the middle of a word", () => {
    expect(only(["Ukrain*"])("Antiukrainian slogans")).toBe(false);
    expect(only(["Ukrain*"])("Anti-Ukrainian slogans")).toBe(true);
  });
});

describe("TopicMatcher: phrases", () => {
  it("matches a multi-word phrase only as consecutive words", () => {
    const pm = only(["prime minister"]);
    expect(pm("Prime Minister resigns")).toBe(true);
    expect(pm("The prime\nminister, again")).toBe(true);
    expect(pm("prime-minister visits")).toBe(true);
    expect(pm("Minister of prime importance")).toBe(false);
    expect(pm("A prime example from the minister")).toBe(false);
  });

  it("the last word of a plain phrase is whole; of a starred phrase a prefix", () => {
    expect(only(["prime minister"])("Prime ministers meet")).toBe(false);
    expect(only(["prime minist*"])("Prime ministers meet")).toBe(true);
  });

  it("matches the Ukrainian \"верховна рада\" in any case and inflection listed", () => {
    expect(titled("Верховна Рада ухвалила закон")).toEqual(["Politics", "Ukraine"]);
    expect(titled("ВЕРХОВНА РАДА ухвалила закон")).toEqual(["Politics", "Ukraine"]);
    expect(titled("Засідання Верховної Ради")).toEqual(["Politics", "Ukraine"]);
    expect(titled("Рада директорів зібралася")).toEqual([]);
  });

  it("matches the English built-in phrases", () => {
    expect(titled("Interest rates rise again")).toEqual(["Economy"]);
    expect(titled("Fears over global warming grow")).toEqual(["Climate"]);
    expect(titled("United Nations calls for talks")).toEqual(["World"]);
  });

  // BUG: "ключев* ставк*", "искусственн* интеллект*" and "штучн* інтелект*" have a star on their first word, but the
  // matcher honours a star only on the last word of a phrase, so these built-in keywords match no real text.
  it("matches starred words inside built-in phrases (Russian \"ключевую ставку\")", () => {
    expect(titled("Банк России сохранил ключевую ставку")).toEqual(["Economy"]);
  });

  it("matches starred words inside built-in phrases (\"искусственный интеллект\", \"штучний інтелект\")", () => {
    expect(titled("Искусственный интеллект заменит юристов")).toEqual(["Technology"]);
    expect(titled("Штучний інтелект у школах")).toEqual(["Technology"]);
  });

  // The same defect with a catalog's own topics: README promises `prefix*` words, wherever they stand.
  it("a star on the first word of a custom phrase makes that word a prefix", () => {
    expect(only(["econom* polic*"])("New economic policy announced")).toBe(true);
  });
});

describe("TopicMatcher: case, diacritics and scripts", () => {
  it("ignores diacritics in the text and in the keyword", () => {
    expect(titled("Zélensky addresses the nation")).toEqual(["Ukraine"]);
    expect(titled("ZELENSKYY addresses the nation")).toEqual(["Ukraine"]);
    expect(only(["Zélensky"])("Zelensky visits Paris")).toBe(true);
  });

  it("ignores case in Latin and Cyrillic", () => {
    expect(titled("KYIV under attack")).toEqual(["Ukraine"]);
    expect(titled("ЗЕЛЕНСЬКИЙ ЗВЕРНУВСЯ")).toEqual(["Ukraine"]);
    expect(titled("зеленский заявил")).toEqual(["Ukraine"]);
    expect(titled("НАТО проводить навчання")).toEqual(["World"]);
  });

  it("matches possessives with straight and curly apostrophes", () => {
    expect(titled("Kyiv's metro reopens")).toEqual(["Ukraine"]);
    expect(titled("Kyiv’s metro reopens")).toEqual(["Ukraine"]);
    expect(titled("Ukraine's harvest")).toEqual(["Ukraine"]);
  });

  it("matches Azerbaijani keywords", () => {
    expect(titled("Milli Məclisdə yeni qanun")).toEqual(["Politics"]);
    expect(titled("Prezident İlham Əliyev")).toEqual(["Politics"]);
  });

  it("looks at the summary as well as the title", () => {
    expect(builtin({ title: "Breaking", summary: "The telescope found a new planet." })).toEqual(["Science"]);
  });
});

describe("TopicMatcher: feed topics and several topics", () => {
  it("puts every item of a feed in the feed's topics, whatever its text", () => {
    expect(builtin({ title: "Morning briefing", feedTopics: ["Sports"] })).toEqual(["Sports"]);
    expect(builtin({ title: "Morning briefing", feedTopics: [" sports ", "CLIMATE"] })).toEqual(["Climate", "Sports"]);
  });

  it("ignores a feed topic that is not a topic of the catalog", () => {
    expect(builtin({ title: "Morning briefing", feedTopics: ["Gossip"] })).toEqual([]);
  });

  it("puts an article in every topic it belongs to, each once", () => {
    const article = {
      title: "Zelensky and NATO leaders discuss climate at summit",
      summary: "The president said the summit was about Ukraine.",
      categories: ["World", "Politics"],
      feedTopics: ["World"],
    };
    const matcher = new TopicMatcher(BUILTIN_RULES, { secondOpinion: false });
    const ids = matcher.match(article);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.map((id) => BUILTIN_RULES[id - 1]!.name).sort()).toEqual(["Climate", "Politics", "Ukraine", "World"]);
  });

  it("finds no topic in an empty article or in unrelated text", () => {
    expect(builtin({})).toEqual([]);
    expect(titled("Local bakery wins award for its sourdough")).toEqual([]);
  });

  it("uses the ids it was given", () => {
    const rules: TopicRule[] = [
      { id: 42, name: "Cats", categories: ["Pets"], keywords: ["cat*"] },
      { id: 7, name: "Dogs", categories: [], keywords: ["dog"] },
    ];
    const matcher = new TopicMatcher(rules);
    expect(matcher.match({ title: "Cats and a dog", summary: "", categories: [] }).sort((a, b) => a - b)).toEqual([7, 42]);
    expect(matcher.match({ title: "x", summary: "", categories: ["pets"] })).toEqual([42]);
  });
});

describe("TopicMatcher: symbols that fold into letters", () => {
  it("reads a word written with compatibility symbols as its letters (5㎏ is 5kg, №5 is no5)", () => {
    expect(only(["5kg"])("Sugar sold in 5㎏ packs")).toBe(true);
    expect(only(["no5"])("Закон №5 принят")).toBe(true);
  });

  it("gives the same topics whether a matcher has seen a word before or not", () => {
    const matcher = new TopicMatcher(BUILTIN_RULES);
    const article = { title: "Зеленський і парламент", summary: "Kyiv: the president met lawmakers", categories: [] };
    const first = matcher.match(article).sort();
    expect(matcher.match(article).sort()).toEqual(first);
    expect(first.length).toBeGreaterThan(1);
  });
});

describe("TopicMatcher: words that count only together", () => {
  const rules: TopicRule[] = [
    { id: 1, name: "Politics", categories: [], keywords: ["election*", "cabinet & minister*|government"], exclude: ["kitchen"] },
    { id: 2, name: "World", categories: [], keywords: ["France|Germany & election*|prime minister*"] },
  ];
  const names = (title: string, summary = "") => topicsOf(rules, { title, summary });

  it("matches when one word of each part is found, in the title or the summary", () => {
    expect(names("Cabinet meets", "The minister said so.")).toEqual(["Politics"]);
    expect(names("Germany's new prime minister sworn in")).toEqual(["World"]);
    expect(names("France votes", "The election ends today.")).toEqual(["Politics", "World"]);
  });

  it("does not match on one part alone", () => {
    expect(names("New cabinet for the office")).toEqual([]);
    expect(names("Minister visits school")).toEqual([]);
    expect(names("France beat Germany")).toEqual([]);
  });

  it("is kept out by the topic's exclusions like any keyword, and reported once", () => {
    expect(names("Kitchen cabinet chosen by the minister")).toEqual([]);
    expect(names("Cabinet election: the minister wins")).toEqual(["Politics"]);
  });
});

describe("TopicMatcher: exclusions", () => {
  const rules: TopicRule[] = [
    { id: 1, name: "Politics", categories: ["Politics"], keywords: ["president*", "election*"], exclude: ["football", "club*", "captain election"] },
    { id: 2, name: "Sports", categories: [], keywords: ["football"] },
  ];

  it("then a word, prefix or phrase of the exclusions keeps an article out of the topic, whatever else matched", () => {
    expect(topicsOf(rules, { title: "President signs the election law" })).toEqual(["Politics"]);
    expect(topicsOf(rules, { title: "Football federation elects a new president" })).toEqual(["Sports"]);
    expect(topicsOf(rules, { title: "Club presidents meet", categories: ["Politics"] })).toEqual([]);
    expect(topicsOf(rules, { title: "Squad holds a captain election" })).toEqual([]);
    expect(topicsOf(rules, { title: "The captain's election speech" })).toEqual(["Politics"]);
  });

  it("then an exclusion does not override the topics the catalog gives a whole feed", () => {
    expect(topicsOf(rules, { title: "Club presidents meet", feedTopics: ["Politics"] })).toEqual(["Politics"]);
  });

  it("then the built-in topics leave sports bodies, chicken Kiev and stars merely born in Ukraine alone", () => {
    expect(titled("Infantino re-elected Fifa president at the congress")).not.toContain("Politics");
    expect(titled("Chicken Kiev tops the pub menu ranking")).not.toContain("Ukraine");
    expect(titled("Ukrainian-born actress wins at Venice")).not.toContain("Ukraine");
    // Ukraine's culture abroad is still Ukraine.
    expect(titled("Ukrainian food festival draws crowds to Toronto")).toContain("Ukraine");
    expect(titled("President Zelensky meets Ukrainian lawmakers in Kyiv")).toEqual(["Politics", "Ukraine"]);
  });
});

describe("TopicMatcher: users' own topics, written as rules", () => {
  const rules: TopicRule[] = [
    { id: 1, name: "Ukraine", categories: ["Ukraine"], keywords: ["Kyiv"] },
    { id: 2, name: "Kyiv metro", categories: [], keywords: [], rule: "Kyiv metro" },
    { id: 3, name: "Mariupol OR Mykolaiv -sport", categories: [], keywords: [], rule: "Mariupol OR Mykolaiv -sport" },
    { id: 4, name: "Ukraine", categories: [], keywords: [], rule: '"power grid" category:Ukraine' },
    { id: 5, name: "broken", categories: [], keywords: [], rule: '"never closed' },
  ];
  const names = (article: Partial<MatchableArticle>) => new TopicMatcher(rules).match({ title: "", summary: "", categories: [], ...article }).sort();

  it("then words side by side must all be found, in title or summary", () => {
    expect(names({ title: "Kyiv metro opens a station" })).toEqual([1, 2]);
    expect(names({ title: "Kyiv mayor speaks", summary: "The metro runs late tonight" })).toEqual([1, 2]);
    expect(names({ title: "Kyiv mayor speaks" })).toEqual([1]);
    expect(names({ title: "Metro fares rise" })).toEqual([]);
  });

  it("then OR takes either word and an exclusion keeps the article out", () => {
    expect(names({ title: "Mykolaiv gets water again" })).toEqual([3]);
    expect(names({ title: "Mariupol theatre reopens" })).toEqual([3]);
    expect(names({ title: "Mariupol sport club returns" })).toEqual([]);
  });

  it("then a phrase and a category must both hold, and a phrase never runs from the title into the summary", () => {
    expect(names({ title: "Strikes on the power grid", categories: ["Ukraine"] })).toEqual([1, 4]);
    expect(names({ title: "Strikes on the power grid" })).toEqual([]);
    expect(names({ title: "Strikes on power", summary: "grid operators say", categories: ["Ukraine"] })).toEqual([1]);
  });

  it("then a user's topic named like a catalog topic never takes that topic's feeds, and a broken stored rule matches nothing", () => {
    expect(names({ title: "Weather", feedTopics: ["Ukraine"] })).toEqual([1]);
  });

  it("then a thousand users' topics give each article exactly the topics whose rules it satisfies", () => {
    const places = ["Kyiv", "Lviv", "Odesa", "Kharkiv", "Dnipro", "Baku", "Ganja", "Tbilisi", "Warsaw", "Berlin"];
    const things = ["metro", "airport", "port", "theatre", "bridge", "school", "hospital", "market", "stadium", "museum"];
    const many: TopicRule[] = [];
    for (let i = 0; i < 1000; i++) {
      const place = places[i % 10]!;
      const thing = things[Math.floor(i / 10) % 10]!;
      const rule = i % 3 === 0 ? `${place} ${thing}` : i % 3 === 1 ? `"${place} ${thing}" OR ${thing}s -closed` : `${place.slice(0, 4)}* ${thing} -rumour`;
      many.push({ id: i + 1, name: rule, categories: [], keywords: [], rule });
    }
    const matcher = new TopicMatcher(many);
    const article = { title: "Lviv airport reopens", summary: "Flights to Warsaw resume; the museum stays closed", categories: [] };
    const found = new Set(matcher.match(article));
    for (const topic of many) {
      const single = new TopicMatcher([topic]).match(article).length > 0;
      expect(found.has(topic.id), String(topic.rule)).toBe(single);
    }
    expect(found.size).toBeGreaterThan(5);
  });
});

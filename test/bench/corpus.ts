/**
 * The benchmark's feeds: 500 RSS 2.0 and Atom documents of 50 items each, shaped like what BBC, the Guardian, Meduza,
 * Ukrainska Pravda, APA and WordPress-style Atom publishers send, in English, Russian, Ukrainian and Azerbaijani.
 *
 * Every feed is built from its own seeded generator, so `buildFeed(i)` returns the same bytes in every process and run,
 * and feeds can be built one at a time. Guids and links are unique across all feeds, so every item is a new article.
 */
import iconv from "iconv-lite";

export const FEED_COUNT = 500;
export const ITEMS_PER_FEED = 50;
export const HOST_COUNT = 25;
export const FEEDS_PER_HOST = FEED_COUNT / HOST_COUNT;
const SEED = 20_260_115;

/** The loopback address of host `h`: 127.0.0.2 … 127.0.0.26 (Linux routes all of 127.0.0.0/8 to lo). */
export function hostAddress(host: number): string {
  return `127.0.0.${host + 2}`;
}

export type Language = "en" | "ru" | "uk" | "az";
export type Style = "bbc" | "guardian" | "meduza" | "pravda" | "legacy" | "apa" | "atom";
export type Encoding = "utf-8" | "windows-1251";

interface Profile {
  style: Style;
  language: Language;
  encoding: Encoding;
}

// Feed i gets PROFILES[i % 10]: 70% RSS 2.0, 30% Atom, 20% windows-1251.
const PROFILES: readonly Profile[] = [
  { style: "bbc", language: "en", encoding: "utf-8" },
  { style: "guardian", language: "en", encoding: "utf-8" },
  { style: "meduza", language: "ru", encoding: "utf-8" },
  { style: "pravda", language: "uk", encoding: "windows-1251" },
  { style: "apa", language: "az", encoding: "utf-8" },
  { style: "atom", language: "en", encoding: "utf-8" },
  { style: "legacy", language: "ru", encoding: "windows-1251" },
  { style: "atom", language: "uk", encoding: "utf-8" },
  { style: "pravda", language: "uk", encoding: "utf-8" },
  { style: "atom", language: "az", encoding: "utf-8" },
];

export interface CorpusFeed extends Profile {
  index: number;
  /** Which of the HOST_COUNT servers serves it. */
  host: number;
  path: string;
  name: string;
  /** Catalog topics of the feed (names of built-in topics). */
  topics: string[];
  /** As sent; windows-1251 feeds name their charset here only when `charsetInHeader`, else only in `<?xml … ?>`. */
  contentType: string;
  charsetInHeader: boolean;
  /** The document's bytes in its encoding, uncompressed. */
  body: Buffer;
  /** Served with Content-Encoding: gzip. */
  gzip: boolean;
  etag: string;
  lastModified: string | null;
  items: number;
}

/** Builds feed `index` (0 … FEED_COUNT-1); the same bytes every time. */
export function buildFeed(index: number): CorpusFeed {
  const profile = PROFILES[index % PROFILES.length]!;
  const rng = seeded(SEED, index);
  const w = new Writer(rng, profile.language);
  const feed: FeedContext = { index, rng, w, built: FEED_BUILT - index * 97_000, section: pick(rng, SECTIONS) };
  const xml = DOCUMENTS[profile.style](feed);
  const body = profile.encoding === "utf-8" ? Buffer.from(xml, "utf8") : iconv.encode(xml, "windows-1251");
  const charsetInHeader = profile.encoding === "utf-8" ? rng() < 0.7 : Math.floor(index / PROFILES.length) % 2 === 0;
  const mime = profile.style === "atom" ? "application/atom+xml" : pick(rng, ["application/rss+xml", "application/xml", "text/xml"]);
  return {
    ...profile,
    index,
    host: Math.floor(index / FEEDS_PER_HOST),
    path: PATHS[profile.style](index, feed.section),
    name: `${NAMES[profile.style]} #${index}`,
    topics: profile.style === "bbc" ? [feed.section.topic] : [],
    contentType: charsetInHeader ? `${mime}; charset=${profile.encoding === "utf-8" ? pick(rng, ["utf-8", "UTF-8"]) : "windows-1251"}` : mime,
    charsetInHeader,
    body,
    gzip: rng() < 0.4,
    etag: `${rng() < 0.3 ? "W/" : ""}"${index.toString(16)}-${Math.floor(rng() * 2 ** 32).toString(16)}"`,
    lastModified: rng() < 0.5 ? new Date(feed.built).toUTCString() : null,
    items: ITEMS_PER_FEED,
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Documents, one builder per publisher style
// ---------------------------------------------------------------------------------------------------------------------

const FEED_BUILT = Date.UTC(2026, 0, 15, 12, 0, 0);
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

interface Section {
  slug: string;
  title: string;
  topic: string;
}

const SECTIONS: readonly Section[] = [
  { slug: "world", title: "World", topic: "World" },
  { slug: "politics", title: "Politics", topic: "Politics" },
  { slug: "business", title: "Business", topic: "Economy" },
  { slug: "technology", title: "Technology", topic: "Technology" },
  { slug: "science_and_environment", title: "Science & Environment", topic: "Science" },
  { slug: "health", title: "Health", topic: "Health" },
  { slug: "europe", title: "Europe", topic: "Ukraine" },
];

interface FeedContext {
  index: number;
  rng: Rng;
  w: Writer;
  /** When the feed was last built; items are older. */
  built: number;
  section: Section;
}

interface ItemContext {
  /** Unique across the corpus. */
  id: number;
  published: number;
  headline: string;
}

const NAMES: Record<Style, string> = {
  bbc: "BBC News",
  guardian: "The Guardian",
  meduza: "Meduza",
  pravda: "Українська правда",
  legacy: "Регион-Новости",
  apa: "APA",
  atom: "Atom blog",
};

const PATHS: Record<Style, (index: number, section: Section) => string> = {
  bbc: (i, s) => `/news/${s.slug}-${i}/rss.xml`,
  guardian: (i, s) => `/${s.slug}/${i}/rss`,
  meduza: (i) => `/rss/all-${i}`,
  pravda: (i) => `/rss/view_${i}/`,
  legacy: (i) => `/export/rss2/news-${i}.xml`,
  apa: (i) => `/rss/${i}.xml`,
  atom: (i) => `/feeds/${i}/posts/default`,
};

const DOCUMENTS: Record<Style, (feed: FeedContext) => string> = {
  bbc: (feed) =>
    rss(
      feed,
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom" version="2.0" xmlns:media="http://search.yahoo.com/mrss/"',
      [
        `<title>${cdata(`BBC News - ${feed.section.title}`)}</title>`,
        `<description>${cdata(`BBC News - ${feed.section.title}`)}</description>`,
        `<link>https://www.bbc.co.uk/news/${feed.section.slug}</link>`,
        `<image><url>https://news.bbcimg.co.uk/nol/shared/img/bbc_news_120x60.gif</url><title>BBC News - ${esc(feed.section.title)}</title><link>https://www.bbc.co.uk/news/${feed.section.slug}</link></image>`,
        "<generator>RSS for Node</generator>",
        `<lastBuildDate>${new Date(feed.built).toUTCString()}</lastBuildDate>`,
        `<atom:link href="https://feeds.bbci.co.uk/news/${feed.section.slug}/rss.xml" rel="self" type="application/rss+xml"/>`,
        `<copyright>${cdata("Copyright: (C) British Broadcasting Corporation, see https://www.bbc.co.uk/usingthebbc/terms-of-use/#15metadataandrssfeeds for terms and conditions of reuse.")}</copyright>`,
        `<language>${cdata("en-gb")}</language>`,
        "<ttl>15</ttl>",
      ],
      (item) => {
        const slug = `c${item.id.toString(36).padStart(4, "0")}${token(feed.rng, 7)}`;
        const link = `https://www.bbc.com/news/articles/${slug}`;
        return [
          `<title>${cdata(item.headline)}</title>`,
          `<description>${cdata(feed.w.sentence())}</description>`,
          `<link>${link}?at_medium=RSS&amp;at_campaign=rss</link>`,
          `<guid isPermaLink="false">${link}#0</guid>`,
          `<pubDate>${rfc822(item.published, 0)}</pubDate>`,
          `<media:thumbnail width="240" height="135" url="https://ichef.bbci.co.uk/ace/standard/240/cpsprodpb/${token(feed.rng, 4)}/live/${uuid(feed.rng)}.jpg"/>`,
        ];
      },
    ),

  guardian: (feed) =>
    rss(
      feed,
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" version="2.0"',
      [
        `<title>${esc(feed.section.title)} | The Guardian</title>`,
        `<link>https://www.theguardian.com/${feed.section.slug}</link>`,
        `<description>Latest ${esc(feed.section.title)} news, comment and analysis from the Guardian, the world&#x2019;s leading liberal voice</description>`,
        "<language>en-gb</language>",
        "<copyright>Guardian News and Media Limited or its affiliated companies. All rights reserved. 2026</copyright>",
        `<pubDate>${rfc822(feed.built, 0)}</pubDate>`,
        `<dc:date>${iso(feed.built, 0)}</dc:date>`,
        "<dc:language>en-gb</dc:language>",
        "<dc:rights>Guardian News and Media Limited or its affiliated companies. All rights reserved. 2026</dc:rights>",
        "<image><title>The Guardian</title><url>https://assets.guim.co.uk/images/guardian-logo-rss.c45beb1bafa34b347ac333af2e6fe23f.png</url><link>https://www.theguardian.com</link></image>",
      ],
      (item) => {
        const date = new Date(item.published);
        const link = `https://www.theguardian.com/${feed.section.slug}/${date.getUTCFullYear()}/${MONTHS[date.getUTCMonth()]}/${pad2(date.getUTCDate())}/${slug(item)}`;
        const paragraphs = feed.w.sentences(2, 5).map((s) => `<p>${s}</p>`);
        const bullets = chance(feed.rng, 0.4) ? `<ul><li><p>${feed.w.sentence()}</p></li><li><p>${feed.w.sentence()}</p></li></ul>` : "";
        const description = `${paragraphs.join(" ")}${bullets} <p><a href="${link}">Continue reading...</a></p>`;
        const image = () => `https://i.guim.co.uk/img/media/${hex(feed.rng, 40)}/0_0_5000_3000/master/5000.jpg`;
        const credit = `Photograph: ${pick(feed.rng, PEOPLE.en)}/${pick(feed.rng, ["Reuters", "AP", "AFP/Getty Images", "EPA"])}`;
        return [
          `<title>${esc(item.headline)}</title>`,
          `<link>${link}</link>`,
          `<description>${esc(description)}</description>`,
          ...sample(feed.rng, CATEGORIES.en, 3, 8).map((c) => `<category domain="https://www.theguardian.com/${slugify(c)}">${esc(c)}</category>`),
          `<pubDate>${rfc822(item.published, 0)}</pubDate>`,
          `<guid>${link}</guid>`,
          `<media:content width="140" url="${image()}?width=140&amp;quality=85&amp;auto=format&amp;fit=max&amp;s=${hex(feed.rng, 32)}"><media:credit scheme="urn:ebu">${esc(credit)}</media:credit></media:content>`,
          `<media:content width="460" url="${image()}?width=460&amp;quality=85&amp;auto=format&amp;fit=max&amp;s=${hex(feed.rng, 32)}"><media:credit scheme="urn:ebu">${esc(credit)}</media:credit></media:content>`,
          `<dc:creator>${esc(pick(feed.rng, PEOPLE.en))}</dc:creator>`,
          `<dc:date>${iso(item.published, 0)}</dc:date>`,
        ];
      },
    ),

  meduza: (feed) =>
    rss(
      feed,
      'version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:yandex="http://news.yandex.ru" xmlns:media="http://search.yahoo.com/mrss/"',
      [
        "<title>Meduza — Новости</title>",
        "<link>https://meduza.io</link>",
        "<description>Самые важные новости дня</description>",
        "<language>ru</language>",
        `<atom:link href="https://meduza.io/rss/all" rel="self" type="application/rss+xml"/>`,
        `<lastBuildDate>${rfc822(feed.built, 180)}</lastBuildDate>`,
      ],
      (item) => {
        const date = new Date(item.published);
        const link = `https://meduza.io/news/${date.getUTCFullYear()}/${pad2(date.getUTCMonth() + 1)}/${pad2(date.getUTCDate())}/n${item.id}-${token(feed.rng, 6)}`;
        const image = chance(feed.rng, 0.5) ? `<p><img src="https://meduza.io/imgly/share/${item.id}/w1200" alt=""></p>` : "";
        const description = `${feed.w.sentences(1, 4).map((s) => `<p>${s}</p>`).join("")}${image}`;
        return [
          `<title>${esc(item.headline)}</title>`,
          `<link>${link}</link>`,
          `<description>${cdata(description)}</description>`,
          `<pubDate>${rfc822(item.published, 180)}</pubDate>`,
          `<guid isPermaLink="true">${link}</guid>`,
          `<enclosure url="https://meduza.io/imgly/share/${item.id}/w1200.png" type="image/png" length="0"/>`,
          ...(chance(feed.rng, 0.5) ? [`<category>${esc(pick(feed.rng, CATEGORIES.ru))}</category>`] : []),
        ];
      },
    ),

  pravda: (feed) =>
    rss(
      feed,
      'version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"',
      [
        "<title>Українська правда</title>",
        "<link>https://www.pravda.com.ua/</link>",
        "<description>Українська правда — новини України та світу</description>",
        "<language>uk</language>",
        `<lastBuildDate>${rfc822(feed.built, 120)}</lastBuildDate>`,
        "<image><url>https://img.pravda.com/images/up_for_rss.png</url><title>Українська правда</title><link>https://www.pravda.com.ua/</link></image>",
      ],
      (item) => {
        const date = new Date(item.published);
        const link = `https://www.pravda.com.ua/news/${date.getUTCFullYear()}/${pad2(date.getUTCMonth() + 1)}/${pad2(date.getUTCDate())}/${7_400_000 + item.id}/`;
        const fullText = chance(feed.rng, 0.5)
          ? [`<content:encoded>${cdata(feed.w.sentences(3, 7).map((s) => `<p>${s}</p>`).join("\n") + `<p><strong>Нагадаємо:</strong> ${feed.w.sentence()}</p>`)}</content:encoded>`]
          : [];
        return [
          `<title>${esc(item.headline)}</title>`,
          `<link>${link}</link>`,
          `<description>${cdata(feed.w.sentences(1, 2).join(" "))}</description>`,
          `<category>${esc(pick(feed.rng, CATEGORIES.uk))}</category>`,
          `<pubDate>${rfc822(item.published, 120)}</pubDate>`,
          `<guid>${link}</guid>`,
          `<dc:creator>${esc(pick(feed.rng, PEOPLE.uk))}</dc:creator>`,
          ...fullText,
        ];
      },
    ),

  legacy: (feed) =>
    rss(
      feed,
      'version="2.0" xmlns="http://backend.userland.com/rss2" xmlns:yandex="http://news.yandex.ru"',
      [
        `<title>Регион-Новости: новости региона №${feed.index}</title>`,
        `<link>http://region${feed.index}.news.example.ru/</link>`,
        "<description>Новости, события, происшествия</description>",
        `<image><url>http://region${feed.index}.news.example.ru/i/logo.gif</url><title>Регион-Новости</title><link>http://region${feed.index}.news.example.ru/</link></image>`,
      ],
      (item) => {
        const link = `http://region${feed.index}.news.example.ru/news/${item.id}.html`;
        return [
          `<title>${esc(item.headline)}</title>`,
          `<link>${link}</link>`,
          `<description>${esc(feed.w.sentences(1, 2).join(" "))} &quot;${esc(feed.w.phrase(2, 4))}&quot;&#160;&#8212; ${esc(feed.w.phrase(3, 6))}.</description>`,
          `<author>${esc(pick(feed.rng, PEOPLE.ru))}</author>`,
          ...sample(feed.rng, CATEGORIES.ru, 1, 2).map((c) => `<category>${esc(c)}</category>`),
          `<enclosure url="http://region${feed.index}.news.example.ru/upload/${item.id}.jpg" type="image/jpeg"/>`,
          `<pubDate>${rfc822(item.published, 180)}</pubDate>`,
          `<guid isPermaLink="true">${link}</guid>`,
          `<yandex:full-text>${esc(feed.w.sentences(4, 10).join("\n"))}</yandex:full-text>`,
        ];
      },
    ),

  apa: (feed) =>
    rss(
      feed,
      'version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"',
      [
        "<title>APA.az - Xəbərlər</title>",
        "<link>https://apa.az</link>",
        "<description>Azərbaycan və dünya xəbərləri</description>",
        "<language>az</language>",
        `<atom:link href="https://apa.az/rss" rel="self" type="application/rss+xml"/>`,
        `<pubDate>${rfc822(feed.built, 240)}</pubDate>`,
      ],
      (item) => {
        const category = pick(feed.rng, CATEGORIES.az);
        const link = `https://apa.az/${slugify(category)}/${slugify(item.headline)}-${800_000 + item.id}`;
        return [
          `<title>${esc(item.headline)}</title>`,
          `<link>${link}</link>`,
          `<description>${cdata(feed.w.sentences(1, 3).map((s) => `<p>${s}</p>`).join(""))}</description>`,
          `<pubDate>${rfc822(item.published, 240)}</pubDate>`,
          `<category>${esc(category)}</category>`,
          `<guid isPermaLink="false">apa-${800_000 + item.id}</guid>`,
          `<enclosure url="https://apa.az/storage/news/2026/january/15/big/${token(feed.rng, 12)}.jpg" type="image/jpeg" length="${int(feed.rng, 20_000, 300_000)}"/>`,
        ];
      },
    ),

  atom: (feed) => {
    const site = `https://blog${feed.index}.example.${feed.w.language === "en" ? "com" : feed.w.language === "az" ? "az" : "ua"}`;
    const offset = feed.w.language === "az" ? 240 : feed.w.language === "en" ? 0 : 120;
    const entries = items(feed, (item) => {
      const link = `${site}/${new Date(item.published).getUTCFullYear()}/${slug(item)}/`;
      const embed = chance(feed.rng, 0.1)
        ? `<blockquote class="twitter-tweet"><p lang="${feed.w.language}">${feed.w.sentence()}</p>&mdash; ${feed.w.phrase(1, 2)} <a href="https://twitter.com/x/status/${item.id}">January 15, 2026</a></blockquote><script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>`
        : "";
      const content = [
        `<figure class="wp-block-image"><img src="${site}/wp-content/uploads/2026/01/${token(feed.rng, 10)}.jpg" alt="${feed.w.phrase(2, 4)}" width="1024" height="576"/><figcaption>${feed.w.phrase(4, 8)}</figcaption></figure>`,
        ...feed.w.sentences(3, 8).map((s) => `<p>${s}</p>`),
        embed,
        `<p>The post <a rel="nofollow" href="${link}">${feed.w.phrase(3, 5)}</a> appeared first on <a rel="nofollow" href="${site}">Blog ${feed.index}</a>.</p>`,
      ].join("\n");
      const author = pick(feed.rng, PEOPLE[feed.w.language]);
      return [
        "<entry>",
        `<title type="html">${esc(item.headline)}</title>`,
        `<link rel="alternate" type="text/html" href="${link}"/>`,
        `<id>tag:blog${feed.index}.example,2026:post-${item.id}</id>`,
        `<published>${iso(item.published, offset)}</published>`,
        `<updated>${iso(item.published + 600_000, offset)}</updated>`,
        `<author><name>${esc(author)}</name><uri>${site}/author/${slugify(author) || "editor"}/</uri></author>`,
        ...sample(feed.rng, CATEGORIES[feed.w.language], 1, 4).map((c) => `<category scheme="${site}/category/" term="${esc(c)}" label="${esc(c)}"/>`),
        `<summary type="html">${esc(feed.w.sentences(1, 2).map((s) => `<p>${s}</p>`).join(""))}</summary>`,
        `<content type="html" xml:base="${link}">${esc(content)}</content>`,
        "</entry>",
      ].join("\n    ");
    });
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://purl.org/syndication/thread/1.0" xml:lang="${feed.w.language}">`,
      `  <title type="text">Blog ${feed.index}</title>`,
      `  <subtitle type="text">${esc(feed.w.phrase(4, 7))}</subtitle>`,
      `  <updated>${iso(feed.built, offset)}</updated>`,
      `  <link rel="alternate" type="text/html" href="${site}/"/>`,
      `  <id>${site}/feed/atom/</id>`,
      `  <link rel="self" type="application/atom+xml" href="${site}/feed/atom/"/>`,
      '  <generator uri="https://wordpress.org/" version="6.7.1">WordPress</generator>',
      `  ${entries.join("\n  ")}`,
      "</feed>",
      "",
    ].join("\n");
  },
};

/** An RSS 2.0 document; the XML declaration names windows-1251 for the Cyrillic feeds that use it. */
function rss(feed: FeedContext, rssAttributes: string, channel: string[], item: (item: ItemContext) => string[]): string {
  const encoding = PROFILES[feed.index % PROFILES.length]!.encoding;
  const body = items(feed, (i) => `<item>\n      ${item(i).join("\n      ")}\n    </item>`);
  return [
    `<?xml version="1.0" encoding="${encoding === "utf-8" ? "UTF-8" : "windows-1251"}"?>`,
    `<rss ${rssAttributes}>`,
    "  <channel>",
    ...channel.map((line) => `    ${line}`),
    ...body.map((line) => `    ${line}`),
    "  </channel>",
    "</rss>",
    "",
  ].join("\n");
}

function items(feed: FeedContext, render: (item: ItemContext) => string): string[] {
  const out: string[] = [];
  let published = feed.built - int(feed.rng, 1, 20) * 60_000;
  for (let i = 0; i < ITEMS_PER_FEED; i++) {
    out.push(render({ id: feed.index * ITEMS_PER_FEED + i, published, headline: feed.w.headline() }));
    published -= int(feed.rng, 3, 45) * 60_000;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------------
// Text: headlines and sentences from per-language word lists, with topic words mixed in so the matcher has work
// ---------------------------------------------------------------------------------------------------------------------

const words = (text: string) => text.trim().split(/\s+/);

// Only characters windows-1251 has, for the Russian and Ukrainian lists.
const WORDS: Record<Language, { plain: string[]; topical: string[] }> = {
  en: {
    plain: words(`new plan talks officials report city residents week record deal court rules warns police storm prices families
      school border protest leaders agree energy water rise fall crisis local first year data shows million workers strike
      airport road after over amid against with for from before calls fresh major investigation faces urged wins loses
      backs rejects delays opens closes the a of in on to and as says could will`),
    topical: words(`parliament election president government minister senate Ukraine Ukrainian Kyiv Zelensky NATO summit inflation
      economy recession tariffs climate startup smartphone chips software scientists telescope NASA hospital vaccine cancer
      football Olympic championship tennis`),
  },
  ru: {
    plain: words(`новый план переговоры власти заявили доклад город жители неделя рекорд сделка суд правила предупредил полиция
      шторм цены семьи школа граница протест лидеры договорились энергия вода рост падение кризис местный первый год данные
      показали миллион рабочие забастовка аэропорт дорога после против из-за перед около более ещё в на и с по для о`),
    topical: words(`парламент президент правительство министр депутаты выборы Госдума Украина Киев Зеленский НАТО саммит инфляция
      экономика ВВП центробанк климат смартфон нейросеть учёные телескоп вакцина больница пандемия футбол чемпионат олимпиада`),
  },
  uk: {
    plain: words(`новий план переговори влада заявила звіт місто мешканці тиждень рекорд угода суд правила попередив поліція
      шторм ціни родини школа кордон протест лідери домовилися енергія вода зростання падіння криза місцевий перший рік дані
      показали мільйон працівники страйк аеропорт дорога після проти через перед біля більше ще її ґрунт у на і з для про`),
    topical: words(`парламент президент уряд міністр депутати вибори Україна Київ Зеленський Донбас НАТО саміт інфляція економіка
      нацбанк клімат смартфон нейромережа вчені науковці вакцина лікарня пандемія футбол чемпіонат олімпіада`),
  },
  az: {
    plain: words(`yeni plan danışıqlar rəsmilər bildirib hesabat şəhər sakinlər həftə rekord saziş məhkəmə qaydalar xəbərdarlıq
      polis fırtına qiymətlər ailələr məktəb sərhəd etiraz liderlər razılaşıb enerji su artım azalma böhran yerli ilk il
      məlumat göstərir milyon işçilər yol sonra qarşı və ilə üçün bu daha`),
    topical: words(`parlament prezident hökumət nazir seçki Ukrayna NATO sammit inflyasiya iqtisadiyyat ÜDM iqlim texnologiya
      alimlər teleskop peyvənd xəstəxana pandemiya futbol çempionat olimpiya Bakı`),
  },
};

const CATEGORIES: Record<Language, string[]> = {
  en: ["World news", "Ukraine", "Russia", "Europe", "US news", "Politics", "Economics", "Business", "Climate crisis", "Environment", "Technology", "Science", "Health", "Sport", "Football", "Middle East and north Africa", "Africa", "Asia Pacific", "UK news"],
  ru: ["Новости", "Политика", "Экономика", "В мире", "Общество", "Технологии", "Наука", "Спорт", "Здоровье", "Культура"],
  uk: ["Політика", "Економіка", "Світ", "Суспільство", "Технології", "Наука", "Спорт", "Здоров'я", "Війна", "Культура"],
  az: ["Siyasət", "İqtisadiyyat", "Dünya", "Cəmiyyət", "Texnologiya", "Elm", "İdman", "Səhiyyə", "Mədəniyyət", "Region"],
};

const PEOPLE: Record<Language, string[]> = {
  en: ["Daniel Boffey", "Pjotr Sauer", "Luke Harding", "Fiona Harvey", "Shaun Walker", "Emma Graham-Harrison", "Jane Smith"],
  ru: ["Анна Иванова", "Илья Жегулев", "Мария Петрова", "Сергей Смирнов"],
  uk: ["Олена Рощина", "Іванна Костина", "Роман Романюк", "Євгенія Мотревич"],
  az: ["Aynur Məmmədova", "Elvin Quliyev", "Rəşad Əliyev", "Günel Həsənova"],
};

class Writer {
  constructor(
    private readonly rng: Rng,
    readonly language: Language,
  ) {}

  /** 6–11 words, a third of them with a topic word. */
  headline(): string {
    const text = capitalise(this.phrase(6, 11, 0.35));
    return chance(this.rng, 0.15) ? `${text}: ${this.quoted(this.phrase(2, 4))}` : text;
  }

  sentence(): string {
    return `${capitalise(this.phrase(9, 18, 0.2))}.`;
  }

  sentences(min: number, max: number): string[] {
    return Array.from({ length: int(this.rng, min, max) }, () => this.sentence());
  }

  phrase(min: number, max: number, topical = 0): string {
    const bank = WORDS[this.language];
    const count = int(this.rng, min, max);
    const out = Array.from({ length: count }, () => pick(this.rng, bank.plain));
    if (chance(this.rng, topical)) out[int(this.rng, 0, count - 1)] = pick(this.rng, bank.topical);
    return out.join(" ");
  }

  private quoted(text: string): string {
    return this.language === "en" ? `‘${text}’` : `«${text}»`;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------------------------

export type Rng = () => number;

/** mulberry32, seeded per feed so each feed can be built on its own. */
export function seeded(seed: number, index: number): Rng {
  let state = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

export function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)]!;
}

/** `min`–`max` distinct entries of `list`. */
function sample<T>(rng: Rng, list: readonly T[], min: number, max: number): T[] {
  const pool = [...list];
  return Array.from({ length: Math.min(pool.length, int(rng, min, max)) }, () => pool.splice(Math.floor(rng() * pool.length), 1)[0]!);
}

function token(rng: Rng, length: number): string {
  return Array.from({ length }, () => "abcdefghijklmnopqrstuvwxyz0123456789"[Math.floor(rng() * 36)]).join("");
}

function hex(rng: Rng, length: number): string {
  return Array.from({ length }, () => Math.floor(rng() * 16).toString(16)).join("");
}

function uuid(rng: Rng): string {
  const h = hex(rng, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A URL slug unique in the corpus: the headline's Latin words (if any) and the item id. */
function slug(item: ItemContext): string {
  const latin = slugify(item.headline);
  return latin ? `${latin}-${item.id}` : `post-${item.id}`;
}

/** Latin letters and digits of `text`, hyphenated; empty for Cyrillic text. */
function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
}

function esc(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

function cdata(text: string): string {
  return `<![CDATA[${text}]]>`;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** RFC 822 date as RSS uses it, in a zone `offsetMinutes` east of UTC ("GMT" for 0). */
function rfc822(time: number, offsetMinutes: number): string {
  const local = new Date(time + offsetMinutes * 60_000).toUTCString();
  return offsetMinutes === 0 ? local : local.replace("GMT", zone(offsetMinutes, ""));
}

/** ISO 8601 date in a zone `offsetMinutes` east of UTC ("Z" for 0). */
function iso(time: number, offsetMinutes: number): string {
  const local = new Date(time + offsetMinutes * 60_000).toISOString().replace(/\.\d{3}Z$/, "");
  return offsetMinutes === 0 ? `${local}Z` : `${local}${zone(offsetMinutes, ":")}`;
}

function zone(offsetMinutes: number, separator: string): string {
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad2(Math.floor(abs / 60))}${separator}${pad2(abs % 60)}`;
}

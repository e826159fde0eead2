import { describe, expect, it } from "vitest";
import { canonicalKey } from "../../src/feeds/identity.js";
import { sameStory, STORY_WINDOW_MS, storySignature } from "../../src/stories/same-story.js";

const HOUR = 3_600_000;

/** Whether two headlines, the second `hours` after the first, are folded into one story. */
function same(a: string, b: string, hours = 1): boolean {
  return sameStory(storySignature({ title: a, publishedAt: 0 }), storySignature({ title: b, publishedAt: hours * HOUR }));
}

describe("sameStory: one report carried by several outlets", () => {
  it.each([
    ["UPDATE 2-Chile's central bank holds key rate at 5% as inflation eases", "Chile's central bank holds key rate at 5% as inflation eases"],
    ["LIVE: Floods close schools across northern Scotland", "Floods close schools across northern Scotland - BBC News"],
    ["Exclusive-Mining group weighs sale of Peruvian zinc stake, sources say", "Exclusive: Mining group weighs sale of Peruvian zinc stake, sources say"],
    ["Oil rises after producers agree deeper output cuts", "Oil rises after producers agree deeper output cuts | Reuters"],
    ["В Сочи ввели режим ЧС из-за ливней", "В Сочи ввели режим ЧС из-за ливней — ТАСС"],
    ["У Львові відкрили новий міст через залізницю", "У Львові відкрили новий міст через залізницю (ФОТО)"],
    ["Gəncədə yeni park açılıb", "Gəncədə yeni park açılıb - VİDEO"],
  ])("strips agency and outlet tags: %j / %j", (a, b) => {
    expect(same(a, b)).toBe(true);
  });

  it("ignores case, quote styles, apostrophes and diacritics", () => {
    expect(same("Kenya floods death toll climbs as rains pound Nairobi", "KENYA FLOODS DEATH TOLL CLIMBS AS RAINS POUND NAIROBI")).toBe(true);
    expect(same("Суд арестовал фигурантов дела о «фейках» об армии", 'Суд арестовал фигурантов дела о "фейках" об армии')).toBe(true);
    expect(same("У Києві подешевшало м'ясо птиці", "У Києві подешевшало м’ясо птиці")).toBe(true);
    expect(same("Pogačar takes yellow jersey in the Alps", "Pogacar takes yellow jersey in the Alps")).toBe(true);
  });

  it.each([
    ["Storm cuts power to 200,000 homes in Cornwall", "Storm cuts power to 200000 homes in Cornwall"],
    ["Storm cuts power to 200K homes in Cornwall", "Storm cuts power to 200,000 homes in Cornwall"],
    ["Землетрясение магнитудой 5,2 произошло у берегов Японии", "Землетрясение магнитудой 5.2 произошло у берегов Японии"],
    ["Из аэропорта эвакуировали около 1500 человек", "Из аэропорта эвакуировали около 1,5 тысячи человек"],
    ["Уряд пропонує підвищити мінімальну зарплату до 8 647 грн", "Уряд пропонує підвищити мінімальну зарплату до 8647 грн"],
  ])("reads numbers written differently as one value: %j / %j", (a, b) => {
    expect(same(a, b)).toBe(true);
  });

  it("tolerates a word added, dropped or inflected otherwise", () => {
    expect(same("Teenager charged with murder after Leeds stabbing", "Teenager, 17, charged with murder after Leeds city centre stabbing")).toBe(true);
    expect(same("Mikayıl Cabbarov Dünya Bankının vitse-prezidenti ilə görüşüb", "Mikayıl Cabbarov Dünya Bankının vitse-prezidenti ilə görüşdü")).toBe(true);
    expect(same("Росстат: безработица в России обновила исторический минимум", "Безработица в России обновила исторический минимум — Росстат")).toBe(true);
  });

  it("takes transliterations of one name as the same name", () => {
    expect(same("Zelensky visits Kyiv hospital after missile strike", "Zelenskiy visits Kiev hospital after missile strike")).toBe(true);
    expect(same("Hegseth says Ukraine will get more air defence", "Hegset says Ukraine will get more air defence")).toBe(true);
  });
});

describe("sameStory: near-identical headlines of different events", () => {
  it("keeps apart headlines with different numbers", () => {
    expect(same("Pogačar wins stage 12 of the Tour de France", "Pogačar wins stage 13 of the Tour de France", 24)).toBe(false);
    expect(same("ЦБ установил официальный курс доллара на 15 октября", "ЦБ установил официальный курс доллара на 16 октября", 24)).toBe(false);
    expect(same("Storm cuts power to 5,000 homes in Cornwall", "Storm cuts power to 6,000 homes in Cornwall")).toBe(false);
  });

  it("keeps apart headlines where a place, name or other word is swapped", () => {
    expect(same("Magnitude 5.4 earthquake hits Turkey's Izmir province", "Magnitude 5.4 earthquake hits Turkey's Balıkesir province")).toBe(false);
    expect(same("В Якутии ввели режим ЧС из-за лесных пожаров", "В Бурятии ввели режим ЧС из-за лесных пожаров")).toBe(false);
    expect(same("Tesco raises full-year profit forecast", "Sainsbury's raises full-year profit forecast")).toBe(false);
    expect(same("Названы лауреаты Нобелевской премии по физике", "Названы лауреаты Нобелевской премии по химии")).toBe(false);
  });

  it("keeps apart headlines that only share a topic", () => {
    expect(same("Fed holds rates steady as inflation cools", "ECB holds rates as eurozone growth stalls")).toBe(false);
  });
});

describe("sameStory: canonical links and time", () => {
  it("folds articles with the same canonical link, whatever their titles and dates", () => {
    const link = "https://www.example.com/news/2025/10/14/801734/";
    const a = storySignature({ title: "Fuel prices rose by 1.5 hryvnias in a week", canonical: canonicalKey(link), publishedAt: 0 });
    const b = storySignature({ title: "⚡️A-95 now over 60 UAH!", canonical: canonicalKey(`${link}?utm_source=telegram`), publishedAt: 72 * HOUR });
    expect(sameStory(a, b)).toBe(true);
  });

  it("does not fold different links by the link alone", () => {
    const a = storySignature({ title: "Fuel prices rose by 1.5 hryvnias in a week", canonical: canonicalKey("https://example.com/a"), publishedAt: 0 });
    const b = storySignature({ title: "Wildfire forces evacuations near Marseille", canonical: canonicalKey("https://example.com/b"), publishedAt: 0 });
    expect(sameStory(a, b)).toBe(false);
  });

  it("never folds headlines more than 48 hours apart by title", () => {
    const title = "Floods close schools across northern Scotland";
    const first = storySignature({ title, publishedAt: 0 });
    expect(sameStory(first, storySignature({ title, publishedAt: STORY_WINDOW_MS }))).toBe(true);
    expect(sameStory(first, storySignature({ title, publishedAt: STORY_WINDOW_MS + 1 }))).toBe(false);
    expect(sameStory(storySignature({ title, publishedAt: STORY_WINDOW_MS + 1 }), first)).toBe(false);
  });

  it("answers the same whichever article comes first", () => {
    const pairs: [string, string][] = [
      ["UPDATE 2-Chile's central bank holds key rate at 5%", "Chile's central bank holds key rate at 5% - Reuters"],
      ["В Якутии ввели режим ЧС из-за лесных пожаров", "В Бурятии ввели режим ЧС из-за лесных пожаров"],
    ];
    for (const [a, b] of pairs) expect(same(a, b)).toBe(same(b, a));
  });
});

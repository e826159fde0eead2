import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeFeed } from "../../src/feeds/decode.js";
import { parseFeed } from "../../src/feeds/parse-feed.js";

const FETCHED_AT = Date.parse("2026-11-24T12:00:00Z");
const TITLE = "Зеленский встретился с «лидерами» — Київ, ґанок, її";
const SUMMARY = "Ещё один текст: №5, ёлка, Ї і Є";

function cyrillicFeed(declaration: string): string {
  return `${declaration}<rss version="2.0"><channel><title>Новости дня</title><item><title>${TITLE}</title><link>https://example.com/1</link><description>${SUMMARY}</description></item></channel></rss>`;
}

async function itemOf(text: string) {
  const feed = await parseFeed(text, FETCHED_AT);
  return { feedTitle: feed.title, title: feed.items[0]?.title, summary: feed.items[0]?.summary };
}

describe("decodeFeed", () => {
  it("decodes UTF-8 by default", async () => {
    const text = decodeFeed(Buffer.from(cyrillicFeed('<?xml version="1.0"?>'), "utf8"), null);
    expect(await itemOf(text)).toEqual({ feedTitle: "Новости дня", title: TITLE, summary: SUMMARY });
  });

  it("decodes windows-1251 named by the Content-Type charset", async () => {
    const bytes = iconv.encode(cyrillicFeed('<?xml version="1.0"?>'), "win1251");
    expect(bytes.toString("utf8")).not.toContain("Новости"); // the bytes really are not UTF-8
    for (const contentType of ["application/rss+xml; charset=windows-1251", 'text/xml;charset="Windows-1251"', "application/xml; CHARSET = cp1251"]) {
      expect(await itemOf(decodeFeed(bytes, contentType)), contentType).toEqual({ feedTitle: "Новости дня", title: TITLE, summary: SUMMARY });
    }
  });

  it("decodes windows-1251 named only in the XML declaration", async () => {
    for (const declaration of ['<?xml version="1.0" encoding="windows-1251"?>', "<?xml version='1.0' encoding='WINDOWS-1251' ?>\n"]) {
      const bytes = iconv.encode(cyrillicFeed(declaration), "win1251");
      expect(await itemOf(decodeFeed(bytes, "application/rss+xml")), declaration).toEqual({ feedTitle: "Новости дня", title: TITLE, summary: SUMMARY });
      expect((await itemOf(decodeFeed(bytes, null))).title).toBe(TITLE);
    }
  });

  it("decodes KOI8-R too", async () => {
    const bytes = iconv.encode(cyrillicFeed('<?xml version="1.0" encoding="koi8-r"?>'), "koi8-r");
    expect((await itemOf(decodeFeed(bytes, null))).feedTitle).toBe("Новости дня");
  });

  it("lets the Content-Type charset win over the XML declaration", async () => {
    const bytes = Buffer.from(cyrillicFeed('<?xml version="1.0" encoding="windows-1251"?>'), "utf8");
    expect((await itemOf(decodeFeed(bytes, "text/xml; charset=utf-8"))).title).toBe(TITLE);
  });

  it("falls back to UTF-8 for an unknown charset", async () => {
    const bytes = Buffer.from(cyrillicFeed('<?xml version="1.0"?>'), "utf8");
    expect((await itemOf(decodeFeed(bytes, "text/xml; charset=x-no-such-charset"))).title).toBe(TITLE);
  });

  it("drops a UTF-8 byte order mark", () => {
    const text = decodeFeed(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("<rss/>")]), null);
    expect(text).toBe("<rss/>");
  });

  it("removes characters illegal in XML and keeps tabs, newlines and ordinary text", () => {
    const text = decodeFeed(Buffer.from("a\u0000b\u0001c\u0008d\u000be\u000cf\u001fg\tT\nN\r\nR \u00e9 \u{1F600} \uFFFE\uFFFFz"), null);
    expect(text).toBe("abcdefg\tT\nN\r\nR é 😀 z");
  });

  it("lets a feed with stray control bytes be read", async () => {
    const raw = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Bad\u0001 \u000bbyte\u001f here</title><link>https://e.com/1</link></item></channel></rss>';
    expect((await itemOf(decodeFeed(Buffer.from(raw), "application/rss+xml"))).title).toBe("Bad byte here");
  });

  describe("with no charset anywhere, or a wrong one", () => {
    const PT_TITLE = "Câmara aprova reforma tributária; São Paulo e Brasília reagem à decisão";
    const PT_SUMMARY = "O relator disse que a votação “histórica” não muda as alíquotas até 2027.";
    const portugueseFeed = `<rss><channel><title>Notícias</title><item><title>${PT_TITLE}</title><link>https://noticias.example/1</link><description>${PT_SUMMARY}</description></item></channel></rss>`;
    const noMojibake = (text: string) => {
      expect(text).not.toContain("\uFFFD");
      expect(text).not.toMatch(/Ã.|Â./);
    };

    it("detects Latin-1 / windows-1252 bytes (a Brazilian portal's shape: no declaration, no version, no charset)", async () => {
      const bytes = iconv.encode(portugueseFeed, "windows-1252");
      for (const contentType of [null, "text/xml", "application/rss+xml; charset=utf-8"]) {
        const text = decodeFeed(bytes, contentType);
        noMojibake(text);
        expect(await itemOf(text), String(contentType)).toEqual({ feedTitle: "Notícias", title: PT_TITLE, summary: PT_SUMMARY });
      }
    });

    it("detects windows-1251 and KOI8-R that name no charset, or claim UTF-8", async () => {
      // KOI8-R has no Ukrainian letters: its feed is in Russian.
      const RU_TITLE = "Госдума приняла закон о бюджете на следующий год";
      const russianFeed = `<rss version="2.0"><channel><title>Новости дня</title><item><title>${RU_TITLE}</title><link>https://example.com/1</link><description>${SUMMARY.replace(/[ЇіЄ]/g, "и")}</description></item></channel></rss>`;
      for (const [encoding, feed, title] of [["win1251", cyrillicFeed(""), TITLE], ["koi8-r", russianFeed, RU_TITLE]] as const) {
        const bytes = iconv.encode(feed, encoding);
        for (const contentType of [null, "text/xml; charset=utf-8"]) {
          const text = decodeFeed(bytes, contentType);
          noMojibake(text);
          expect(await itemOf(text), `${encoding} ${contentType}`).toMatchObject({ feedTitle: "Новости дня", title });
        }
      }
      const declaredWrong = iconv.encode(cyrillicFeed('<?xml version="1.0" encoding="UTF-8"?>'), "win1251");
      expect((await itemOf(decodeFeed(declaredWrong, null))).title).toBe(TITLE);
    });

    it("keeps UTF-8 with one stray bad byte as UTF-8, losing only that byte", async () => {
      const good = Buffer.from(cyrillicFeed('<?xml version="1.0"?>'), "utf8");
      const at = good.indexOf(Buffer.from("<link>"));
      const bytes = Buffer.concat([good.subarray(0, at), Buffer.from([0xff]), good.subarray(at)]);
      expect((await itemOf(decodeFeed(bytes, null))).title).toBe(TITLE);
    });
  });
});

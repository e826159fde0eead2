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
});

import { describe, expect, it } from "vitest";
import { OpmlError, parseOpml, toOpml } from "../../src/catalog/opml.js";

/** An OPML 2.0 document whose body is `body`. */
function opml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n<head><title>Subscriptions</title></head>\n<body>\n${body}\n</body>\n</opml>\n`;
}

describe("parseOpml", () => {
  it("finds feeds at any depth and takes each enclosing folder's name as a topic", () => {
    const feeds = parseOpml(
      opml(`
        <outline text="Top level" xmlUrl="https://top.example/rss"/>
        <outline text="News">
          <outline title="World">
            <outline text="Wire" xmlUrl="https://wire.example/rss"/>
          </outline>
          <outline text="Paper" xmlUrl="https://paper.example/rss"></outline>
        </outline>`),
    );
    expect(feeds).toEqual([
      { url: "https://top.example/rss", name: "Top level", topics: [] },
      { url: "https://wire.example/rss", name: "Wire", topics: ["News", "World"] },
      { url: "https://paper.example/rss", name: "Paper", topics: ["News"] },
    ]);
  });

  it("adds the last segment of each path in the category attribute", () => {
    const [feed] = parseOpml(opml(`<outline text="Tech"><outline text="F" xmlUrl="https://f.example/" category="/Politics, /World/Europe,Science,/ ,/Health/"/></outline>`));
    expect(feed?.topics).toEqual(["Tech", "Politics", "Europe", "Science", "Health"]);
  });

  it("names a feed by its title, else its text, and not at all when that is only its URL", () => {
    const feeds = parseOpml(
      opml(`
        <outline text="Text" title="Title" xmlUrl="https://a.example/"/>
        <outline text="Text only" title="  " xmlUrl="https://b.example/"/>
        <outline xmlUrl="https://c.example/"/>
        <outline text="https://d.example/" xmlUrl="https://d.example/"/>`),
    );
    expect(feeds.map((f) => f.name)).toEqual(["Title", "Text only", undefined, undefined]);
    expect(feeds[2]).not.toHaveProperty("name");
  });

  it("decodes entities and character references in attributes, in either kind of quotes", () => {
    const [feed] = parseOpml(
      opml(`<outline text='Caf&#233; &amp; &quot;Bar&quot; &lt;x&gt; &#x41;&apos;' xmlUrl="https://e.example/?a=1&amp;b=2" category="/Sci&#10;ence"/>`),
    );
    expect(feed).toEqual({ url: "https://e.example/?a=1&b=2", name: `Café & "Bar" <x> A'`, topics: ["Sci\nence"] });
  });

  it("turns literal line breaks and tabs in an attribute into spaces, as XML does", () => {
    const [feed] = parseOpml(opml(`<outline text="Two\n\tlines" xmlUrl="https://l.example/"/>`));
    expect(feed?.name).toBe("Two  lines");
  });

  it("leaves a bare & and unknown entities as written", () => {
    const [feed] = parseOpml(opml(`<outline text="Fish &chips &nbsp;" xmlUrl="https://f.example/?a=1&b=2"/>`));
    expect(feed).toMatchObject({ url: "https://f.example/?a=1&b=2", name: "Fish &chips &nbsp;" });
  });

  it("reads attribute names in any case, as some exporters write them", () => {
    expect(parseOpml(opml(`<outline TEXT="X" xmlurl="https://x.example/" Category="World"/>`))).toEqual([{ url: "https://x.example/", name: "X", topics: ["World"] }]);
  });

  it("skips comments, CDATA, a doctype, a byte-order mark and outlines outside the body", () => {
    const xml =
      "\uFEFF<?xml version='1.0'?>\n<!DOCTYPE opml [ <!ENTITY x 'y'> ]>\n<!-- <outline xmlUrl='https://comment.example/'/> -->\n" +
      `<opml version="1.0"><head><outline xmlUrl="https://head.example/"/><![CDATA[ <outline xmlUrl="https://cdata.example/"/> ]]></head>` +
      `<body><outline text="Only" xmlUrl="https://only.example/"/></body></opml>`;
    expect(parseOpml(xml).map((f) => f.url)).toEqual(["https://only.example/"]);
  });

  it("does not give a feed outline's name to outlines nested in it", () => {
    const feeds = parseOpml(opml(`<outline text="Outer" xmlUrl="https://outer.example/"><outline text="Inner" xmlUrl="https://inner.example/"/></outline>`));
    expect(feeds.map((f) => f.topics)).toEqual([[], []]);
  });

  it("answers no feeds for an OPML file with an empty body", () => {
    expect(parseOpml(opml(""))).toEqual([]);
  });

  it.each([
    ["an empty file", "  \n", /empty/],
    ["JSON", `{"feeds": []}`, /does not start with XML/],
    ["an RSS feed", `<?xml version="1.0"?><rss version="2.0"><channel/></rss>`, /root element is <rss>/],
    ["an HTML page", `<!DOCTYPE html><html><body><br></body></html>`, /root element is <html>/],
    ["OPML without a body", `<opml version="2.0"><head/></opml>`, /no <body>/],
    ["a truncated file", `<opml version="2.0"><body><outline text="a">`, /ends inside <outline>/],
    ["mismatched tags", `<opml><body>\n<outline text="a"></body></opml>`, /line 2: <\/body> where <\/outline> was expected/],
    ["an unclosed attribute value", `<opml><body><outline text="a/></body></opml>`, /never closed/],
    ["an unquoted attribute value", `<opml><body><outline text=a/></body></opml>`, /not in quotes/],
    ["an attribute without a value", `<opml><body><outline checked/></body></opml>`, /no value/],
    ["a repeated attribute", `<opml><body><outline text="a" text="b"/></body></opml>`, /text twice/],
    ["a stray <", `<opml><body>a < b</body></opml>`, /does not start a tag/],
    ["an unterminated comment", `<opml><body><!-- </body></opml>`, /unterminated comment/],
    ["two root elements", `<opml><body/></opml><opml/>`, /second root/],
  ])("rejects %s with an OpmlError", (_what, xml, message) => {
    expect(() => parseOpml(xml)).toThrow(OpmlError);
    expect(() => parseOpml(xml)).toThrow(message);
  });
});

describe("toOpml", () => {
  const feeds = [
    { url: "https://a.example/rss", name: "A & B \"quoted\" <tag> it's", topics: ["World", "Politics"] },
    { url: "https://b.example/feed?x=1&y=2", topics: [] },
    { url: "https://c.example/", name: "Українська правда\nline two\ttab", topics: ["Ukraine"] },
  ];

  it("writes OPML 2.0 with a title and one rss outline per feed, escaping attributes", () => {
    const xml = toOpml(feeds, "My <feeds> & more");
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<opml version="2.0">/);
    expect(xml).toContain("<title>My &lt;feeds&gt; &amp; more</title>");
    expect(xml).toContain(
      `<outline type="rss" text="A &amp; B &quot;quoted&quot; &lt;tag&gt; it&apos;s" title="A &amp; B &quot;quoted&quot; &lt;tag&gt; it&apos;s" xmlUrl="https://a.example/rss" category="/World,/Politics"/>`,
    );
    expect(xml).toContain(`<outline type="rss" text="https://b.example/feed?x=1&amp;y=2" xmlUrl="https://b.example/feed?x=1&amp;y=2"/>`);
    expect(xml).toContain(`text="Українська правда&#10;line two&#9;tab"`);
    expect(xml.match(/<outline /g)).toHaveLength(3);
  });

  it("is read back by parseOpml as the same feeds", () => {
    expect(parseOpml(toOpml(feeds, "x"))).toEqual(feeds.map((f) => (f.name === undefined ? { url: f.url, topics: f.topics } : f)));
  });

  it("writes a valid document for no feeds", () => {
    expect(parseOpml(toOpml([], "Empty"))).toEqual([]);
  });
});

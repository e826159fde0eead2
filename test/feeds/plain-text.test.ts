import { describe, expect, it } from "vitest";
import { headlineFromSummary, htmlToText, truncate } from "../../src/feeds/plain-text.js";

/** True when the string holds a lone UTF-16 surrogate (half an emoji), which Telegram cannot display. */
const hasLoneSurrogate = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe("htmlToText", () => {
  it("drops tags and keeps the words apart", () => {
    expect(htmlToText("<p>Hello <b>world</b></p>")).toBe("Hello world");
    expect(htmlToText("<p>One</p><p>Two</p><br/>Three")).toBe("One Two Three");
    expect(htmlToText('<a href="https://example.com/?a=1&b=2">Read <em>more</em></a>')).toBe("Read more");
    expect(htmlToText('<img src="x.png" alt="a picture">Caption')).toBe("Caption");
  });

  it("decodes named and numeric entities", () => {
    expect(htmlToText("Tom &amp; Jerry")).toBe("Tom & Jerry");
    expect(htmlToText("Peace&nbsp;talks")).toBe("Peace talks");
    expect(htmlToText("War &mdash; and peace &ndash; again&hellip;")).toBe("War — and peace – again…");
    expect(htmlToText("&#8212; &#x2014; &#X2014; &#39;quoted&#39; &quot;double&quot;")).toBe("— — — 'quoted' \"double\"");
    expect(htmlToText("&laquo;Ура&raquo; &euro;5 &copy;")).toBe("«Ура» €5 ©");
  });

  it("decodes the Latin-1 entities of Portuguese, Spanish and French text, telling capitals from small letters", () => {
    expect(htmlToText("Reforma tribut&aacute;ria: S&atilde;o Paulo e Bras&iacute;lia v&ecirc;em a&ccedil;&otilde;es")).toBe("Reforma tributária: São Paulo e Brasília vêem ações");
    expect(htmlToText("&Eacute;lections &agrave; Paris &mdash; &iquest;Qu&eacute; pas&oacute;? &Ntilde;and&uacute; &szlig; &yuml;")).toBe("Élections à Paris — ¿Qué pasó? Ñandú ß ÿ");
    expect(htmlToText("&AMP; &Amp; &EACUTE; &deg;C &frac12; &times; &divide;")).toBe("& & é °C ½ × ÷");
  });

  it("decodes entities once, so escaped markup shows as text rather than being removed", () => {
    expect(htmlToText("Use &lt;b&gt; for bold")).toBe("Use <b> for bold");
    expect(htmlToText("&amp;lt;")).toBe("&lt;");
  });

  it("leaves unknown entities and bare ampersands alone", () => {
    expect(htmlToText("AT&T &unknownentity; R&D")).toBe("AT&T &unknownentity; R&D");
  });

  it("keeps a bare < or > that starts no tag", () => {
    expect(htmlToText("if a < b and c > d")).toBe("if a < b and c > d");
    expect(htmlToText("3 <5")).toBe("3 <5");
  });

  it("removes scripts, styles and comments with their content", () => {
    expect(htmlToText("<script>alert('x')</script>Hi<style>p { color: red }</style> there")).toBe("Hi there");
    expect(htmlToText('<SCRIPT type="text/javascript">var a = "<b>";</SCRIPT>Safe')).toBe("Safe");
    expect(htmlToText("Before<!-- hidden <b>comment</b> -->After")).toBe("Before After");
  });

  it("unwraps CDATA markers", () => {
    expect(htmlToText("<![CDATA[Inside&nbsp;CDATA]]>")).toBe("Inside CDATA");
  });

  it("folds white space, including non-breaking spaces, and trims", () => {
    expect(htmlToText("  a\n\n\t b \u00a0 c  ")).toBe("a b c");
    expect(htmlToText("")).toBe("");
    expect(htmlToText("<p> </p>")).toBe("");
  });
});

describe("truncate", () => {
  it("leaves text that fits unchanged", () => {
    expect(truncate("short", 10)).toBe("short");
    expect(truncate("exactly10!", 10)).toBe("exactly10!");
  });

  it("cuts long text at a word boundary, adds an ellipsis and stays within the limit", () => {
    const text = "The quick brown fox jumps over the lazy dog and keeps running far away";
    const cut = truncate(text, 30);
    expect(cut.length).toBeLessThanOrEqual(30);
    expect(cut.endsWith("…")).toBe(true);
    const kept = cut.slice(0, -1);
    expect(text.startsWith(kept)).toBe(true);
    expect(text[kept.length]).toBe(" ");
  });

  it("cuts a single very long word hard, still within the limit", () => {
    const cut = truncate("a".repeat(500), 50);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(cut).toMatch(/^a+…$/);
  });

  it("does not leave a trailing space before the ellipsis", () => {
    expect(truncate("word ".repeat(50), 40)).not.toMatch(/\s…$/);
  });

  // BUG: the cut is made on UTF-16 code units, so text without spaces (emoji) loses half of its last character.
  it("never cuts an emoji in half", () => {
    for (let max = 20; max < 30; max++) expect(hasLoneSurrogate(truncate("😀".repeat(100), max))).toBe(false);
  });
});

describe("headlineFromSummary", () => {
  it("takes the first sentence", () => {
    expect(headlineFromSummary("Storm hits the coast. Thousands lose power overnight.")).toBe("Storm hits the coast.");
    expect(headlineFromSummary("Who won? Nobody knows yet.")).toBe("Who won?");
    expect(headlineFromSummary("Breaking! Markets fall.")).toBe("Breaking!");
    expect(headlineFromSummary("  Leading spaces. Then more.")).toBe("Leading spaces.");
  });

  it("does not end a sentence at a decimal point", () => {
    expect(headlineFromSummary("Inflation fell to 3.5% in May. Economists cheered.")).toBe("Inflation fell to 3.5% in May.");
  });

  it("uses the whole summary when it has no sentence end", () => {
    expect(headlineFromSummary("Just a few words")).toBe("Just a few words");
  });

  it("cuts a long summary at a word boundary with an ellipsis, within 140 characters", () => {
    const summary = Array.from({ length: 80 }, (_, i) => `word${i}`).join(" ");
    const headline = headlineFromSummary(summary);
    expect(headline.length).toBeLessThanOrEqual(140);
    expect(headline.length).toBeGreaterThan(80);
    expect(headline.endsWith("…")).toBe(true);
    const kept = headline.slice(0, -1);
    expect(summary.startsWith(kept)).toBe(true);
    expect(summary[kept.length]).toBe(" ");
  });

  it("cuts a long first sentence too", () => {
    const summary = `${"Very long sentence ".repeat(20)}ends here. Second sentence.`;
    const headline = headlineFromSummary(summary);
    expect(headline.length).toBeLessThanOrEqual(140);
    expect(headline.endsWith("…")).toBe(true);
    expect(headline).not.toContain("Second");
  });

  it("gives an empty headline for an empty or blank summary", () => {
    expect(headlineFromSummary("")).toBe("");
    expect(headlineFromSummary("   \n ")).toBe("");
  });
});

describe("htmlToText with hostile markup", () => {
  it("drops an unclosed script or style to the end of the text, however often it repeats", () => {
    expect(htmlToText(`Budget passed <style ${"<style ".repeat(36_000)}`)).toBe("Budget passed");
    expect(htmlToText(`Budget passed <!-- ${"<!-- ".repeat(36_000)}`)).toBe("Budget passed");
  });

  it("leaves no tag that removing an inline one put together, and keeps the text after it", () => {
    expect(htmlToText("<<b></b>script>alert(1)</script>Budget")).toBe("alert(1) Budget");
    expect(htmlToText("<scr<b></b>ipt>x</script> Budget")).toBe("x Budget");
  });
});


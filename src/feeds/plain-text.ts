// HTML 4's Latin-1 entities, U+00A0 to U+00FF in order: Portuguese, Spanish and French feeds write accents this way.
const LATIN1_NAMES =
  "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest " +
  "Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig " +
  "agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml";

const NAMED_ENTITIES: Record<string, string> = {
  ...Object.fromEntries(LATIN1_NAMES.split(" ").map((name, i) => [name, String.fromCharCode(0xa0 + i)])),
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", ndash: "–", mdash: "—", hellip: "…",
  laquo: "«", raquo: "»", lsquo: "‘", rsquo: "’", ldquo: "“", rdquo: "”", bdquo: "„", sbquo: "‚",
  middot: "·", bull: "•", copy: "©", reg: "®", trade: "™", euro: "€", pound: "£", deg: "°", times: "×",
  shy: "", thinsp: " ", ensp: " ", emsp: " ", zwnj: "", zwj: "",
};

/** Decodes the HTML entities real feeds put in titles and summaries; unknown ones are left as they are. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
    }
    // Case matters for accented letters (&Eacute; is not &eacute;); otherwise &AMP; is &amp;.
    return NAMED_ENTITIES[name] ?? NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

// An unclosed script, style or comment runs to the end of the text, so that no input makes a pass quadratic.
const SCRIPT_OR_STYLE = /<(script|style)\b[\s\S]*?(?:<\/\1\s*>|$)/gi;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const CDATA_MARKER = /<!\[CDATA\[|\]\]>/g;
const INLINE_TAG = /<\/?(?:a|abbr|b|bdi|bdo|cite|code|em|font|i|mark|q|s|small|span|strike|strong|sub|sup|time|u)\b[^>]*>/gi;
const ANY_TAG = /<\/?[a-z][^>]*>/gi;

/** Plain text from an HTML fragment: tags dropped, entities decoded, white space folded. */
export function htmlToText(html: string): string {
  let text = html;
  // Most titles have neither markup nor entities: each test below is far cheaper than the passes it spares.
  if (text.includes("<") || text.includes("]]>")) {
    text = text
      .replace(SCRIPT_OR_STYLE, " ")
      .replace(COMMENT, " ")
      .replace(CDATA_MARKER, "")
      // Inline tags vanish ("<b>un</b>changed" stays one word); any other tag separates words.
      .replace(INLINE_TAG, "")
      .replace(ANY_TAG, " ");
  }
  return (text.includes("&") ? decodeEntities(text) : text).replace(/\s+/g, " ").trim();
}

/** Cuts text to at most `max` characters at a word boundary, with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never leave half of a surrogate pair (an emoji) at the cut.
  const cut = text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, "");
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A headline for an item without a title: the first sentence of its summary. */
export function headlineFromSummary(summary: string): string {
  const text = summary.trim();
  if (text === "") return "";
  const sentence = /^.+?[.!?…](?=\s|$)/su.exec(text)?.[0] ?? text;
  return truncate(sentence, 140);
}

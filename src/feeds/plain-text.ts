const NAMED_ENTITIES: Record<string, string> = {
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
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

// One pass over the fragment: script and style elements with their text, comments, CDATA markers, and tags. Inline
// tags vanish ("<b>un</b>changed" stays one word); any other tag separates words.
const MARKUP =
  /<(script|style)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->|(<!\[CDATA\[|\]\]>|<\/?(?:a|abbr|b|bdi|bdo|cite|code|em|font|i|mark|q|s|small|span|strike|strong|sub|sup|time|u)\b[^>]*>)|<\/?[a-z][^>]*>/gi;

/** Plain text from an HTML fragment: tags dropped, entities decoded, white space folded. */
export function htmlToText(html: string): string {
  // Most titles have neither markup nor entities: each test below is far cheaper than the pass it spares.
  const text = html.includes("<") || html.includes("]]>") ? html.replace(MARKUP, (_, _element, vanishing) => (vanishing ? "" : " ")) : html;
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

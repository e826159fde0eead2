import type { CatalogFeed } from "./load-catalog.js";

/** A feed as an OPML file lists it; `topics` are its category names as written there, not yet checked against a catalog. */
export interface OpmlFeed {
  url: string;
  name?: string;
  topics: string[];
}

/** The text is not OPML, or not well-formed enough to read; the message says where. */
export class OpmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OpmlError";
  }
}

type Attributes = Map<string, string>;

interface Tag {
  kind: "start" | "end";
  name: string;
  attributes: Attributes;
  selfClosing: boolean;
  /** Offset of the `<`, for error messages. */
  at: number;
}

/** An enclosing `<outline>`: a folder gives its name to the feeds inside it; a feed outline gives nothing. */
interface OpenOutline {
  folderName: string | undefined;
}

/**
 * Reads the feeds of an OPML file: every `<outline>` with an `xmlUrl`, at any depth of `<body>`.
 * A feed's topics are the names of its enclosing folders, then the last segment of each path in its `category`.
 */
export function parseOpml(xml: string): OpmlFeed[] {
  const feeds: OpmlFeed[] = [];
  const open: string[] = [];
  const outlines: OpenOutline[] = [];
  let sawRoot = false;
  let sawBody = false;
  for (const tag of scanTags(xml)) {
    if (tag.kind === "end") {
      const expected = open.pop();
      if (expected !== tag.name) throw malformed(xml, tag.at, expected === undefined ? `</${tag.name}> closes nothing` : `</${tag.name}> where </${expected}> was expected`);
      if (isNamed(tag.name, "outline") && inBody(open)) outlines.pop();
      continue;
    }
    if (open.length === 0) {
      if (sawRoot) throw malformed(xml, tag.at, `a second root element <${tag.name}>`);
      if (!isNamed(tag.name, "opml")) throw new OpmlError(`not an OPML file: the root element is <${tag.name}>, not <opml>`);
      sawRoot = true;
    }
    if (isNamed(tag.name, "body") && open.length === 1) sawBody = true;
    if (isNamed(tag.name, "outline") && inBody(open)) {
      const feed = feedOf(tag.attributes, outlines);
      if (feed) feeds.push(feed);
      if (!tag.selfClosing) outlines.push({ folderName: feed ? undefined : nameOf(tag.attributes) });
    }
    if (!tag.selfClosing) open.push(tag.name);
  }
  if (!sawRoot) throw new OpmlError("not an OPML file: it has no <opml> element");
  const unclosed = open[open.length - 1];
  if (unclosed !== undefined) throw new OpmlError(`malformed OPML: the file ends inside <${unclosed}>`);
  if (!sawBody) throw new OpmlError("not an OPML file: <opml> has no <body>");
  return feeds;
}

/** OPML 2.0 listing `feeds`, one `<outline type="rss">` each, with their topics as `/Topic` category paths. */
export function toOpml(feeds: readonly CatalogFeed[], title: string): string {
  const outlines = feeds.map((feed) => `    <outline ${feedAttributes(feed)}/>\n`).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<opml version="2.0">\n` +
    `  <head>\n    <title>${escapeXml(title)}</title>\n  </head>\n` +
    `  <body>\n${outlines}  </body>\n` +
    `</opml>\n`
  );
}

function feedAttributes(feed: CatalogFeed): string {
  // OPML requires `text`; a nameless feed shows its URL there, and parseOpml reads that back as no name.
  const pairs: [string, string | undefined][] = [
    ["type", "rss"],
    ["text", feed.name ?? feed.url],
    ["title", feed.name],
    ["xmlUrl", feed.url],
    ["category", feed.topics.length > 0 ? feed.topics.map((t) => `/${t}`).join(",") : undefined],
  ];
  return pairs
    .filter((pair): pair is [string, string] => pair[1] !== undefined)
    .map(([name, value]) => `${name}="${escapeXml(value)}"`)
    .join(" ");
}

function escapeXml(text: string): string {
  // Newlines and tabs as references: a parser turns literal ones in an attribute into spaces.
  return text.replace(/[&<>"'\t\n\r]/g, (c) => XML_ESCAPES[c] ?? c);
}

const XML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

function feedOf(attributes: Attributes, outlines: readonly OpenOutline[]): OpmlFeed | undefined {
  const url = attribute(attributes, "xmlUrl")?.trim();
  if (url === undefined || url === "") return undefined;
  const folders = outlines.map((o) => o.folderName).filter((name): name is string => name !== undefined);
  const topics = [...folders, ...categoryNames(attribute(attributes, "category") ?? "")];
  const name = nameOf(attributes);
  return name === undefined || name === url ? { url, topics } : { url, name, topics };
}

/** `/Politics,/World/Europe` → Politics, Europe: the last segment of each comma-separated path. */
function categoryNames(category: string): string[] {
  return category
    .split(",")
    .map((path) => path.split("/").map((s) => s.trim()).filter((s) => s !== "").pop())
    .filter((name): name is string => name !== undefined);
}

function nameOf(attributes: Attributes): string | undefined {
  for (const key of ["title", "text"]) {
    const value = attribute(attributes, key)?.trim();
    if (value) return value;
  }
  return undefined;
}

/** Attribute names are looked up ignoring case: some exporters write `xmlurl` or `xmlURL`. */
function attribute(attributes: Attributes, name: string): string | undefined {
  return attributes.get(name.toLowerCase());
}

function isNamed(tagName: string, name: string): boolean {
  return tagName.toLowerCase() === name;
}

/** True when the elements open so far are <opml><body> and maybe outlines: only those outlines are feeds or folders. */
function inBody(open: readonly string[]): boolean {
  return open.length >= 2 && isNamed(open[1] ?? "", "body");
}

/** The start and end tags of `xml`, skipping the prolog, comments, CDATA, processing instructions and text. */
function* scanTags(xml: string): Generator<Tag> {
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (xml.slice(i).trim() === "") throw new OpmlError("not an OPML file: it is empty");
  // Text between tags is ignored, but a file that does not even start with markup (JSON, plain text) is not XML.
  if (!/^\s*</.test(xml.slice(i))) throw new OpmlError("not an OPML file: it does not start with XML markup");
  for (;;) {
    const lt = xml.indexOf("<", i);
    if (lt === -1) return;
    if (xml.startsWith("<!--", lt)) i = skipPast(xml, lt, "-->", "comment");
    else if (xml.startsWith("<![CDATA[", lt)) i = skipPast(xml, lt, "]]>", "CDATA section");
    else if (xml.startsWith("<?", lt)) i = skipPast(xml, lt, "?>", "processing instruction");
    else if (xml.startsWith("<!", lt)) i = skipDeclaration(xml, lt);
    else {
      const { tag, end } = readTag(xml, lt);
      yield tag;
      i = end;
    }
  }
}

function skipPast(xml: string, from: number, terminator: string, what: string): number {
  const end = xml.indexOf(terminator, from);
  if (end === -1) throw malformed(xml, from, `unterminated ${what}`);
  return end + terminator.length;
}

/** `<!DOCTYPE …>`, possibly with an internal subset in brackets. */
function skipDeclaration(xml: string, from: number): number {
  const bracket = xml.indexOf("[", from);
  const close = xml.indexOf(">", from);
  if (close === -1) throw malformed(xml, from, "unterminated declaration");
  if (bracket !== -1 && bracket < close) return skipPast(xml, bracket, "]>", "declaration");
  return close + 1;
}

const NAME = /[^\s<>\/=!?"']+/y;
const SPACE = /\s*/y;

function readTag(xml: string, lt: number): { tag: Tag; end: number } {
  let i = lt + 1;
  const kind = xml[i] === "/" ? "end" : "start";
  if (kind === "end") i++;
  const name = match(NAME, xml, i);
  if (name === undefined) throw malformed(xml, lt, "a `<` that does not start a tag (write it as &lt;)");
  i += name.length;
  const attributes: Attributes = new Map();
  for (;;) {
    const spaceBefore = match(SPACE, xml, i) ?? "";
    i += spaceBefore.length;
    if (i >= xml.length) throw malformed(xml, lt, `unterminated tag <${name}`);
    if (xml[i] === ">") return { tag: { kind, name, attributes, selfClosing: false, at: lt }, end: i + 1 };
    if (kind === "start" && xml.startsWith("/>", i)) return { tag: { kind, name, attributes, selfClosing: true, at: lt }, end: i + 2 };
    if (kind === "end") throw malformed(xml, lt, `unexpected text in </${name}>`);
    if (spaceBefore === "") throw malformed(xml, i, `attributes of <${name}> must be separated by spaces`);
    i = readAttribute(xml, i, name, attributes);
  }
}

/** Reads `name="value"` at `from` into `attributes`; returns the offset after it. */
function readAttribute(xml: string, from: number, tagName: string, attributes: Attributes): number {
  const name = match(NAME, xml, from);
  if (name === undefined) throw malformed(xml, from, `unexpected ${JSON.stringify(xml[from])} in <${tagName}>`);
  let i = from + name.length;
  i += (match(SPACE, xml, i) ?? "").length;
  if (xml[i] !== "=") throw malformed(xml, from, `attribute ${name} of <${tagName}> has no value`);
  i++;
  i += (match(SPACE, xml, i) ?? "").length;
  const quote = xml[i];
  if (quote !== '"' && quote !== "'") throw malformed(xml, from, `the value of ${name} in <${tagName}> is not in quotes`);
  const close = xml.indexOf(quote, i + 1);
  if (close === -1) throw malformed(xml, from, `the value of ${name} in <${tagName}> is never closed`);
  const key = name.toLowerCase();
  if (attributes.has(key)) throw malformed(xml, from, `<${tagName}> has ${name} twice`);
  attributes.set(key, decodeAttribute(xml.slice(i + 1, close)));
  return close + 1;
}

/** XML attribute-value normalization (literal whitespace → space) and entity decoding. */
function decodeAttribute(raw: string): string {
  return raw.replace(/\r\n|[\t\n\r]/g, " ").replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, decodeEntity);
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntity(whole: string, body: string): string {
  if (!body.startsWith("#")) return NAMED_ENTITIES[body] ?? whole;
  const code = body[1] === "x" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  // Leave what is not a character (NUL, surrogates, beyond Unicode) as written rather than inventing one.
  if (code === 0 || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return whole;
  return String.fromCodePoint(code);
}

function match(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  const found = pattern.exec(text)?.[0];
  return found === "" ? undefined : found;
}

function malformed(xml: string, at: number, problem: string): OpmlError {
  const line = xml.slice(0, at).split("\n").length;
  return new OpmlError(`malformed OPML at line ${line}: ${problem}`);
}

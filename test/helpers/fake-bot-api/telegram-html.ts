/** Telegram's HTML parse mode: the parser and checker, with tdlib's error wording. */
import type { TextEntity } from "./types.js";

const TAG_ENTITY_TYPES: Readonly<Record<string, string>> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  a: "text_link",
  code: "code",
  pre: "pre",
  span: "spoiler",
  "tg-spoiler": "spoiler",
  blockquote: "blockquote",
  "tg-emoji": "custom_emoji",
};

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"' };
const ENTITY_RE = /&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8})|([a-zA-Z]+));/y;
const TAG_NAME_RE = /[a-zA-Z0-9-]*/y;
const ATTR_NAME_RE = /[a-zA-Z0-9_-]*/y;
const WHITESPACE_RE = /\s*/y;
const PLAIN_RUN_RE = /[^<>&]+/y;

export class HtmlParseError extends Error {}

interface OpenTag {
  name: string;
  attributes: Map<string, string>;
  start: number;
  language?: string;
}

export interface ParsedText {
  text: string;
  entities: TextEntity[];
}

/**
 * Parses text the way Telegram does for `parse_mode: "HTML"`, throwing
 * `HtmlParseError` with tdlib's wording. Deliberately stricter than Telegram
 * about a bare `>` and an `&` that starts no entity: the Bot API documents
 * both as forbidden, and tolerating them only hides escaping bugs.
 */
export function parseTelegramHtml(html: string): ParsedText {
  return new HtmlParser(html).parse();
}

class HtmlParser {
  private pos = 0;
  private text = "";
  private readonly stack: OpenTag[] = [];
  private readonly entities: TextEntity[] = [];

  constructor(private readonly html: string) {}

  parse(): ParsedText {
    while (this.pos < this.html.length) this.step();
    const unclosed = this.stack.at(-1);
    if (unclosed) {
      throw new HtmlParseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
    }
    this.entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
    return { text: this.text, entities: this.entities };
  }

  private step(): void {
    const plain = this.match(PLAIN_RUN_RE);
    if (plain) {
      this.text += plain;
      return;
    }
    const ch = this.html[this.pos];
    if (ch === "&") this.text += this.readEntity();
    else if (ch === ">") throw this.error(`Unexpected ">"`, this.pos);
    else if (this.html[this.pos + 1] === "/") this.readEndTag();
    else this.readStartTag();
  }

  private match(re: RegExp): string {
    re.lastIndex = this.pos;
    const found = re.exec(this.html)?.[0] ?? "";
    this.pos += found.length;
    return found;
  }

  private error(message: string, at: number): HtmlParseError {
    const byteOffset = Buffer.byteLength(this.html.slice(0, at), "utf8");
    return new HtmlParseError(`${message} at byte offset ${byteOffset}`);
  }

  private readEntity(): string {
    const start = this.pos;
    ENTITY_RE.lastIndex = start;
    const m = ENTITY_RE.exec(this.html);
    const decoded = m ? decodeEntity(m) : undefined;
    if (!m || decoded === undefined) throw this.error(`Unsupported HTML entity`, start);
    this.pos += m[0].length;
    return decoded;
  }

  private readStartTag(): void {
    const start = this.pos;
    this.pos += 1;
    const name = this.match(TAG_NAME_RE).toLowerCase();
    if (!(name in TAG_ENTITY_TYPES)) throw this.error(`Unsupported start tag "${name}"`, start);
    const attributes = this.readAttributes(name, start);
    validateTagAttributes(name, attributes, (message) => this.error(message, start));
    this.stack.push({ name, attributes, start: this.text.length });
  }

  private readAttributes(tag: string, tagStart: number): Map<string, string> {
    const attributes = new Map<string, string>();
    for (;;) {
      this.match(WHITESPACE_RE);
      if (this.pos >= this.html.length) throw this.error("Unclosed start tag", tagStart);
      if (this.html[this.pos] === ">") {
        this.pos += 1;
        return attributes;
      }
      const name = this.match(ATTR_NAME_RE).toLowerCase();
      if (!name) throw this.error(`Empty attribute name in the tag "${tag}"`, tagStart);
      this.match(WHITESPACE_RE);
      attributes.set(name, this.html[this.pos] === "=" ? this.readAttributeValue(tag, tagStart) : "");
    }
  }

  private readAttributeValue(tag: string, tagStart: number): string {
    this.pos += 1;
    this.match(WHITESPACE_RE);
    const quote = this.html[this.pos];
    if (quote !== '"' && quote !== "'") {
      throw this.error(`Expected quoted value of an attribute of the tag "${tag}"`, tagStart);
    }
    const end = this.html.indexOf(quote, this.pos + 1);
    if (end < 0) throw this.error("Unclosed start tag", tagStart);
    let value = "";
    this.pos += 1;
    while (this.pos < end) {
      if (this.html[this.pos] === "&") {
        value += this.readEntity();
      } else {
        value += this.html[this.pos];
        this.pos += 1;
      }
    }
    this.pos = end + 1;
    return value;
  }

  private readEndTag(): void {
    const start = this.pos;
    this.pos += 2;
    const name = this.match(TAG_NAME_RE).toLowerCase();
    this.match(WHITESPACE_RE);
    if (this.html[this.pos] !== ">") throw this.error("Unclosed end tag", start);
    this.pos += 1;
    const open = this.stack.pop();
    if (!open) throw this.error("Unexpected end tag", start);
    if (open.name !== name) {
      const at = Buffer.byteLength(this.html.slice(0, start), "utf8");
      throw new HtmlParseError(
        `Unmatched end tag at byte offset ${at}, expected "</${open.name}>", found "</${name}>"`,
      );
    }
    this.closeEntity(open);
  }

  private closeEntity(open: OpenTag): void {
    const length = this.text.length - open.start;
    const parent = this.stack.at(-1);
    const codeClass = open.attributes.get("class") ?? "";
    if (open.name === "code" && parent?.name === "pre" && codeClass.startsWith("language-")) {
      // Telegram folds <pre><code class="language-x"> into one pre entity.
      parent.language = codeClass.slice("language-".length);
      return;
    }
    if (length > 0) this.entities.push(toEntity(open, length));
  }
}

function decodeEntity(m: RegExpExecArray): string | undefined {
  const [, decimal, hex, named] = m;
  if (named !== undefined) return NAMED_ENTITIES[named];
  const codePoint = decimal !== undefined ? Number(decimal) : parseInt(hex ?? "", 16);
  const isSurrogate = codePoint >= 0xd800 && codePoint <= 0xdfff;
  if (codePoint === 0 || codePoint > 0x10ffff || isSurrogate) return undefined;
  return String.fromCodePoint(codePoint);
}

function validateTagAttributes(
  name: string,
  attributes: Map<string, string>,
  error: (message: string) => HtmlParseError,
): void {
  if (name === "a" && !attributes.get("href")) throw error(`Tag "a" must have non-empty attribute "href"`);
  if (name === "span" && attributes.get("class") !== "tg-spoiler") {
    throw error(`Tag "span" must have class "tg-spoiler"`);
  }
  if (name === "tg-emoji" && !attributes.get("emoji-id")) {
    throw error(`Tag "tg-emoji" must have attribute "emoji-id"`);
  }
}

function toEntity(open: OpenTag, length: number): TextEntity {
  const entity: TextEntity = { type: TAG_ENTITY_TYPES[open.name] ?? "unknown", offset: open.start, length };
  if (open.name === "a") entity.url = open.attributes.get("href");
  if (open.name === "pre" && open.language) entity.language = open.language;
  if (open.name === "tg-emoji") entity.custom_emoji_id = open.attributes.get("emoji-id");
  if (open.name === "blockquote" && open.attributes.has("expandable")) entity.type = "expandable_blockquote";
  return entity;
}

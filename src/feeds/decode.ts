import { isUtf8 } from "node:buffer";
import chardet from "chardet";
import iconv from "iconv-lite";

/**
 * Decodes feed bytes to text. A single-byte or other non-UTF-8 charset named by Content-Type or the XML declaration is
 * used as named. Bytes that are valid UTF-8 are read as UTF-8. Anything else (no charset anywhere, or one that says
 * UTF-8 while the bytes are not) is detected from the bytes (chardet), so a Latin-1 or windows-1251 feed that names
 * no charset, or the wrong one, never stores U+FFFD or mojibake. Characters illegal in XML 1.0 are removed so one
 * stray control byte does not sink a whole feed.
 */
export function decodeFeed(body: Buffer, contentType: string | null): string {
  const charset = chooseCharset(body, charsetOf(contentType) ?? xmlDeclaredEncoding(body));
  const text = (charset === "utf-8" ? body.toString("utf8") : iconv.decode(body, charset)).replace(/^\uFEFF/, "");
  // Decoders never yield lone surrogates, so only control characters and U+FFFE/U+FFFF can be illegal; testing first
  // spares the (much slower) replace for the many feeds that are clean.
  return ILLEGAL_XML.test(text) ? text.replace(ILLEGAL_XML_ALL, "") : text;
}

function chooseCharset(body: Buffer, declared: string | undefined): string {
  const saysUtf8 = declared === undefined || declared === "utf-8" || declared === "utf8" || !iconv.encodingExists(declared);
  if (!saysUtf8) return declared;
  if (isUtf8(body)) return "utf-8";
  return detectCharset(body);
}

/**
 * The likeliest charset iconv can decode. UTF-8 with a stray bad byte stays UTF-8 (chardet still ranks it first); Latin-1
 * is read as windows-1252, its superset, which is what publishers really send.
 */
function detectCharset(body: Buffer): string {
  // Read on the text alone: the ASCII of tags and URLs drowns the letters that tell one charset from another (a
  // windows-1251 feed read whole was taken for windows-1252). Latin-1 maps each byte to itself, so no byte changes.
  const text = Buffer.from(body.subarray(0, DETECT_BYTES).toString("latin1").replace(/<[^>]*>/g, " "), "latin1");
  for (const candidate of chardet.analyse(text)) {
    const name = candidate.name.toLowerCase();
    if (name === "utf-8") return "utf-8";
    if (name === "iso-8859-1") return "windows-1252";
    if (iconv.encodingExists(name)) return name;
  }
  return "windows-1252";
}

/** Enough of a feed to tell its charset. */
const DETECT_BYTES = 64 * 1024;

const ILLEGAL_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
const ILLEGAL_XML_ALL = new RegExp(ILLEGAL_XML.source, "g");

function charsetOf(contentType: string | null): string | undefined {
  const match = contentType && /charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType);
  return match?.[1]?.toLowerCase();
}

function xmlDeclaredEncoding(body: Buffer): string | undefined {
  // The declaration is ASCII in every encoding a feed uses, so the first bytes read as latin1 suffice.
  const head = body.subarray(0, 200).toString("latin1");
  return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1]?.toLowerCase();
}

import iconv from "iconv-lite";

/**
 * Decodes feed bytes to text: the charset from Content-Type, else the XML declaration's encoding, else UTF-8.
 * Characters illegal in XML 1.0 are removed so one stray control byte does not sink a whole feed.
 */
export function decodeFeed(body: Buffer, contentType: string | null): string {
  const charset = charsetOf(contentType) ?? xmlDeclaredEncoding(body) ?? "utf-8";
  const utf8 = charset === "utf-8" || charset === "utf8" || !iconv.encodingExists(charset);
  const text = (utf8 ? body.toString("utf8") : iconv.decode(body, charset)).replace(/^\uFEFF/, "");
  // Decoders never yield lone surrogates, so only control characters and U+FFFE/U+FFFF can be illegal; testing first
  // spares the (much slower) replace for the many feeds that are clean.
  return ILLEGAL_XML.test(text) ? text.replace(ILLEGAL_XML_ALL, "") : text;
}

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

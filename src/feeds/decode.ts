import iconv from "iconv-lite";

/**
 * Decodes feed bytes to text: the charset from Content-Type, else the XML declaration's encoding, else UTF-8.
 * Characters illegal in XML 1.0 are removed so one stray control byte does not sink a whole feed.
 */
export function decodeFeed(body: Buffer, contentType: string | null): string {
  const charset = charsetOf(contentType) ?? xmlDeclaredEncoding(body) ?? "utf-8";
  const text = iconv.encodingExists(charset) ? iconv.decode(body, charset) : body.toString("utf8");
  return text.replace(/^\uFEFF/, "").replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "");
}

function charsetOf(contentType: string | null): string | undefined {
  const match = contentType && /charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType);
  return match?.[1]?.toLowerCase();
}

function xmlDeclaredEncoding(body: Buffer): string | undefined {
  // The declaration is ASCII in every encoding a feed uses, so the first bytes read as latin1 suffice.
  const head = body.subarray(0, 200).toString("latin1");
  return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1]?.toLowerCase();
}

/** Telegram's HTML parse mode: every text from a feed or a user goes through these before it is sent. */

export const MAX_MESSAGE_LENGTH = 4096;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escapes a value for a double-quoted attribute. */
export function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, "&quot;");
}

export function bold(text: string): string {
  return `<b>${escapeHtml(text)}</b>`;
}

/** A link, or plain escaped text when there is no usable URL. */
export function link(text: string, url: string | null): string {
  return url ? `<a href="${escapeAttribute(url)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

/**
 * Packs lines into messages of at most `max` characters, breaking only between lines, so never inside a tag.
 * `continuation(line)` may give a line to repeat at the top of the next message (a section heading).
 * A single line longer than `max` is cut at the limit with its tags removed, the only way to keep it valid.
 */
export function packMessages(lines: readonly string[], max = MAX_MESSAGE_LENGTH, headingOf?: (index: number) => string | undefined): string[] {
  const messages: string[] = [];
  let current = "";
  lines.forEach((raw, index) => {
    const line = raw.length > max ? plainWithin(raw, max) : raw;
    const joined = current === "" ? line : `${current}\n${line}`;
    if (joined.length <= max) {
      current = joined;
      return;
    }
    if (current.trim() !== "") messages.push(current.trimEnd());
    const heading = headingOf?.(index);
    current = heading && heading !== line && heading.length + line.length + 1 <= max ? `${heading}\n${line}` : line;
  });
  if (current.trim() !== "") messages.push(current.trimEnd());
  return messages;
}

/** The line's text without tags, escaped and cut so that the escaped form fits in `max`. */
function plainWithin(html: string, max: number): string {
  let text = Array.from(stripTags(html)).slice(0, max - 1).join("");
  let escaped = escapeHtml(text);
  while (escaped.length > max - 1) {
    text = Array.from(text).slice(0, -Math.max(1, Math.ceil((escaped.length - max + 1) / 5))).join("");
    escaped = escapeHtml(text);
  }
  return `${escaped}…`;
}

function stripTags(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

/** The text cut to at most `max` characters (code points), so an emoji or other surrogate pair is never split. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

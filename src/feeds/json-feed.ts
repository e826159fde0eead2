/**
 * JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/), read into the same raw fields as an RSS or Atom
 * item so that parse-feed normalises all of them alike. Authors (1.0 `author`, 1.1 `authors`) are not stored.
 */

/** An item's fields as the feed gives them: text not yet cleaned, dates not yet parsed. */
export interface RawEntry {
  title: unknown;
  /** HTML, or plain text, in the order to try. */
  summaries: unknown[];
  /** Web links in the order to try. */
  links: unknown[];
  id: unknown;
  /** Dates in the order to try. */
  dates: unknown[];
  categories: unknown[];
}

export interface RawJsonFeed {
  title: unknown;
  entries: RawEntry[];
}

/** The body is not a JSON Feed; the message says why, in one short line. */
export class NotJsonFeed extends Error {}

const JSON_TYPE = /^\s*application\/(?:feed\+)?json\s*(?:;|$)/i;
const VERSION = /^https?:\/\/jsonfeed\.org\/version\//i;

/**
 * Whether a body is to be read as JSON: a JSON content type (unless the body is plainly XML), or a body that opens
 * with `{`. `head` is the start of the body, leading white space already trimmed.
 */
export function looksLikeJson(head: string, contentType: string | null | undefined): boolean {
  const first = head[0];
  return first === "{" || (first !== "<" && !!contentType && JSON_TYPE.test(contentType));
}

export function readJsonFeed(text: string): RawJsonFeed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new NotJsonFeed(`invalid JSON (${(error as Error).message.split("\n")[0]?.slice(0, 120)})`);
  }
  if (!isRecord(value)) throw new NotJsonFeed("the JSON is not an object");
  if (typeof value.version !== "string" || !VERSION.test(value.version)) throw new NotJsonFeed("no https://jsonfeed.org/version/ in its \"version\"");
  if (!Array.isArray(value.items)) throw new NotJsonFeed("its \"items\" is not a list");
  const entries = value.items.filter(isRecord).map(
    (item): RawEntry => ({
      title: item.title,
      summaries: [item.summary, item.content_html, item.content_text],
      links: [item.url, item.external_url, item.id],
      id: item.id,
      // RFC 3339 strings; a number is not taken (Date.parse reads "12" as December 2001).
      dates: [item.date_published, item.date_modified].filter((date) => typeof date === "string"),
      categories: Array.isArray(item.tags) ? item.tags : [],
    }),
  );
  return { title: value.title, entries };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

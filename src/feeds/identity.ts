import { hash } from "node:crypto";

/** A compact, stable identity for an item key (guid, else link, else title and date). */
export function identityHash(key: string): string {
  return hash("sha1", key, "base64url").slice(0, 20);
}

// Parameters that say who sent the reader, not which story it is.
const TRACKING = /^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|ysclid|mc_cid|mc_eid|igshid|_ga|_gl|ocid|cmpid|ito|rss|at_medium|at_campaign|wt\.mc_id|smid|ref_src)$/i;

/**
 * The link as a key for "the same story": no scheme, lower-case host without `www.` and default port, no fragment,
 * no tracking parameters, no trailing slash. Null for a missing or non-HTTP link.
 */
export function canonicalUrl(link: string | null): string | null {
  if (!link) return null;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  const params = [...url.searchParams].filter(([name]) => !TRACKING.test(name));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : "";
  const host = url.host.toLowerCase().replace(/^www\./, "");
  const path = url.pathname.replace(/\/+$/, "");
  return `${host}${path}${query}`;
}

/** The hash of an item's canonical link, or null when it has none. */
export function canonicalKey(link: string | null): string | null {
  const canonical = canonicalUrl(link);
  return canonical === null ? null : identityHash(canonical);
}

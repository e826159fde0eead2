import { Agent, fetch, type Dispatcher, type Response } from "undici";
import { assertAllowedLiteral, guardedLookup, isPrivateAddress, PrivateAddressError, type AddressPolicy } from "./address-guard.js";

export interface FetcherOptions {
  timeoutMs: number;
  maxBytes: number;
  userAgent: string;
  allowPrivate: boolean;
  connectTimeoutMs?: number;
  /** Which addresses count as private when `allowPrivate` is off; tests narrow it to reach a loopback "public" server. */
  isBlockedAddress?: AddressPolicy;
}

export interface FetchRequest {
  url: string;
  etag?: string | null;
  lastModified?: string | null;
  signal?: AbortSignal;
}

/** How long the server asks us to wait before the next request (Cache-Control max-age, Expires, Retry-After). */
export interface CacheHint {
  freshForMs?: number;
}

export type FetchResult =
  | ({ kind: "not-modified"; movedTo?: string } & CacheHint)
  | ({ kind: "ok"; body: Buffer; contentType: string | null; etag: string | null; lastModified: string | null; movedTo?: string } & CacheHint);

/** A feed could not be fetched. `status` is the HTTP status when there was one; `retryAfterMs` when the server asked for a pause. */
export class FeedFetchError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "FeedFetchError";
  }
}

export interface FeedFetcher {
  fetch(request: FetchRequest): Promise<FetchResult>;
  close(): Promise<void>;
}

const ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1";
const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Builds the fetcher feeds are polled with: its own connection pool, timeouts, size cap, redirect and address rules. */
export function createFeedFetcher(options: FetcherOptions): FeedFetcher {
  const agent = new Agent({
    connect: { timeout: options.connectTimeoutMs ?? Math.min(10_000, options.timeoutMs), ...(options.allowPrivate ? {} : { lookup: guardedLookup(options.isBlockedAddress ?? isPrivateAddress) }) },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    keepAliveTimeout: 10_000,
  });
  return {
    fetch: (request) => fetchFeed(agent, options, request),
    close: () => agent.close(),
  };
}

async function fetchFeed(agent: Dispatcher, options: FetcherOptions, request: FetchRequest): Promise<FetchResult> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  const headers: Record<string, string> = { "user-agent": options.userAgent, accept: ACCEPT, "accept-encoding": "gzip, deflate, br" };
  if (request.etag) headers["if-none-match"] = request.etag;
  if (request.lastModified) headers["if-modified-since"] = request.lastModified;

  let url = new URL(request.url);
  const visited = new Set<string>([url.href]);
  let permanent = true;
  try {
    for (let hop = 0; ; hop++) {
      if (!options.allowPrivate) assertAllowedLiteral(url, options.isBlockedAddress);
      const response = await fetch(url, { headers, signal, redirect: "manual", dispatcher: agent });
      if (REDIRECTS.has(response.status)) {
        await response.body?.cancel();
        const location = response.headers.get("location");
        if (!location) throw new FeedFetchError(`HTTP ${response.status} redirect without a Location`, response.status);
        if (hop + 1 > MAX_REDIRECTS) throw new FeedFetchError(`more than ${MAX_REDIRECTS} redirects`, response.status);
        const next = new URL(location, url);
        if (next.protocol !== "http:" && next.protocol !== "https:") throw new FeedFetchError(`redirect to a non-HTTP URL (${next.protocol})`, response.status);
        if (visited.has(next.href)) throw new FeedFetchError(`redirect loop at ${next.href}`, response.status);
        visited.add(next.href);
        permanent &&= response.status === 301 || response.status === 308;
        url = next;
        continue;
      }
      const movedTo = hop > 0 && permanent ? { movedTo: url.href } : {};
      return await finish(response, options, movedTo);
    }
  } catch (error) {
    throw asFetchError(error, options.timeoutMs);
  }
}

async function finish(response: Response, options: FetcherOptions, movedTo: { movedTo?: string }): Promise<FetchResult> {
  const hint = cacheHint(response);
  if (response.status === 304) {
    await response.body?.cancel();
    return { kind: "not-modified", ...movedTo, ...hint };
  }
  if (!response.ok) {
    await response.body?.cancel();
    const retryAfterMs = response.status === 429 || response.status === 503 ? retryAfter(response.headers.get("retry-after")) : undefined;
    throw new FeedFetchError(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`, response.status, retryAfterMs);
  }
  const body = await readCapped(response, options.maxBytes);
  return {
    kind: "ok",
    body,
    contentType: response.headers.get("content-type"),
    etag: response.headers.get("etag"),
    lastModified: response.headers.get("last-modified"),
    ...movedTo,
    ...hint,
  };
}

/** Reads the (already decompressed) body, stopping as soon as it passes the cap, so a gzip bomb costs at most `maxBytes`. */
async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get("content-length"));
  if (!response.headers.get("content-encoding") && declared > maxBytes) {
    await response.body?.cancel();
    throw new FeedFetchError(`response is larger than the ${maxBytes}-byte limit`);
  }
  if (!response.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new FeedFetchError(`response is larger than the ${maxBytes}-byte limit`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

function cacheHint(response: Response): CacheHint {
  const maxAge = /(?:^|,)\s*(?:s-)?max-age\s*=\s*"?(\d+)/i.exec(response.headers.get("cache-control") ?? "")?.[1];
  if (maxAge !== undefined) return { freshForMs: Number(maxAge) * 1000 };
  const expires = Date.parse(response.headers.get("expires") ?? "");
  if (Number.isFinite(expires)) {
    const date = Date.parse(response.headers.get("date") ?? "");
    return { freshForMs: Math.max(0, expires - (Number.isFinite(date) ? date : Date.now())) };
  }
  return {};
}

/** Retry-After as seconds or an HTTP date. */
export function retryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

function asFetchError(error: unknown, timeoutMs: number): FeedFetchError {
  if (error instanceof FeedFetchError) return error;
  if (error instanceof PrivateAddressError) return new FeedFetchError(error.message);
  const err = error as Error & { cause?: Error & { code?: string } };
  if (err.name === "TimeoutError" || err.name === "AbortError" || err.cause?.name === "TimeoutError") return new FeedFetchError(`timed out after ${timeoutMs} ms`);
  const cause = err.cause;
  if (cause instanceof PrivateAddressError) return new FeedFetchError(cause.message);
  if (cause?.code === "UND_ERR_CONNECT_TIMEOUT") return new FeedFetchError("timed out connecting");
  if (cause?.code === "UND_ERR_HEADERS_TIMEOUT" || cause?.code === "UND_ERR_BODY_TIMEOUT") return new FeedFetchError(`timed out after ${timeoutMs} ms`);
  if (err instanceof TypeError && /invalid url/i.test(err.message)) return new FeedFetchError(`not a valid URL`);
  return new FeedFetchError(`network error: ${cause?.code ?? cause?.message ?? err.message}`);
}

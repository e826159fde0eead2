import { STATUS_CODES } from "node:http";
import { pipeline, type Readable, type Transform } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { Agent, type Dispatcher } from "undici";
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
  | ({ kind: "ok"; body: Buffer; contentType: string | null; etag: string | null; lastModified: string | null; movedTo?: string; url?: string } & CacheHint);

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

/** The error of a fetch cut short because the bot is stopping. */
export const CANCELLED = "cancelled: the bot is stopping";

const ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1";
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
    // destroy, not close: close waits for requests still resolving or connecting, which a stop must not.
    close: () => agent.destroy(),
  };
}

async function fetchFeed(agent: Dispatcher, options: FetcherOptions, request: FetchRequest): Promise<FetchResult> {
  // One controller and one timer per fetch: AbortSignal.timeout and AbortSignal.any cost several times more, and a
  // re-poll of many unchanged feeds is mostly this per-request overhead.
  const controller = new AbortController();
  const { signal } = controller;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const cancel = () => controller.abort();
  if (request.signal?.aborted) cancel();
  request.signal?.addEventListener("abort", cancel, { once: true });
  const headers: Record<string, string> = { "user-agent": options.userAgent, accept: ACCEPT, "accept-encoding": "gzip, deflate, br" };
  if (request.etag) headers["if-none-match"] = request.etag;
  if (request.lastModified) headers["if-modified-since"] = request.lastModified;

  let url = new URL(request.url);
  const visited = new Set<string>([url.href]);
  let permanent = true;
  try {
    for (let hop = 0; ; hop++) {
      if (!options.allowPrivate) assertAllowedLiteral(url, options.isBlockedAddress);
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new FeedFetchError(`not an HTTP URL (${url.protocol})`);
      const response = await abortable(agent.request({ origin: url.origin, path: `${url.pathname}${url.search}`, method: "GET", headers, signal }), signal);
      if (REDIRECTS.has(response.statusCode)) {
        await response.body.dump();
        const location = header(response, "location");
        if (!location) throw new FeedFetchError(`HTTP ${response.statusCode} redirect without a Location`, response.statusCode);
        if (hop + 1 > MAX_REDIRECTS) throw new FeedFetchError(`more than ${MAX_REDIRECTS} redirects`, response.statusCode);
        const next = new URL(location, url);
        if (next.protocol !== "http:" && next.protocol !== "https:") throw new FeedFetchError(`redirect to a non-HTTP URL (${next.protocol})`, response.statusCode);
        if (visited.has(next.href)) throw new FeedFetchError(`redirect loop at ${next.href}`, response.statusCode);
        visited.add(next.href);
        permanent &&= response.statusCode === 301 || response.statusCode === 308;
        url = next;
        continue;
      }
      const movedTo = hop > 0 && permanent ? { movedTo: url.href } : {};
      const result = await finish(response, options, movedTo);
      // The address the feed came from at last, after redirects: relative links in it are resolved against it.
      return result.kind === "ok" ? { ...result, url: url.href } : result;
    }
  } catch (error) {
    throw asFetchError(error, options.timeoutMs, timedOut);
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener("abort", cancel);
  }
}

type Response = Dispatcher.ResponseData;

/**
 * undici leaves a request whose host is still being resolved deaf to its signal until the connect timeout (up to
 * 10 s); this settles it when the signal aborts, and the agent's destroy() at stop tears the request down.
 */
function abortable<T>(request: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    request.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function header(response: Response, name: string): string | null {
  const value = response.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

async function finish(response: Response, options: FetcherOptions, movedTo: { movedTo?: string }): Promise<FetchResult> {
  const hint = cacheHint(response);
  const status = response.statusCode;
  if (status === 304) {
    await response.body.dump();
    return { kind: "not-modified", ...movedTo, ...hint };
  }
  if (status < 200 || status >= 300) {
    await response.body.dump();
    const retryAfterMs = status === 429 || status === 503 ? retryAfter(header(response, "retry-after")) : undefined;
    throw new FeedFetchError(`HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ""}`, status, retryAfterMs);
  }
  const body = await readCapped(response, options.maxBytes);
  return {
    kind: "ok",
    body,
    contentType: header(response, "content-type"),
    etag: header(response, "etag"),
    lastModified: header(response, "last-modified"),
    ...movedTo,
    ...hint,
  };
}

/** Reads the body, decompressing it, and stops as soon as the decompressed size passes the cap: a gzip bomb costs at most `maxBytes`. */
async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  const encoding = header(response, "content-encoding")?.trim().toLowerCase() ?? "identity";
  const declared = Number(header(response, "content-length"));
  if (encoding === "identity" && declared > maxBytes) {
    response.body.destroy();
    throw new FeedFetchError(`response is larger than the ${maxBytes}-byte limit`);
  }
  const decoder = decoderFor(encoding);
  const stream: Readable = decoder ? pipeline(response.body, decoder, () => undefined) : response.body;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw new FeedFetchError(`response is larger than the ${maxBytes}-byte limit`);
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (!(error instanceof FeedFetchError) && (error as { code?: string }).code?.startsWith("Z_")) {
      throw new FeedFetchError(`the ${encoding} body is corrupt: ${(error as Error).message}`);
    }
    throw error;
  } finally {
    stream.destroy();
    response.body.destroy();
  }
  return Buffer.concat(chunks, size);
}

function decoderFor(encoding: string): Transform | undefined {
  switch (encoding) {
    case "gzip":
    case "x-gzip":
      return createGunzip();
    case "deflate":
      return createInflate();
    case "br":
      return createBrotliDecompress();
    case "identity":
      return undefined;
    default:
      throw new FeedFetchError(`unsupported Content-Encoding: ${encoding.slice(0, 40)}`);
  }
}

function cacheHint(response: Response): CacheHint {
  const maxAge = /(?:^|,)\s*(?:s-)?max-age\s*=\s*"?(\d+)/i.exec(header(response, "cache-control") ?? "")?.[1];
  if (maxAge !== undefined) return { freshForMs: Number(maxAge) * 1000 };
  const expires = Date.parse(header(response, "expires") ?? "");
  if (Number.isFinite(expires)) {
    const date = Date.parse(header(response, "date") ?? "");
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

function asFetchError(error: unknown, timeoutMs: number, timedOut: boolean): FeedFetchError {
  if (error instanceof FeedFetchError) return error;
  if (timedOut) return new FeedFetchError(`timed out after ${timeoutMs} ms`);
  const err = error as Error & { code?: string; cause?: Error & { code?: string } };
  const cause = err.cause ?? err;
  if (cause instanceof PrivateAddressError) return new FeedFetchError(cause.message);
  switch (cause.code) {
    case "UND_ERR_CONNECT_TIMEOUT":
      return new FeedFetchError("timed out connecting");
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
      return new FeedFetchError(`timed out after ${timeoutMs} ms`);
    case "UND_ERR_ABORTED":
      return new FeedFetchError(CANCELLED);
  }
  if (err.name === "AbortError") return new FeedFetchError(CANCELLED);
  return new FeedFetchError(`network error: ${cause.code ?? cause.message}`);
}

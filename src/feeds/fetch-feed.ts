import { Readable } from "node:stream";

export interface FetchFeedOptions {
  etag?: string | null;
  lastModified?: string | null;
  timeoutMs: number;
  maxBytes: number;
  userAgent: string;
  signal?: AbortSignal;
}

export type FetchResult =
  | { kind: "not-modified"; status: 304; url: string }
  | { kind: "ok"; status: number; url: string; body: Buffer; contentType: string | null; etag: string | null; lastModified: string | null };

/** A feed could not be fetched; `status` is the HTTP status when there was one. */
export class FeedFetchError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "FeedFetchError";
  }
}

const ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

/** Fetches a feed's bytes with a timeout and a size cap, sending the validators of the previous response. */
export async function fetchFeed(url: string, options: FetchFeedOptions): Promise<FetchResult> {
  const headers: Record<string, string> = { "user-agent": options.userAgent, accept: ACCEPT };
  if (options.etag) headers["if-none-match"] = options.etag;
  if (options.lastModified) headers["if-modified-since"] = options.lastModified;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, { headers, signal, redirect: "follow" });
  } catch (error) {
    throw networkError(error, options.timeoutMs);
  }
  if (response.status === 304) {
    await response.body?.cancel();
    return { kind: "not-modified", status: 304, url: response.url || url };
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new FeedFetchError(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`, response.status);
  }
  const body = await readCapped(response, options.maxBytes, options.timeoutMs);
  return {
    kind: "ok",
    status: response.status,
    url: response.url || url,
    body,
    contentType: response.headers.get("content-type"),
    etag: response.headers.get("etag"),
    lastModified: response.headers.get("last-modified"),
  };
}

async function readCapped(response: Response, maxBytes: number, timeoutMs: number): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    // Node's fetch has already decompressed the body, so the cap counts decompressed bytes.
    for await (const chunk of Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>)) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw new FeedFetchError(`response is larger than ${maxBytes} bytes`);
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof FeedFetchError) throw error;
    throw networkError(error, timeoutMs);
  }
  return Buffer.concat(chunks, size);
}

function networkError(error: unknown, timeoutMs: number): FeedFetchError {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err.name === "TimeoutError" || err.name === "AbortError") return new FeedFetchError(`timed out after ${timeoutMs} ms`);
  const cause = err.cause?.code ?? err.cause?.message;
  return new FeedFetchError(`network error: ${cause ?? err.message}`);
}

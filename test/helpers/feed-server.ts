/**
 * A tiny local HTTP server that serves RSS/Atom feeds (or hostile responses)
 * to the feed poller under test, and records what the poller sent.
 */
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

export type FeedHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface StaticFeedResponse {
  status?: number;
  headers?: OutgoingHttpHeaders;
  body: string | Buffer;
  /** Sent as `ETag`; a request whose `If-None-Match` equals it gets 304. */
  etag?: string;
  /** Sent as `Last-Modified`; a request whose `If-Modified-Since` equals it gets 304. */
  lastModified?: string;
}

export interface FeedHit {
  method: string;
  /** Path including the query string. */
  path: string;
  headers: IncomingHttpHeaders;
  at: number;
}

export interface FeedServer {
  /** e.g. `http://127.0.0.1:PORT` */
  readonly origin: string;
  url(path: string): string;
  /** Defines (or replaces) the response for a path; unrouted paths answer 404. */
  route(path: string, response: FeedHandler | StaticFeedResponse): void;
  /** Requests received for a path (matched like routes), oldest first. */
  hits(path: string): FeedHit[];
  hitCount(path: string): number;
  /** Every request received, in order. */
  readonly requests: readonly FeedHit[];
  close(): Promise<void>;
}

/** `host` may be any loopback address (Linux routes all of 127.0.0.0/8 to lo). */
export async function startFeedServer(host = "127.0.0.1"): Promise<FeedServer> {
  const server = new LocalFeedServer();
  await server.listen(host);
  return server;
}

class LocalFeedServer implements FeedServer {
  origin = "";
  readonly requests: FeedHit[] = [];
  private readonly routes = new Map<string, FeedHandler | StaticFeedResponse>();
  private readonly server = createServer((req, res) => void this.handle(req, res));

  async listen(host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, host, () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.origin = `http://${host}:${port}`;
  }

  url(path: string): string {
    return `${this.origin}${path.startsWith("/") ? path : `/${path}`}`;
  }

  route(path: string, response: FeedHandler | StaticFeedResponse): void {
    this.routes.set(normalizePath(path), response);
  }

  hits(path: string): FeedHit[] {
    const wanted = normalizePath(path);
    return this.requests.filter((hit) => this.routeKey(hit.path) === wanted);
  }

  hitCount(path: string): number {
    return this.hits(path).length;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      // Hostile handlers may never answer; don't let them keep the test alive.
      this.server.closeAllConnections();
    });
  }

  /** A route for the full path (with query) wins over one for the bare pathname. */
  private routeKey(path: string): string {
    if (this.routes.has(path)) return path;
    return new URL(path, "http://localhost").pathname;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? "/";
    this.requests.push({ method: req.method ?? "GET", path, headers: { ...req.headers }, at: Date.now() });
    const response = this.routes.get(this.routeKey(path));
    try {
      if (response === undefined) sendStatic(req, res, { status: 404, body: "Not Found" });
      else if (typeof response === "function") await response(req, res);
      else sendStatic(req, res, response);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500);
      res.end(`feed-server handler failed: ${String(error)}`);
    }
  }
}

function normalizePath(path: string): string {
  return path.startsWith("/") ? path : `/${path}`;
}

function sendStatic(req: IncomingMessage, res: ServerResponse, response: StaticFeedResponse): void {
  const headers: OutgoingHttpHeaders = {
    "content-type": "application/xml; charset=utf-8",
    ...response.headers,
  };
  if (response.etag !== undefined) headers.etag = response.etag;
  if (response.lastModified !== undefined) headers["last-modified"] = response.lastModified;
  if (isNotModified(req, response)) {
    res.writeHead(304, withoutBodyHeaders(headers));
    res.end();
    return;
  }
  res.writeHead(response.status ?? 200, { ...headers, "content-length": Buffer.byteLength(response.body) });
  res.end(req.method === "HEAD" ? undefined : response.body);
}

function isNotModified(req: IncomingMessage, response: StaticFeedResponse): boolean {
  const etagMatches = response.etag !== undefined && req.headers["if-none-match"] === response.etag;
  const dateMatches =
    response.lastModified !== undefined && req.headers["if-modified-since"] === response.lastModified;
  return etagMatches || dateMatches;
}

function withoutBodyHeaders(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
  const { "content-type": _type, "content-length": _length, ...rest } = headers;
  return rest;
}

// ---------------------------------------------------------------------------
// Feed builders
// ---------------------------------------------------------------------------

export interface FeedItem {
  title?: string;
  link?: string;
  guid?: string;
  description?: string;
  /** A Date, or a string used verbatim (handy for malformed dates). */
  pubDate?: Date | string;
  categories?: string[];
}

export interface FeedSpec {
  title: string;
  link?: string;
  description?: string;
  items: FeedItem[];
}

/** Escapes text for XML element content and attribute values. */
export function escapeXml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

function element(name: string, value: string | undefined, attributes = ""): string {
  return value === undefined ? "" : `<${name}${attributes}>${escapeXml(value)}</${name}>`;
}

function rssDate(date: Date | string | undefined): string | undefined {
  return date instanceof Date ? date.toUTCString() : date;
}

function isoDate(date: Date | string | undefined): string | undefined {
  return date instanceof Date ? date.toISOString() : date;
}

/** An RSS 2.0 document. */
export function rssFeed(spec: FeedSpec): string {
  const items = spec.items.map(rssItem).join("\n    ");
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0">',
    "  <channel>",
    `    ${element("title", spec.title)}`,
    `    ${element("link", spec.link ?? "https://example.com/")}`,
    `    ${element("description", spec.description ?? spec.title)}`,
    `    ${items}`,
    "  </channel>",
    "</rss>",
    "",
  ].join("\n");
}

function rssItem(item: FeedItem): string {
  const guidIsUrl = item.guid !== undefined && /^https?:\/\//.test(item.guid);
  const parts = [
    element("title", item.title),
    element("link", item.link),
    element("guid", item.guid, guidIsUrl ? "" : ' isPermaLink="false"'),
    element("description", item.description),
    element("pubDate", rssDate(item.pubDate)),
    ...(item.categories ?? []).map((category) => element("category", category)),
  ];
  return `<item>${parts.join("")}</item>`;
}

/**
 * An Atom 1.0 document. Item fields map as guid → id, description → summary,
 * pubDate → published and updated. Atom requires ids and dates, so missing
 * ones get stable defaults.
 */
export function atomFeed(spec: FeedSpec & { id?: string; updated?: Date | string }): string {
  const link = spec.link ?? "https://example.com/";
  const entries = spec.items.map((item, index) => atomEntry(item, index)).join("\n  ");
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  ${element("title", spec.title)}`,
    `  ${element("id", spec.id ?? link)}`,
    `  ${element("updated", isoDate(spec.updated) ?? "2024-01-01T00:00:00Z")}`,
    `  <link href="${escapeXml(link)}"/>`,
    `  ${element("subtitle", spec.description)}`,
    `  ${entries}`,
    "</feed>",
    "",
  ].join("\n");
}

function atomEntry(item: FeedItem, index: number): string {
  const date = isoDate(item.pubDate) ?? "2024-01-01T00:00:00Z";
  const parts = [
    element("title", item.title ?? ""),
    item.link === undefined ? "" : `<link rel="alternate" href="${escapeXml(item.link)}"/>`,
    element("id", item.guid ?? item.link ?? `urn:test:entry:${index + 1}`),
    element("published", date),
    element("updated", date),
    element("summary", item.description),
    ...(item.categories ?? []).map((category) => `<category term="${escapeXml(category)}"/>`),
  ];
  return `<entry>${parts.join("")}</entry>`;
}

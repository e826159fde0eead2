/**
 * Child process of the ingest benchmark (started by feed-hosts.ts): serves the corpus from HOST_COUNT HTTP servers on
 * 127.0.0.2 … 127.0.0.26, FEEDS_PER_HOST feeds each, like publishers do: ETag on every response, Last-Modified on
 * some, 304 to a matching If-None-Match / If-Modified-Since, gzip for some (compressed once, here at start).
 *
 * Protocol: sends one ReadyMessage when listening; on any message from the parent it closes its servers and exits.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { buildFeed, FEED_COUNT, HOST_COUNT, hostAddress, type CorpusFeed } from "./corpus.js";

export interface ServedFeed {
  url: string;
  name: string;
  topics: string[];
}

export interface CorpusStats {
  rss: number;
  atom: number;
  windows1251: number;
  /** windows-1251 feeds whose Content-Type names no charset (only the XML declaration does). */
  windows1251XmlOnly: number;
  gzip: number;
  lastModified: number;
  /** Uncompressed document bytes. */
  bytes: number;
  /** Body bytes of a full poll (gzip where served gzip). */
  wireBytes: number;
  /** sha256 over every document's bytes in feed order, to check the parse-only pass reads the same documents. */
  digest: string;
}

export interface ReadyMessage {
  feeds: ServedFeed[];
  stats: CorpusStats;
}

interface Route {
  feed: CorpusFeed;
  gzipped: Buffer | null;
}

async function main(): Promise<void> {
  const routesByHost = Array.from({ length: HOST_COUNT }, () => new Map<string, Route>());
  const feeds: CorpusFeed[] = [];
  for (let i = 0; i < FEED_COUNT; i++) {
    const feed = buildFeed(i);
    feeds.push(feed);
    routesByHost[feed.host]!.set(feed.path, { feed, gzipped: feed.gzip ? gzipSync(feed.body) : null });
  }
  const servers = await Promise.all(routesByHost.map((routes, host) => listen(hostAddress(host), routes)));
  const origins = servers.map((server, host) => `http://${hostAddress(host)}:${(server.address() as AddressInfo).port}`);

  const ready: ReadyMessage = {
    feeds: feeds.map((f) => ({ url: `${origins[f.host]}${f.path}`, name: f.name, topics: f.topics })),
    stats: statsOf(feeds, routesByHost),
  };
  process.send!(ready);
  process.once("message", () => {
    void Promise.all(servers.map(close)).then(() => process.disconnect());
  });
}

function listen(address: string, routes: ReadonlyMap<string, Route>): Promise<Server> {
  const server = createServer((req, res) => {
    const route = routes.get(req.url ?? "");
    if (route) respond(req, res, route);
    else res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
  });
  // Longer than the fetcher's keep-alive, so idle connections are closed by the client, as with real servers.
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, address, () => resolve(server));
  });
}

function respond(req: IncomingMessage, res: ServerResponse, { feed, gzipped }: Route): void {
  const validators: OutgoingHttpHeaders = { etag: feed.etag, ...(feed.lastModified ? { "last-modified": feed.lastModified } : {}), "cache-control": "max-age=60" };
  if (notModified(req, feed)) {
    res.writeHead(304, validators).end();
    return;
  }
  const gzip = gzipped !== null && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
  const body = gzip ? gzipped : feed.body;
  res.writeHead(200, {
    "content-type": feed.contentType,
    "content-length": body.length,
    ...(gzip ? { "content-encoding": "gzip" } : {}),
    vary: "Accept-Encoding",
    ...validators,
  });
  res.end(body);
}

/** RFC 9110 §13.2.2: If-None-Match (weak comparison) wins; If-Modified-Since counts only without it. */
function notModified(req: IncomingMessage, feed: CorpusFeed): boolean {
  const ifNoneMatch = req.headers["if-none-match"];
  if (ifNoneMatch !== undefined) {
    const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
    return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(feed.etag));
  }
  const ifModifiedSince = req.headers["if-modified-since"];
  return ifModifiedSince !== undefined && feed.lastModified !== null && Date.parse(ifModifiedSince) >= Date.parse(feed.lastModified);
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function statsOf(feeds: readonly CorpusFeed[], routesByHost: readonly ReadonlyMap<string, Route>[]): CorpusStats {
  const digest = createHash("sha256");
  for (const feed of feeds) digest.update(feed.body);
  const routes = routesByHost.flatMap((byPath) => [...byPath.values()]);
  return {
    rss: feeds.filter((f) => f.style !== "atom").length,
    atom: feeds.filter((f) => f.style === "atom").length,
    windows1251: feeds.filter((f) => f.encoding === "windows-1251").length,
    windows1251XmlOnly: feeds.filter((f) => f.encoding === "windows-1251" && !f.charsetInHeader).length,
    gzip: feeds.filter((f) => f.gzip).length,
    lastModified: feeds.filter((f) => f.lastModified !== null).length,
    bytes: feeds.reduce((n, f) => n + f.body.length, 0),
    wireBytes: routes.reduce((n, r) => n + (r.gzipped ?? r.feed.body).length, 0),
    digest: digest.digest("hex"),
  };
}

await main();

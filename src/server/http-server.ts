import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import { mayReadMetrics } from "./access.js";
import { checkReadiness, type Readiness } from "./check-readiness.js";
import { notFound, send, sendJson } from "./respond.js";
import { createWebhookHandler, type WebhookOptions } from "./webhook-endpoint.js";

export type { Readiness } from "./check-readiness.js";
export type { WebhookOptions } from "./webhook-endpoint.js";

export interface HttpServerOptions {
  /** HTTP_HOST; the caller defaults it to 0.0.0.0. */
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  log: Logger;
  readiness: () => Readiness | Promise<Readiness>;
  metrics: { contentType: string; render(): Promise<string> };
  /** METRICS_TOKEN: lets non-loopback clients read /metrics with `Authorization: Bearer <token>`. */
  metricsToken?: string;
  webhook?: WebhookOptions;
  /** Largest webhook body accepted; default 1 MiB (Telegram's updates are a few KiB). */
  maxBodyBytes?: number;
  /** Whole request, headers and body, must arrive within this; default 10 s. */
  requestTimeoutMs?: number;
  /** Headers must arrive within this; default 5 s, never more than requestTimeoutMs. */
  headersTimeoutMs?: number;
  /** An idle keep-alive connection is closed after this; default 5 s. */
  keepAliveTimeoutMs?: number;
  /** A readiness() that has not settled by then counts as not ready; default 2 s. */
  readinessTimeoutMs?: number;
  /** stop() lets requests in flight finish for this long, then destroys their connections; default 1 s. */
  stopGraceMs?: number;
}

export interface HttpServer {
  readonly port: number;
  readonly url: string;
  /** Resolves once every connection is closed; calling it again returns the same promise. */
  stop(): Promise<void>;
}

const RESERVED_PATHS = new Set(["/healthz", "/readyz", "/metrics"]);

const CLIENT_ERROR_RESPONSES: Record<string, string> = {
  ERR_HTTP_REQUEST_TIMEOUT: "408 Request Timeout",
  HPE_HEADER_OVERFLOW: "431 Request Header Fields Too Large",
};

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

function checkWebhook(webhook: WebhookOptions): void {
  if (!webhook.path.startsWith("/") || webhook.path.includes("?") || RESERVED_PATHS.has(webhook.path)) {
    throw new RangeError(`webhook path must start with "/", have no query and not be ${[...RESERVED_PATHS].join(", ")}`);
  }
  // An empty secret would match an empty header.
  if (webhook.secret === "") throw new RangeError("webhook secret must not be empty");
}

/**
 * The process's HTTP endpoints: /healthz, /readyz, /metrics and, if configured, Telegram's webhook.
 *
 * Routing is by method and path, and anything else is 404, never 405: the webhook path is a secret of sorts and
 * /metrics is hidden from clients that may not read it, and a 405 would tell a scanner that something lives there.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const { log, metrics, metricsToken } = options;
  const maxBodyBytes = positiveInteger("maxBodyBytes", options.maxBodyBytes, 1024 * 1024);
  const requestTimeout = positiveInteger("requestTimeoutMs", options.requestTimeoutMs, 10_000);
  const headersTimeout = Math.min(requestTimeout, positiveInteger("headersTimeoutMs", options.headersTimeoutMs, 5_000));
  const keepAliveTimeout = positiveInteger("keepAliveTimeoutMs", options.keepAliveTimeoutMs, 5_000);
  const readinessTimeout = positiveInteger("readinessTimeoutMs", options.readinessTimeoutMs, 2_000);
  const stopGrace = positiveInteger("stopGraceMs", options.stopGraceMs, 1_000);
  if (options.webhook !== undefined) checkWebhook(options.webhook);
  const webhook = options.webhook === undefined ? undefined : { path: options.webhook.path, handle: createWebhookHandler(options.webhook, maxBodyBytes, log) };

  const server = createServer({
    requestTimeout,
    headersTimeout,
    keepAliveTimeout,
    // Node enforces both timeouts only when it sweeps its connections, every 30 s by default; sweep often enough
    // that a stalled client is cut off close to the timeout.
    connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(headersTimeout / 4))),
  });

  // The response currently being written on each connection, so a client error does not write into the middle of it.
  const answering = new WeakMap<Duplex, ServerResponse>();
  const inFlight = new Set<ServerResponse>();
  let stopping = false;
  let wasReady: boolean | undefined;

  async function readyz(res: ServerResponse): Promise<void> {
    const result = await checkReadiness(options.readiness, readinessTimeout);
    if (result.error !== undefined) log.warn({ err: result.error }, "readiness check failed");
    if (result.readiness.ready !== wasReady) {
      const failing = Object.keys(result.readiness.checks).filter((name) => result.readiness.checks[name]?.ok !== true);
      if (result.readiness.ready) log.info("ready");
      else log.warn({ failing }, "not ready");
      wasReady = result.readiness.ready;
    }
    sendJson(res, result.readiness.ready ? 200 : 503, result.readiness);
  }

  async function metricsEndpoint(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!mayReadMetrics(req.socket.remoteAddress, req.headers.authorization, metricsToken)) {
      notFound(res);
      return;
    }
    let text: string;
    try {
      text = await metrics.render();
    } catch (error) {
      log.error({ err: error }, "rendering metrics failed");
      sendJson(res, 500, { error: "metrics unavailable" });
      return;
    }
    send(res, 200, metrics.contentType, text);
  }

  async function route(req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): Promise<void> {
    const method = req.method ?? "";
    const path = (req.url ?? "").split("?", 1)[0] ?? "";
    const readOnly = method === "GET" || method === "HEAD";
    if (path === "/healthz" && readOnly) sendJson(res, 200, { status: "ok" });
    else if (path === "/readyz" && readOnly) await readyz(res);
    // GET only: a HEAD would render every metric to send none.
    else if (path === "/metrics" && method === "GET") await metricsEndpoint(req, res);
    else if (webhook !== undefined && path === webhook.path && method === "POST") webhook.handle(req, res, expectsContinue);
    else notFound(res);
  }

  function onRequest(req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): void {
    answering.set(req.socket, res);
    inFlight.add(res);
    res.on("close", () => {
      inFlight.delete(res);
      if (answering.get(req.socket) === res) answering.delete(req.socket);
    });
    // A failed write to a socket the client closed; nothing left to answer.
    res.on("error", (error) => log.debug({ errorCode: (error as NodeJS.ErrnoException).code }, "response failed"));
    if (stopping) res.setHeader("Connection", "close");
    route(req, res, expectsContinue).catch((error: unknown) => {
      log.error({ err: error, method: req.method }, "request failed");
      if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
      else res.destroy();
    });
  }
  server.on("request", (req: IncomingMessage, res: ServerResponse) => onRequest(req, res, false));
  // With this listener Node no longer sends "100 Continue" by itself: the webhook sends it once the secret and the
  // declared length pass, so a refused client is never invited to upload. Other routes read no body and answer at once.
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => onRequest(req, res, true));

  // Malformed requests, oversized headers, timeouts and resets. Answered like Node's default handler, but without
  // letting a flood of them reach the log above debug. The error is not logged whole: Node attaches the raw bytes
  // received (rawPacket), which may hold an Authorization header.
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    log.debug({ errorCode: error.code }, "client error");
    const current = answering.get(socket);
    const resetByPeer = error.code === "ECONNRESET" || error.code === "EPIPE";
    if (socket.writable && !resetByPeer && (current === undefined || !current.headersSent)) {
      const status = (error.code !== undefined ? CLIENT_ERROR_RESPONSES[error.code] : undefined) ?? "400 Bad Request";
      socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    }
    socket.destroy();
  });

  // After listen(): anything the server reports later (it has no other error source) is logged, never thrown.
  const listening = new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host: options.host, port: options.port }, () => {
      server.off("error", reject);
      server.on("error", (error) => log.error({ err: error }, "http server error"));
      resolve();
    });
  });
  await listening;

  const address = server.address() as AddressInfo; // A TCP listener always has an AddressInfo, never a pipe name.
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  log.info({ url, webhook: webhook !== undefined }, "http server listening");

  let stopped: Promise<void> | undefined;
  function stop(): Promise<void> {
    stopped ??= new Promise<void>((resolve) => {
      stopping = true;
      // Responses still to come close their connection instead of keeping it alive for the next request.
      for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
      const grace = setTimeout(() => server.closeAllConnections(), stopGrace);
      server.close(() => {
        clearTimeout(grace);
        resolve();
      });
      // Node 19+ does this in close() too; idle keep-alive connections must not hold the close for keepAliveTimeout.
      server.closeIdleConnections();
    });
    return stopped;
  }

  return { port: address.port, url, stop };
}

import type { IncomingMessage, ServerResponse } from "node:http";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import { secretMatches } from "./access.js";
import { refuse, send, sendJson, TEXT_TYPE } from "./respond.js";

export interface WebhookOptions {
  path: string;
  /** setWebhook's secret_token; Telegram sends it in X-Telegram-Bot-Api-Secret-Token with every update. */
  secret: string;
  /**
   * Called synchronously; the caller queues the update and handles it in the background. False when the bot cannot
   * take updates now (starting or stopping): answered 503, so that Telegram delivers the update again later.
   */
  onUpdate(update: Update): boolean;
}

/** A rejected secret is logged at most this often, so a flood of forged requests cannot flood the log. */
const REJECTION_LOG_INTERVAL_MS = 60_000;

/** expectsContinue: the client sent `Expect: 100-continue` and waits for the go-ahead before sending its body. */
export type WebhookHandler = (req: IncomingMessage, res: ServerResponse, expectsContinue: boolean) => void;

export function isUpdate(value: unknown): value is Update {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const id: unknown = (value as Record<string, unknown>)["update_id"];
  return typeof id === "number" && Number.isSafeInteger(id);
}

export function createWebhookHandler(webhook: WebhookOptions, maxBodyBytes: number, log: Logger): WebhookHandler {
  let lastRejectionLog = Number.NEGATIVE_INFINITY;
  let rejectedSinceLog = 0;

  function noteRejection(remoteAddress: string | undefined): void {
    rejectedSinceLog++;
    const now = Date.now();
    if (now - lastRejectionLog < REJECTION_LOG_INTERVAL_MS) return;
    // Neither the header's value nor the secret is logged.
    log.warn({ remoteAddress, rejected: rejectedSinceLog }, "webhook request with a wrong or missing secret token refused");
    lastRejectionLog = now;
    rejectedSinceLog = 0;
  }

  function accept(body: Buffer, res: ServerResponse): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      refuse(res, 400, "body is not JSON");
      return;
    }
    if (!isUpdate(parsed)) {
      refuse(res, 400, "body is not an update");
      return;
    }
    try {
      if (!webhook.onUpdate(parsed)) {
        sendJson(res, 503, { error: "not taking updates now" }, { "retry-after": "1" });
        return;
      }
    } catch (error) {
      // A non-2xx makes Telegram deliver the update again later instead of losing it.
      log.error({ err: error, updateId: parsed.update_id }, "webhook update not accepted");
      sendJson(res, 500, { error: "update not accepted" });
      return;
    }
    // An empty body: a JSON body with a "method" field would be taken by Telegram as a Bot API call.
    send(res, 200, TEXT_TYPE, "");
  }

  return (req, res, expectsContinue) => {
    // Checked before a byte of the body is read. Duplicated custom headers arrive joined with ", " and so never match.
    const given = req.headers["x-telegram-bot-api-secret-token"];
    if (typeof given !== "string" || !secretMatches(given, webhook.secret)) {
      noteRejection(req.socket.remoteAddress);
      refuse(res, 401, "unauthorized");
      return;
    }
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > maxBodyBytes) {
      refuse(res, 413, "body too large");
      return;
    }
    // Only now invite the body; a refused client was never asked for it.
    if (expectsContinue) res.writeContinue();
    readBody(req, maxBodyBytes, (body) => {
      if (body === "too large") refuse(res, 413, "body too large");
      else accept(body, res);
    });
  };
}

/**
 * Reads at most maxBytes of the body (a chunked body has no Content-Length to check first). Past the limit it stops
 * reading and drops what it has; if the client goes away nothing is called and nothing is left buffered.
 */
function readBody(req: IncomingMessage, maxBytes: number, done: (body: Buffer | "too large") => void): void {
  let chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (body: Buffer | "too large" | undefined): void => {
    if (finished) return;
    finished = true;
    chunks = [];
    req.removeListener("data", onData);
    if (body === undefined) return;
    if (body === "too large") req.pause();
    done(body);
  };
  const onData = (chunk: Buffer): void => {
    size += chunk.length;
    if (size > maxBytes) finish("too large");
    else chunks.push(chunk);
  };
  req.on("data", onData);
  req.on("end", () => finish(Buffer.concat(chunks, size)));
  // 'error' and 'close' before 'end': the client aborted or the request timed out.
  req.on("error", () => finish(undefined));
  req.on("close", () => finish(undefined));
}

/** Answers as HTTP: JSON bodies, nginx-style gateway pages, and the /bot<token>/<method> route. */
import type { ServerResponse } from "node:http";
import { gatewayHtml, type ApiError } from "./errors.js";
import type { ApiResponse } from "./types.js";

export interface Reply {
  status: number;
  body: ApiResponse | string;
}

export const okReply = (result: unknown): Reply => ({ status: 200, body: { ok: true, result } });

/** A handler's result that Telegram answers with a description beside it, e.g. "Webhook was set". */
export class Described {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}

export const describedReply = ({ result, description }: Described): Reply => ({
  status: 200,
  body: { ok: true, result, description },
});

export function errorReply(error: ApiError): Reply {
  const body: ApiResponse = { ok: false, error_code: error.code, description: error.description };
  if (error.parameters) body.parameters = error.parameters;
  return { status: error.code, body };
}

export const badGatewayReply = (): Reply => ({ status: 502, body: gatewayHtml(502, "Bad Gateway") });

export function parseRoute(url: URL): { token: string; method: string } | undefined {
  const match = /^\/bot([^/]+)\/([^/]+)\/?$/.exec(url.pathname);
  if (!match?.[1] || !match[2]) return undefined;
  return { token: decodeURIComponent(match[1]), method: match[2] };
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  const isHtml = typeof reply.body === "string";
  const body = isHtml ? (reply.body as string) : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    "content-type": isHtml ? "text/html" : "application/json",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

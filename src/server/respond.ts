import type { OutgoingHttpHeaders, ServerResponse } from "node:http";

export const JSON_TYPE = "application/json; charset=utf-8";
export const TEXT_TYPE = "text/plain; charset=utf-8";

/**
 * Writes a whole response at once. Bodies are built by this module's callers from their own values, never from the
 * request, so nothing a client sent is reflected. For HEAD requests Node sends the headers and drops the body itself.
 */
export function send(res: ServerResponse, status: number, contentType: string, body: string, headers: OutgoingHttpHeaders = {}): void {
  // The client may be gone, or a timeout may already have answered; writing again would throw.
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  const bytes = Buffer.from(body, "utf8");
  res.writeHead(status, {
    "Content-Type": contentType,
    "Content-Length": bytes.length,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    ...headers,
  });
  res.end(bytes);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers?: OutgoingHttpHeaders): void {
  send(res, status, JSON_TYPE, JSON.stringify(value), headers);
}

export function notFound(res: ServerResponse): void {
  sendJson(res, 404, { error: "not found" });
}

/**
 * Answers and closes the connection without reading the rest of the body: Node destroys the socket once the response
 * is flushed, so an unauthorised or oversized upload is never drained to its end.
 */
export function refuse(res: ServerResponse, status: 400 | 401 | 413, error: string): void {
  sendJson(res, status, { error }, { Connection: "close" });
}

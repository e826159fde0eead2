import { GrammyError, HttpError } from "grammy";

/**
 * Why a call to Telegram failed, in words an operator can act on: "ENOTFOUND api.telegram.org", "ECONNREFUSED",
 * "timed out", "502 Bad Gateway". Built from error codes and the host only: an underlying message can carry the
 * request's URL, and with it the token.
 */
export function describeTelegramFailure(error: unknown): string {
  if (error instanceof GrammyError) return `${error.error_code} ${error.description}`;
  if (error instanceof HttpError) {
    const inner = error.error as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown } | undefined;
    if (inner?.name === "AbortError" || (typeof inner?.message === "string" && /timed out/i.test(inner.message))) return "timed out";
    // A gateway's or proxy's HTML page where the Bot API's JSON should be.
    if (inner?.name === "SyntaxError" || (inner as { type?: unknown } | undefined)?.type === "invalid-json") return "not a Bot API answer (an error page?)";
    const cause = (inner?.cause ?? inner) as { code?: unknown; hostname?: unknown } | undefined;
    const code = typeof cause?.code === "string" ? cause.code : undefined;
    // undici's own refusals ("bad port") have no code; their messages name no URL.
    if (code === undefined) {
      const message = (cause as { message?: unknown } | undefined)?.message;
      return typeof message === "string" && !/:\/\/|\/bot/.test(message) ? message.slice(0, 200) : "network error";
    }
    if (/TIMEOUT|ETIMEDOUT/.test(code)) return `timed out (${code})`;
    if (typeof cause?.hostname === "string") return `${code} ${cause.hostname}`;
    // node-fetch (grammY's default) has no hostname field; its message names the host after the DNS code, and the
    // request's URL, token included, elsewhere: only the host is taken.
    const host = typeof inner?.message === "string" ? new RegExp(`getaddrinfo ${code} ([\\w.-]+)`).exec(inner.message)?.[1] : undefined;
    return host ? `${code} ${host}` : code;
  }
  return error instanceof Error ? error.name : "unknown error";
}

/** Telegram refused the token itself: 401 Unauthorized (revoked) or 404 Not Found (malformed). Retrying cannot help. */
export function isTokenRejected(error: unknown): boolean {
  return error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404);
}

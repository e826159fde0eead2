/** Telegram's error answers and their wording. */
import type { FailureSpec, ResponseParameters } from "./types.js";

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
  }
}

export const badRequest = (description: string) => new ApiError(400, `Bad Request: ${description}`);

export function defaultDescription(spec: FailureSpec): string {
  switch (spec.error_code) {
    case 429:
      return `Too Many Requests: retry after ${spec.retry_after ?? 1}`;
    case 403:
      return "Forbidden: bot was blocked by the user";
    case 400:
      return spec.migrate_to_chat_id === undefined
        ? "Bad Request: chat not found"
        : "Bad Request: group chat was upgraded to a supergroup chat";
    case 401:
      return "Unauthorized";
    case 404:
      return "Not Found";
    case 409:
      return "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    default:
      return "Error";
  }
}

export function failureParameters(spec: FailureSpec): ResponseParameters | undefined {
  const retryAfter = spec.retry_after ?? (spec.error_code === 429 ? 1 : undefined);
  const parameters: ResponseParameters = {};
  if (retryAfter !== undefined) parameters.retry_after = retryAfter;
  if (spec.migrate_to_chat_id !== undefined) parameters.migrate_to_chat_id = spec.migrate_to_chat_id;
  return Object.keys(parameters).length > 0 ? parameters : undefined;
}

/** What nginx in front of the Bot API answers when the backend is unavailable. */
export function gatewayHtml(status: number, reason: string): string {
  const title = `${status} ${reason}`;
  return (
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n` +
    `<center><h1>${title}</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n`
  );
}

export const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup " +
  "are exactly the same as a current content and reply markup of the message";

export const QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid";

/**
 * A strict, in-process fake of the Telegram Bot API for end-to-end tests.
 *
 * Create the real grammY bot with `client: { apiRoot: api.apiRoot }` and the
 * fake's token, start it with long polling (or set a webhook and route it to
 * the bot's local server with `routeWebhook`), and drive it with
 * `sendUserMessage` / `pressButton`. Validation errors use Telegram's wording
 * so that bugs (unescaped HTML, over-long messages, oversized callback data…)
 * fail in tests the way they would fail in production.
 *
 * The parts live in ./fake-bot-api/; this file is the public API every test imports.
 */
export { startFakeBotApi } from "./fake-bot-api/server.js";
export { parseTelegramHtml, type ParsedText } from "./fake-bot-api/telegram-html.js";
export { FloodControl } from "./fake-bot-api/flood-control.js";
export {
  DEFAULT_TOKEN,
  FAKE_BOT_USER,
  MAX_MESSAGE_LENGTH,
  type ApiResponse,
  type CallPredicate,
  type DeliveryPredicate,
  type FailureSpec,
  type FakeBotApi,
  type FakeBotApiOptions,
  type FloodLimits,
  type Payload,
  type RecordedCall,
  type ResponseParameters,
  type StoredMessage,
  type TextEntity,
  type WaitOptions,
  type WebhookDelivery,
  type WebhookInfo,
  type WebhookOptions,
} from "./fake-bot-api/types.js";

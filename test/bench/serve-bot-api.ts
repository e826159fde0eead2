/**
 * Child process of the delivery benchmark: runs the tests' fake Bot API with Telegram-style flood limits, so that
 * answering costs neither the measured event loop nor its memory, and the limits are counted on the fake's own clock.
 *
 * Protocol: argv[2] is the limits as JSON; the child sends one BotApiReady when listening. The parent sends "report" to
 * get a BotApiReport, and "close" to stop it.
 */
import { startFakeBotApi, type FloodLimits } from "../helpers/fake-bot-api.js";

export interface BotApiReady {
  apiRoot: string;
  token: string;
}

export interface BotApiReport {
  /** Accepted sendMessage calls: chat, text, and arrival time (ms since the epoch). */
  accepted: { chatId: number; text: string; at: number }[];
  /** Calls refused with 429 by the flood limits. */
  rateLimited: number;
}

async function main(): Promise<void> {
  const limits = JSON.parse(process.argv[2] ?? "{}") as FloodLimits;
  const api = await startFakeBotApi({ limits });
  process.on("message", (message) => {
    if (message === "report") {
      const accepted = api.calls.filter((c) => c.method === "sendMessage" && c.ok).map((c) => ({ chatId: c.message!.chatId, text: c.message!.text, at: c.at }));
      process.send!({ accepted, rateLimited: api.rateLimited() } satisfies BotApiReport);
    } else {
      void api.close().then(() => process.disconnect());
    }
  });
  process.send!({ apiRoot: api.apiRoot, token: api.token } satisfies BotApiReady);
}

void main();

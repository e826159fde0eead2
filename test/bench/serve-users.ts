/**
 * Child process of the commands benchmark: the tests' fake Bot API, which the app long-polls and sends its digests
 * to, and the users who talk to the bot through it. Latency is timed here, on this process's clock, from the moment
 * an update is queued for the bot's waiting getUpdates to the moment the fake has answered the bot's reply: what a
 * user would see, less the network.
 *
 * Protocol: argv[2] is the flood limits as JSON; the child sends one UsersReady when listening. The parent sends
 * UserAction messages, each answered by an ActionResult with the same id, and "close" to stop it.
 */
import { readdirSync } from "node:fs";
import { setPriority } from "node:os";
import { performance } from "node:perf_hooks";
import { startFakeBotApi, type FloodLimits, type RecordedCall } from "../helpers/fake-bot-api.js";

export interface UsersReady {
  apiRoot: string;
  token: string;
}

export type UserAction =
  /** A user sends a message; answered with the bot's first message or edit in that chat. */
  | { id: number; op: "say"; chatId: number; text: string }
  /**
   * A user taps the first button whose data starts with `prefix` in the newest bot message that has one; answered
   * with the first edit or message in the chat that holds `shows`, or a notice alone (nothing to show).
   */
  | { id: number; op: "tap"; chatId: number; prefix: string; shows: string }
  /** Whether a bot message in the chat has a button whose data starts with `prefix` (a digest has arrived). */
  | { id: number; op: "has-button"; chatId: number; prefix: string }
  /** How many messages the fake accepted, and how many it refused with 429. */
  | { id: number; op: "count" };

export interface ActionResult {
  id: number;
  ms?: number;
  /** The reply as the user sees it (tags removed). */
  text?: string;
  /** The reply's buttons' data. */
  buttons?: string[];
  found?: boolean;
  sent?: number;
  rateLimited?: number;
  error?: string;
}

const REPLY_TIMEOUT_MS = 60_000;

/**
 * Lowers every thread of this process to the least priority, so that the bot, which is measured, gets a core first.
 * Linux sets a priority per thread; threads started later inherit the priority of the one that starts them.
 */
function yieldCores(): void {
  let threads: string[];
  try {
    threads = readdirSync("/proc/self/task");
  } catch {
    threads = ["0"];
  }
  for (const thread of threads) {
    try {
      setPriority(Number(thread), 19);
    } catch {
      // Not allowed here: the harness then competes for the cores, as before.
    }
  }
}

async function main(): Promise<void> {
  yieldCores();
  const limits = JSON.parse(process.argv[2] ?? "{}") as FloodLimits;
  const api = await startFakeBotApi({ limits });
  const chatOf = (call: RecordedCall) => Number(call.payload.chat_id);
  const isReply = (chatId: number) => (call: RecordedCall) => call.ok && (call.method === "sendMessage" || call.method === "editMessageText") && chatOf(call) === chatId;
  const buttonsOf = (call: RecordedCall) => (call.message?.inlineKeyboard ?? []).flat().map((b) => ("callback_data" in b ? (b.callback_data ?? "") : ""));
  const newestWithButton = (chatId: number, prefix: string) =>
    api
      .messages(chatId)
      .reverse()
      .map((m) => ({ message: m, data: (m.inlineKeyboard ?? []).flat().flatMap((b) => ("callback_data" in b && b.callback_data?.startsWith(prefix) ? [b.callback_data] : [])) }))
      .find((m) => m.data.length > 0);

  const act = async (action: UserAction): Promise<ActionResult> => {
    switch (action.op) {
      case "say": {
        const since = api.mark();
        const started = performance.now();
        api.sendUserMessage(action.chatId, action.text, { first_name: "Reader" });
        const reply = await api.waitForCall(isReply(action.chatId), { since, timeoutMs: REPLY_TIMEOUT_MS });
        return { id: action.id, ms: performance.now() - started, text: reply.message?.plainText ?? "", buttons: buttonsOf(reply) };
      }
      case "tap": {
        const target = newestWithButton(action.chatId, action.prefix);
        if (!target) return { id: action.id, error: `no button ${action.prefix}… in chat ${action.chatId}` };
        const since = api.mark();
        const started = performance.now();
        const update = api.pressButton(action.chatId, target.message.messageId, target.data[0]!);
        const queryId = update.callback_query!.id;
        // The stories come in the edited message, or in a message of their own when the edit would pass 4096
        // characters; a notice alone says there is nothing to show.
        const reply = await api.waitForCall(
          (call) =>
            (isReply(action.chatId)(call) && (call.message?.plainText ?? "").includes(action.shows)) ||
            (call.method === "answerCallbackQuery" && call.payload.callback_query_id === queryId && call.payload.text !== undefined),
          { since, timeoutMs: REPLY_TIMEOUT_MS },
        );
        return { id: action.id, ms: performance.now() - started, text: reply.message?.plainText ?? String(reply.payload.text ?? ""), buttons: buttonsOf(reply) };
      }
      case "has-button":
        return { id: action.id, found: newestWithButton(action.chatId, action.prefix) !== undefined };
      case "count":
        return { id: action.id, sent: api.callCount("sendMessage", { ok: true }), rateLimited: api.rateLimited() };
    }
  };

  process.on("message", (message: UserAction | "close") => {
    if (message === "close") {
      void api.close().then(() => process.disconnect());
      return;
    }
    act(message).then(
      (result) => process.send!(result),
      (error: unknown) => process.send!({ id: message.id, error: error instanceof Error ? error.message : String(error) } satisfies ActionResult),
    );
  });
  process.send!({ apiRoot: api.apiRoot, token: api.token } satisfies UsersReady);
}

void main();

/** The fake's HTTP server: routing, recorded calls, simulated chats and updates, waits and failures. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import type { BotCommand, Update, User } from "grammy/types";
import { ApiError, badRequest, defaultDescription, failureParameters, gatewayHtml, NOT_MODIFIED, QUERY_INVALID } from "./errors.js";
import { FLOOD_LIMITED_METHODS, FloodControl } from "./flood-control.js";
import { badGatewayReply, Described, describedReply, errorReply, okReply, parseRoute, writeReply, type Reply } from "./http.js";
import {
  commandsKey,
  floodChatId,
  optionalInt,
  readBool,
  readChatId,
  readCommands,
  readJsonField,
  readMessageId,
  readMessageText,
  readPayload,
  readReplyMarkup,
} from "./payload.js";
import {
  DEFAULT_TOKEN,
  FAKE_BOT_USER,
  type CallPredicate,
  type DeliveryPredicate,
  type FailureSpec,
  type FakeBotApi,
  type FakeBotApiOptions,
  type FloodLimits,
  type Payload,
  type RecordedCall,
  type StoredMessage,
  type WaitOptions,
  type WebhookDelivery,
  type WebhookInfo,
} from "./types.js";
import { isAllowedUpdate } from "./updates.js";
import {
  badWebhook,
  checkWebhook,
  readWebhookUrl,
  requestedWebhook,
  resolveWebhookOptions,
  TERMINATED_BY_SET_WEBHOOK,
  WEBHOOK_ACTIVE,
  WebhookDeliverer,
  type ResolvedWebhookOptions,
} from "./webhook.js";

const DEFAULT_WAIT_MS = 5000;

export async function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const api = new FakeBotApiServer(options.token ?? DEFAULT_TOKEN, resolveWebhookOptions(options.webhook));
  api.setLimits(options.limits);
  await api.listen();
  return api;
}

interface RequestContext {
  signal: AbortSignal;
  /** performance.now() when the request arrived. */
  arrivedAt: number;
  message?: StoredMessage;
}

type Handler = (payload: Payload, context: RequestContext) => unknown;

interface FailureRule extends FailureSpec {
  method: string;
  remaining: number;
}

interface CallWaiter {
  check(call: RecordedCall): void;
  /** Rejects the wait because the server closed. */
  cancel(): void;
}

function snapshot(message: StoredMessage): StoredMessage {
  return structuredClone(message);
}

function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(500, `Internal Server Error: fake Bot API bug: ${String(error)}`);
}

function describeCall(call: RecordedCall): string {
  const payload = JSON.stringify(call.payload);
  const shortPayload = payload.length > 200 ? `${payload.slice(0, 200)}…` : payload;
  const outcome =
    typeof call.response === "string"
      ? `${call.status} (HTML body)`
      : call.response.ok
        ? "ok"
        : `${call.status} ${call.response.description}`;
  return `  #${call.index} ${call.method} ${shortPayload} -> ${outcome}`;
}

class FakeBotApiServer implements FakeBotApi {
  readonly botInfo = FAKE_BOT_USER;
  readonly calls: RecordedCall[] = [];
  apiRoot = "";

  private readonly server = createServer((req, res) => void this.handle(req, res));
  private readonly handlers = new Map<string, { name: string; handler: Handler }>();
  /** Every message the bot sent, deleted ones included, in sending order. */
  private readonly sent: StoredMessage[] = [];
  /** Live (not deleted) messages by chat, then message_id, each chat's in sending order. */
  private readonly liveByChat = new Map<number, Map<number, StoredMessage>>();
  private liveCount = 0;
  private readonly flood = new FloodControl();
  private readonly chatMessageIds = new Map<number, number>();
  private readonly userMessageIds = new Set<string>();
  private readonly users = new Map<number, User>();
  private readonly callbackQueries = new Map<string, { answered: boolean }>();
  private readonly storedCommands = new Map<string, BotCommand[]>();
  private readonly failures: FailureRule[] = [];
  private readonly callWaiters = new Set<CallWaiter>();
  private readonly pollWakers = new Set<() => void>();
  private readonly pollStartListeners = new Set<() => void>();
  private queue: Update[] = [];
  private allowedUpdates: string[] = [];
  /** Bumped when setWebhook ends the waiting long polls, which then answer 409. */
  private pollTerminations = 0;
  /** performance.now() before which setWebhook with a URL is refused (Telegram: one a second). */
  private nextSetWebhookAt = -Infinity;
  private readonly webhook: WebhookDeliverer;
  /** Method calls from webhook answers still being run, so close() can wait for them. */
  private readonly webhookReplies = new Set<Promise<void>>();
  private nextUpdateId = 1;
  private nextCallbackId = 1;
  private down = false;
  private closed = false;
  private listening = false;
  private port = 0;
  /** goOffline / goOnline / close run one after another, in call order. */
  private lifecycle: Promise<void> = Promise.resolve();

  constructor(
    readonly token: string,
    private readonly webhookOptions: ResolvedWebhookOptions,
  ) {
    this.registerHandlers();
    this.webhook = new WebhookDeliverer(
      {
        deliverable: () => this.deliverable(),
        confirm: (updateId) => {
          this.queue = this.queue.filter((update) => update.update_id !== updateId);
        },
        webhookReply: (method, payload) => this.runWebhookReply(method, payload),
      },
      webhookOptions,
    );
  }

  async listen(): Promise<void> {
    await this.bind(0);
    this.port = (this.server.address() as AddressInfo).port;
    this.apiRoot = `http://127.0.0.1:${this.port}`;
  }

  private async bind(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => {
        this.server.off("error", reject);
        resolve();
      });
    });
    this.listening = true;
  }

  /** Stops listening and destroys every connection, in-flight requests included. */
  private async unbind(): Promise<void> {
    if (!this.listening) return;
    this.listening = false;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // --- queries -------------------------------------------------------------

  mark(): number {
    return this.calls.length;
  }

  callCount(method: string, filter: { ok?: boolean } = {}): number {
    return this.calls.filter(
      (call) => sameMethod(call.method, method) && (filter.ok === undefined || call.ok === filter.ok),
    ).length;
  }

  lastCall(method: string): RecordedCall | undefined {
    return this.calls.findLast((call) => sameMethod(call.method, method));
  }

  messages(chatId?: number): StoredMessage[] {
    if (chatId === undefined) return this.sent.filter((m) => !m.deleted).map(snapshot);
    return [...(this.liveByChat.get(chatId)?.values() ?? [])].map(snapshot);
  }

  messageCount(chatId?: number): number {
    if (chatId === undefined) return this.liveCount;
    return this.liveByChat.get(chatId)?.size ?? 0;
  }

  pendingUpdates(): Update[] {
    return structuredClone(this.queue);
  }

  isCallbackAnswered(callbackQueryId: string): boolean {
    return this.callbackQueries.get(callbackQueryId)?.answered ?? false;
  }

  commands(scope?: Payload, languageCode?: string): BotCommand[] {
    return structuredClone(this.storedCommands.get(commandsKey(scope, languageCode)) ?? []);
  }

  // --- simulating users ----------------------------------------------------

  sendUserMessage(chatId: number, text: string, from: Partial<User> = {}): Update {
    const user = this.userFor(chatId, from);
    const messageId = this.allocateMessageId(chatId);
    this.userMessageIds.add(`${chatId}:${messageId}`);
    const message: Payload = {
      message_id: messageId,
      from: user,
      chat: this.chatObject(chatId),
      date: unixNow(),
      text,
    };
    const command = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?/.exec(text);
    if (command) message.entities = [{ type: "bot_command", offset: 0, length: command[0].length }];
    return this.enqueue({ message });
  }

  pressButton(chatId: number, messageId: number, data: string, from: Partial<User> = {}): Update {
    const stored = this.findMessage(chatId, messageId);
    if (!stored) throw new Error(`pressButton: the bot never sent message ${messageId} to chat ${chatId}`);
    const buttons = stored.inlineKeyboard?.flat() ?? [];
    if (!buttons.some((b) => "callback_data" in b && b.callback_data === data)) {
      const available = buttons.map((b) => ("callback_data" in b ? b.callback_data : `(${b.text})`));
      throw new Error(
        `pressButton: message ${messageId} in chat ${chatId} has no button with callback_data ` +
          `${JSON.stringify(data)}; it has ${JSON.stringify(available)}`,
      );
    }
    const id = String(4_000_000_000 + this.nextCallbackId++);
    this.callbackQueries.set(id, { answered: false });
    const callbackQuery = {
      id,
      from: this.userFor(chatId, from),
      message: this.toApiMessage(stored),
      chat_instance: String(-chatId),
      data,
    };
    return this.enqueue({ callback_query: callbackQuery });
  }

  pushUpdate(update: Omit<Update, "update_id">): Update {
    return this.enqueue(update);
  }

  // --- waiting -------------------------------------------------------------

  waitForCall(predicate: CallPredicate, options?: WaitOptions): Promise<RecordedCall> {
    const matches =
      typeof predicate === "string" ? (call: RecordedCall) => sameMethod(call.method, predicate) : predicate;
    const label = typeof predicate === "string" ? `waitForCall("${predicate}")` : "waitForCall(predicate)";
    return this.waitFor(label, options, (call) => (matches(call) ? call : undefined));
  }

  waitForMessage(
    chatId: number,
    predicate: (message: StoredMessage) => boolean = () => true,
    options?: WaitOptions,
  ): Promise<StoredMessage> {
    return this.waitFor(`waitForMessage(chat ${chatId})`, options, (call) => {
      const message = call.method === "sendMessage" && call.ok ? call.message : undefined;
      return message && message.chatId === chatId && predicate(message) ? message : undefined;
    });
  }

  private waitFor<T>(
    label: string,
    options: WaitOptions | undefined,
    pick: (call: RecordedCall) => T | undefined,
  ): Promise<T> {
    const { since = this.calls.length, timeoutMs = DEFAULT_WAIT_MS } =
      typeof options === "number" ? { timeoutMs: options } : (options ?? {});
    for (const call of this.calls.slice(since)) {
      const found = pick(call);
      if (found !== undefined) return Promise.resolve(found);
    }
    if (this.closed) return Promise.reject(new Error(`${label}: the fake Bot API is closed`));
    return new Promise<T>((resolve, reject) => {
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.callWaiters.delete(waiter);
        settle();
      };
      const waiter: CallWaiter = {
        check: (call) => {
          const found = pick(call);
          if (found !== undefined) finish(() => resolve(found));
        },
        cancel: () => finish(() => reject(new Error(`${label}: the fake Bot API was closed`))),
      };
      const timer = setTimeout(() => {
        finish(() => reject(new Error(`${label} timed out after ${timeoutMs} ms.\n${this.recentCalls()}`)));
      }, timeoutMs);
      this.callWaiters.add(waiter);
    });
  }

  waitForPolling(timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    if (this.pollWakers.size > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const started = () => {
        clearTimeout(timer);
        this.pollStartListeners.delete(started);
        resolve();
      };
      const timer = setTimeout(() => {
        this.pollStartListeners.delete(started);
        reject(new Error(`waitForPolling timed out after ${timeoutMs} ms.\n${this.recentCalls()}`));
      }, timeoutMs);
      this.pollStartListeners.add(started);
    });
  }

  private recentCalls(count = 15): string {
    if (this.calls.length === 0) return "No Bot API calls were made.";
    const recent = this.calls.slice(-count).map(describeCall).join("\n");
    return `Last ${Math.min(count, this.calls.length)} of ${this.calls.length} calls:\n${recent}`;
  }

  // --- webhooks ------------------------------------------------------------

  get webhookDeliveries(): readonly WebhookDelivery[] {
    return this.webhook.deliveries;
  }

  routeWebhook(localOrigin: string | undefined): void {
    this.webhook.routeWebhook(localOrigin);
  }

  webhookInfo(): WebhookInfo {
    // Telegram never queues updates the bot did not subscribe to, so they are not pending.
    const pending = this.queue.filter((update) => isAllowedUpdate(update, this.allowedUpdates)).length;
    return this.webhook.info(pending, this.allowedUpdates);
  }

  async waitForWebhook(timeoutMs?: number): Promise<WebhookInfo> {
    await this.webhook.waitForSet(timeoutMs);
    return this.webhookInfo();
  }

  waitForWebhookDelivery(predicate?: DeliveryPredicate, options?: WaitOptions): Promise<WebhookDelivery> {
    return this.webhook.waitForDelivery(predicate, options);
  }

  redeliver(update: Update | number): Promise<WebhookDelivery> {
    return this.webhook.redeliver(update);
  }

  // --- failure injection ---------------------------------------------------

  failNext(method: string, spec: FailureSpec): void {
    this.failures.push({ ...spec, method, remaining: spec.times ?? 1 });
  }

  clearFailures(): void {
    this.failures.length = 0;
  }

  setDown(down: boolean): void {
    this.down = down;
  }

  setLimits(limits: FloodLimits | undefined): void {
    this.flood.setLimits(limits);
  }

  rateLimited(): number {
    return this.flood.rateLimited;
  }

  goOffline(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return this.serially(async () => {
      await this.unbind();
      // A few loop turns let the cut requests (aborted long polls) finish and record themselves, and
      // let clients in this process see their keep-alive sockets close, so their next request is refused.
      for (let turn = 0; turn < 3; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    });
  }

  goOnline(): Promise<void> {
    if (this.closed) return Promise.reject(new Error("goOnline: the fake Bot API is closed"));
    return this.serially(async () => {
      if (!this.listening) await this.bind(this.port);
    });
  }

  private serially(step: () => Promise<void>): Promise<void> {
    const done = this.lifecycle.then(step);
    this.lifecycle = done.catch(() => undefined);
    return done;
  }

  /** Answers 429 if the flood limits refuse this call (only message-producing methods count). */
  private floodControl(method: string, payload: Payload, context: RequestContext): Reply | undefined {
    if (!FLOOD_LIMITED_METHODS.has(method.toLowerCase())) return undefined;
    const retryAfter = this.flood.admit(floodChatId(payload), context.arrivedAt);
    if (retryAfter === undefined) return undefined;
    return errorReply(
      new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter }),
    );
  }

  private takeFailure(method: string, payload: Payload): Reply | undefined {
    const rule = this.failures.find(
      (r) =>
        r.remaining > 0 &&
        sameMethod(r.method, method) &&
        (r.chatId === undefined || String(r.chatId) === String(payload.chat_id)),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    const description = rule.description ?? defaultDescription(rule);
    if (rule.html) return { status: rule.error_code, body: gatewayHtml(rule.error_code, description) };
    return errorReply(new ApiError(rule.error_code, description, failureParameters(rule)));
  }

  // --- lifecycle -----------------------------------------------------------

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.serially(async () => {
      for (const wake of [...this.pollWakers]) wake();
      for (const waiter of [...this.callWaiters]) waiter.cancel();
      await this.webhook.close();
      while (this.webhookReplies.size > 0) await Promise.allSettled([...this.webhookReplies]);
      // Give the woken long polls one turn to write their (empty) answers.
      await new Promise((resolve) => setImmediate(resolve));
      await this.unbind();
    });
  }

  // --- request handling ----------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const arrivedAt = performance.now();
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    const context: RequestContext = { signal: abort.signal, arrivedAt };
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = parseRoute(url);
    const method = route ? (this.handlers.get(route.method.toLowerCase())?.name ?? route.method) : url.pathname;
    let payload: Payload = {};
    let reply: Reply;
    try {
      payload = await readPayload(req, url);
      reply = await this.dispatch(route, method, payload, context);
    } catch (error) {
      reply = errorReply(toApiError(error));
    }
    const aborted = abort.signal.aborted;
    writeReply(res, reply);
    this.record({ method, payload, at, reply, aborted, message: context.message });
  }

  private async dispatch(
    route: { token: string; method: string } | undefined,
    method: string,
    payload: Payload,
    context: RequestContext,
  ): Promise<Reply> {
    if (!route) throw new ApiError(404, "Not Found");
    if (route.token !== this.token) throw new ApiError(401, "Unauthorized");
    if (this.down) return badGatewayReply();
    const entry = this.handlers.get(route.method.toLowerCase());
    if (!entry) throw new ApiError(404, "Not Found");
    const injected = this.takeFailure(method, payload);
    if (injected) return injected;
    const limited = this.floodControl(method, payload, context);
    if (limited) return limited;
    const result = await entry.handler(payload, context);
    return result instanceof Described ? describedReply(result) : okReply(result);
  }

  /** Runs a call from a webhook's answer like a request; Telegram sends its result nowhere. */
  private runWebhookReply(name: string, payload: Payload): void {
    const task = (async () => {
      const at = Date.now();
      const context: RequestContext = { signal: new AbortController().signal, arrivedAt: performance.now() };
      const method = this.handlers.get(name.toLowerCase())?.name ?? name;
      let reply: Reply;
      try {
        reply = await this.dispatch({ token: this.token, method: name }, method, payload, context);
      } catch (error) {
        reply = errorReply(toApiError(error));
      }
      this.record({ method, payload, at, reply, aborted: false, message: context.message, viaWebhookReply: true });
    })();
    this.webhookReplies.add(task);
    void task.finally(() => this.webhookReplies.delete(task));
  }

  private record(entry: {
    method: string;
    payload: Payload;
    at: number;
    reply: Reply;
    aborted: boolean;
    message: StoredMessage | undefined;
    viaWebhookReply?: true;
  }): void {
    const { reply } = entry;
    const call: RecordedCall = {
      index: this.calls.length,
      method: entry.method,
      payload: entry.payload,
      at: entry.at,
      status: reply.status,
      response: reply.body,
      ok: typeof reply.body !== "string" && reply.body.ok,
      aborted: entry.aborted,
    };
    if (entry.message) call.message = entry.message;
    if (entry.viaWebhookReply) call.viaWebhookReply = true;
    this.calls.push(call);
    for (const waiter of [...this.callWaiters]) waiter.check(call);
  }

  // --- methods -------------------------------------------------------------

  private registerHandlers(): void {
    const methods: Record<string, Handler> = {
      getMe: () => this.botInfo,
      logOut: () => true,
      close: () => true,
      // Telegram runs both through one path: deleteWebhook is setWebhook with no URL.
      setWebhook: (p, c) => this.setWebhook(p, c, readWebhookUrl(p)),
      deleteWebhook: (p, c) => this.setWebhook(p, c, ""),
      getWebhookInfo: () => this.webhookInfo(),
      getUpdates: (p, c) => this.getUpdates(p, c),
      sendMessage: (p, c) => this.sendMessage(p, c),
      editMessageText: (p, c) => this.editMessageText(p, c),
      editMessageReplyMarkup: (p, c) => this.editMessageReplyMarkup(p, c),
      deleteMessage: (p) => this.deleteMessage(p),
      answerCallbackQuery: (p) => this.answerCallbackQuery(p),
      setMyCommands: (p) => this.setMyCommands(p),
      getMyCommands: (p) => this.storedCommands.get(commandsKey(p.scope, p.language_code)) ?? [],
      deleteMyCommands: (p) => {
        this.storedCommands.delete(commandsKey(p.scope, p.language_code));
        return true;
      },
    };
    for (const [name, handler] of Object.entries(methods)) {
      this.handlers.set(name.toLowerCase(), { name, handler });
    }
  }

  /** Telegram's order: the once-a-second limit, "no change", ending long polls, removing the old webhook, checks. */
  private setWebhook(payload: Payload, context: RequestContext, url: string): Described {
    if (url !== "") {
      if (context.arrivedAt < this.nextSetWebhookAt) {
        throw new ApiError(429, "Too Many Requests: retry after 1", { retry_after: 1 });
      }
      this.nextSetWebhookAt = context.arrivedAt + this.webhookOptions.setWebhookIntervalMs;
    }
    const requested = requestedWebhook(payload, url);
    const drop = readBool(payload.drop_pending_updates);
    if (!drop && this.webhook.isSetTo(requested)) {
      this.setAllowedUpdates(payload.allowed_updates);
      return new Described(true, url === "" ? "Webhook is already deleted" : "Webhook is already set");
    }
    if (url !== "") this.terminatePolls();
    const wasSet = this.webhook.remove();
    if (drop) this.queue = [];
    if (url === "") return new Described(true, wasSet ? "Webhook was deleted" : "Webhook is already deleted");
    // Like Telegram, a refused setWebhook leaves no webhook: the old one is gone already.
    const settings = checkWebhook(requested);
    this.setAllowedUpdates(payload.allowed_updates);
    const bad = badWebhook(settings);
    if (bad !== undefined) throw badRequest(`bad webhook: ${bad}`);
    this.webhook.set(settings);
    return new Described(true, "Webhook was set");
  }

  private terminatePolls(): void {
    if (this.pollWakers.size === 0) return;
    this.pollTerminations += 1;
    for (const wake of [...this.pollWakers]) wake();
  }

  private async getUpdates(payload: Payload, context: RequestContext): Promise<Update[]> {
    if (this.webhook.settings) throw new ApiError(409, WEBHOOK_ACTIVE);
    const limit = Math.min(100, Math.max(1, optionalInt(payload.limit) ?? 100));
    const timeoutSeconds = Math.max(0, Number(payload.timeout ?? 0) || 0);
    this.setAllowedUpdates(payload.allowed_updates);
    this.confirmUpdates(optionalInt(payload.offset));
    if (this.deliverable().length === 0 && timeoutSeconds > 0 && !this.closed) {
      const terminations = this.pollTerminations;
      await this.waitForUpdates(timeoutSeconds * 1000, context.signal);
      if (this.pollTerminations !== terminations) throw new ApiError(409, TERMINATED_BY_SET_WEBHOOK);
    }
    return structuredClone(this.deliverable().slice(0, limit));
  }

  private setAllowedUpdates(raw: unknown): void {
    if (raw === undefined) return; // Telegram keeps the previous setting.
    const list = readJsonField(raw, "can't parse allowed updates");
    if (!Array.isArray(list) || !list.every((t) => typeof t === "string")) {
      throw badRequest("can't parse allowed updates");
    }
    this.allowedUpdates = list;
  }

  private confirmUpdates(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    if (offset < 0) {
      this.queue = this.queue.slice(offset);
      return;
    }
    this.queue = this.queue.filter((update) => update.update_id >= offset);
  }

  /** Drops queued updates the bot did not subscribe to, as Telegram does, and returns the rest. */
  private deliverable(): Update[] {
    this.queue = this.queue.filter((update) => isAllowedUpdate(update, this.allowedUpdates));
    return this.queue;
  }

  private waitForUpdates(timeoutMs: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", wake);
        this.pollWakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      signal.addEventListener("abort", wake);
      this.pollWakers.add(wake);
      for (const listener of [...this.pollStartListeners]) listener();
    });
  }

  private enqueue(partial: Omit<Update, "update_id"> | Payload): Update {
    // The fake builds updates as plain JSON; re-deriving grammY's deep Message unions for them buys nothing.
    const update = { ...partial, update_id: this.nextUpdateId++ } as Update;
    this.queue.push(update);
    for (const wake of [...this.pollWakers]) wake();
    this.webhook.pump();
    return structuredClone(update);
  }

  private sendMessage(payload: Payload, context: RequestContext): Payload {
    const chatId = readChatId(payload);
    const text = readMessageText(payload);
    const markup = readReplyMarkup(payload, false);
    const message: StoredMessage = {
      chatId,
      messageId: this.allocateMessageId(chatId),
      text: text.raw,
      plainText: text.text,
      entities: text.entities,
      parseMode: text.parseMode,
      replyMarkup: markup.raw,
      inlineKeyboard: markup.inlineKeyboard,
      date: unixNow(),
      editDate: undefined,
      deleted: false,
    };
    this.sent.push(message);
    this.liveChat(chatId).set(message.messageId, message);
    this.liveCount += 1;
    context.message = snapshot(message);
    return this.toApiMessage(message);
  }

  private editMessageText(payload: Payload, context: RequestContext): Payload {
    const chatId = readChatId(payload);
    const messageId = readMessageId(payload);
    const text = readMessageText(payload);
    const markup = readReplyMarkup(payload, true);
    const message = this.findMessage(chatId, messageId);
    if (!message) throw badRequest("message to edit not found");
    const unchanged =
      message.plainText === text.text &&
      JSON.stringify(message.entities) === JSON.stringify(text.entities) &&
      JSON.stringify(message.inlineKeyboard) === JSON.stringify(markup.inlineKeyboard);
    if (unchanged) throw badRequest(NOT_MODIFIED);
    Object.assign(message, {
      text: text.raw,
      plainText: text.text,
      entities: text.entities,
      parseMode: text.parseMode,
      // Like Telegram: an edit without reply_markup removes the keyboard.
      replyMarkup: markup.raw,
      inlineKeyboard: markup.inlineKeyboard,
      editDate: unixNow(),
    });
    context.message = snapshot(message);
    return this.toApiMessage(message);
  }

  private editMessageReplyMarkup(payload: Payload, context: RequestContext): Payload {
    const chatId = readChatId(payload);
    const messageId = readMessageId(payload);
    const markup = readReplyMarkup(payload, true);
    const message = this.findMessage(chatId, messageId);
    if (!message) throw badRequest("message to edit not found");
    if (JSON.stringify(message.inlineKeyboard) === JSON.stringify(markup.inlineKeyboard)) {
      throw badRequest(NOT_MODIFIED);
    }
    Object.assign(message, { replyMarkup: markup.raw, inlineKeyboard: markup.inlineKeyboard, editDate: unixNow() });
    context.message = snapshot(message);
    return this.toApiMessage(message);
  }

  private deleteMessage(payload: Payload): true {
    const chatId = readChatId(payload);
    const messageId = readMessageId(payload);
    const message = this.findMessage(chatId, messageId);
    if (message) {
      message.deleted = true;
      this.liveByChat.get(chatId)?.delete(messageId);
      this.liveCount -= 1;
      return true;
    }
    if (this.userMessageIds.delete(`${chatId}:${messageId}`)) return true;
    throw badRequest("message to delete not found");
  }

  private answerCallbackQuery(payload: Payload): true {
    const id = payload.callback_query_id;
    const query = typeof id === "string" ? this.callbackQueries.get(id) : undefined;
    if (!query || query.answered) throw badRequest(QUERY_INVALID);
    if (typeof payload.text === "string" && payload.text.length > 200) throw badRequest("MESSAGE_TOO_LONG");
    query.answered = true;
    return true;
  }

  private setMyCommands(payload: Payload): true {
    const commands = readCommands(payload);
    this.storedCommands.set(commandsKey(payload.scope, payload.language_code), commands);
    return true;
  }

  // --- helpers -------------------------------------------------------------

  private findMessage(chatId: number, messageId: number): StoredMessage | undefined {
    return this.liveByChat.get(chatId)?.get(messageId);
  }

  private liveChat(chatId: number): Map<number, StoredMessage> {
    let chat = this.liveByChat.get(chatId);
    if (!chat) {
      chat = new Map();
      this.liveByChat.set(chatId, chat);
    }
    return chat;
  }

  /** Private chats share one message_id sequence between user and bot, as in Telegram. */
  private allocateMessageId(chatId: number): number {
    const next = (this.chatMessageIds.get(chatId) ?? 0) + 1;
    this.chatMessageIds.set(chatId, next);
    return next;
  }

  private userFor(chatId: number, overrides: Partial<User>): User {
    const id = overrides.id ?? (chatId > 0 ? chatId : 1000);
    const known = this.users.get(id);
    const user: User = {
      id,
      is_bot: false,
      first_name: "Test",
      username: `test_user_${id}`,
      language_code: "en",
      ...known,
      ...overrides,
    };
    this.users.set(id, user);
    return user;
  }

  private chatObject(chatId: number): Payload {
    if (chatId <= -1_000_000_000_000) return { id: chatId, type: "supergroup", title: "Test supergroup" };
    if (chatId < 0) return { id: chatId, type: "group", title: "Test group" };
    const user = this.users.get(chatId);
    const chat: Payload = { id: chatId, type: "private", first_name: user?.first_name ?? "Test" };
    if (user?.username) chat.username = user.username;
    return chat;
  }

  private toApiMessage(message: StoredMessage): Payload {
    const { id, is_bot, first_name, username } = this.botInfo;
    const result: Payload = {
      message_id: message.messageId,
      from: { id, is_bot, first_name, username },
      chat: this.chatObject(message.chatId),
      date: message.date,
      text: message.plainText,
    };
    if (message.editDate !== undefined) result.edit_date = message.editDate;
    if (message.entities.length > 0) result.entities = structuredClone(message.entities);
    if (message.inlineKeyboard) result.reply_markup = { inline_keyboard: structuredClone(message.inlineKeyboard) };
    return result;
  }
}

function sameMethod(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * Webhooks as the Bot API runs them: setWebhook's settings checked with Telegram's wording, and a deliverer
 * that POSTs each update to the webhook (routed to a local origin, since tests cannot serve https on a public
 * host), one update of a queue at a time, retrying failures on Telegram's schedule.
 */
import { Agent, request, type IncomingHttpHeaders } from "node:http";
import { performance } from "node:perf_hooks";
import type { Update } from "grammy/types";
import { badRequest } from "./errors.js";
import { isObject } from "./payload.js";
import type {
  DeliveryPredicate,
  Payload,
  WaitOptions,
  WebhookDelivery,
  WebhookInfo,
  WebhookOptions,
} from "./types.js";
import { deliveryQueue } from "./updates.js";

export const DEFAULT_MAX_CONNECTIONS = 40;
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRY_DELAY_MS = 1000;
const DEFAULT_WAIT_MS = 5000;
/** Telegram's longest resend delay and longest Retry-After it honours, in its seconds. */
const MAX_RESEND_DELAY = 60;
const MAX_RETRY_AFTER = 3600;
const ALLOWED_PORTS = new Set([80, 88, 443, 8443]);
/** How an unrouted host fails: it resolves to nothing this fake can reach. */
const UNREACHABLE = "Failed to resolve host: Name or service not known";

export const WEBHOOK_ACTIVE =
  "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
export const TERMINATED_BY_SET_WEBHOOK = "Conflict: terminated by setWebhook request";

// ---------------------------------------------------------------------------
// setWebhook's parameters
// ---------------------------------------------------------------------------

/** What setWebhook asks for, before checking; Telegram compares this with the webhook set to spot no change. */
export interface RequestedWebhook {
  /** "" removes the webhook. */
  url: string;
  secretToken: string;
  /** 0 when url is "". */
  maxConnections: number;
}

export interface WebhookSettings extends RequestedWebhook {
  publicUrl: URL;
}

/** Bot API arguments are strings; JSON bodies' numbers and booleans are read as their text. */
function stringArg(raw: unknown): string {
  if (raw === undefined || raw === null) return "";
  return typeof raw === "string" ? raw : JSON.stringify(raw);
}

export function readWebhookUrl(payload: Payload): string {
  return stringArg(payload.url);
}

/** As Telegram reads them: max_connections out of 1–100 is clamped, not refused; a non-number counts as 0. */
export function requestedWebhook(payload: Payload, url: string): RequestedWebhook {
  if (url === "") return { url, secretToken: "", maxConnections: 0 };
  const rawMax = stringArg(payload.max_connections);
  const max = rawMax === "" ? DEFAULT_MAX_CONNECTIONS : Number.parseInt(rawMax, 10) || 0;
  return { url, secretToken: stringArg(payload.secret_token), maxConnections: Math.min(100, Math.max(1, max)) };
}

/** The checks Telegram makes before it creates the webhook. */
export function checkWebhook(requested: RequestedWebhook): WebhookSettings {
  // Telegram reads a URL without a scheme as https.
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(requested.url) ? requested.url : `https://${requested.url}`;
  let publicUrl: URL;
  try {
    publicUrl = new URL(text);
  } catch {
    throw badRequest("invalid webhook URL specified");
  }
  if (!["http:", "https:"].includes(publicUrl.protocol) || publicUrl.hostname === "") {
    throw badRequest("invalid webhook URL specified");
  }
  if (requested.secretToken.length > 256) throw badRequest("secret token is too long");
  if (!/^[A-Za-z0-9_-]*$/.test(requested.secretToken)) {
    throw badRequest("secret token contains unallowed characters");
  }
  return { ...requested, publicUrl };
}

/** The checks of Telegram's webhook connection, answered as "Bad Request: bad webhook: …". */
export function badWebhook(settings: WebhookSettings): string | undefined {
  if (settings.publicUrl.protocol !== "https:") return "An HTTPS URL must be provided for webhook";
  const port = settings.publicUrl.port === "" ? 443 : Number(settings.publicUrl.port);
  if (!ALLOWED_PORTS.has(port)) return "Webhook can be set up only on ports 80, 88, 443 or 8443";
  return undefined;
}

// ---------------------------------------------------------------------------
// Delivery
// ---------------------------------------------------------------------------

/** What the deliverer needs from the rest of the fake. */
export interface WebhookHost {
  /** Queued updates the webhook may deliver, oldest first (allowed_updates applied). */
  deliverable(): readonly Update[];
  /** Telegram forgets an update once the webhook answered it 2xx. */
  confirm(updateId: number): void;
  /** A method call the bot put in the body of its 2xx answer, which Telegram runs as a request. */
  webhookReply(method: string, payload: Payload): void;
}

interface UpdateState {
  failures: number;
  inFlight: boolean;
  retry: NodeJS.Timeout | undefined;
}

/** One webhook from setWebhook to its removal: settings, last error, connections and the retry schedule. */
class ActiveWebhook {
  lastErrorDate: number | undefined;
  lastErrorMessage: string | undefined;
  /** Deliveries under way, redeliveries included: the schedule starts none while maxConnections are. */
  active = 0;
  /** Failed or in-flight updates; a confirmed one is forgotten. */
  readonly states = new Map<number, UpdateState>();
  readonly requests = new Set<AbortController>();
  readonly agent: Agent;

  constructor(readonly settings: WebhookSettings) {
    this.agent = new Agent({ keepAlive: true, maxSockets: settings.maxConnections });
  }
}

interface Answer {
  status?: number;
  reason?: string;
  headers?: IncomingHttpHeaders;
  body?: Buffer;
  error?: string;
  aborted?: boolean;
}

interface Attempt {
  delivery: WebhookDelivery;
  reply: { method: string; payload: Payload } | undefined;
  /** Retry-After of a non-2xx answer, in Telegram's seconds. */
  retryAfter: number | undefined;
}

interface DeliveryWaiter {
  check(delivery: WebhookDelivery): void;
  cancel(): void;
}

export interface ResolvedWebhookOptions {
  timeoutMs: number;
  retryDelayMs: number;
  setWebhookIntervalMs: number;
  route: string | undefined;
}

export function resolveWebhookOptions(options: WebhookOptions = {}): ResolvedWebhookOptions {
  const resolved = {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retryDelayMs: options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS,
    setWebhookIntervalMs: options.setWebhookIntervalMs ?? 1000,
  };
  for (const [name, value] of Object.entries(resolved)) {
    const valid = Number.isFinite(value) && value >= (name === "timeoutMs" ? 1 : 0);
    if (!valid) throw new TypeError(`webhook.${name} must be a finite number of ms (timeoutMs ≥ 1), got ${value}`);
  }
  return { ...resolved, route: options.route === undefined ? undefined : checkRoute(options.route) };
}

function checkRoute(localOrigin: string): string {
  let url: URL | undefined;
  try {
    url = new URL(localOrigin);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== "http:" || url.pathname !== "/" || url.search !== "" || url.hash !== "") {
    throw new TypeError(`routeWebhook: expected an http origin such as http://127.0.0.1:8080, got ${JSON.stringify(localOrigin)}`);
  }
  return url.origin;
}

/** Node's socket errors in the words getWebhookInfo uses for them. */
function connectionError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case "ECONNREFUSED":
      return "Connection refused";
    case "ECONNRESET":
      return "Connection reset by peer";
    case "ETIMEDOUT":
      return "Connection timed out";
    case "EHOSTUNREACH":
      return "No route to host";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return UNREACHABLE;
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** A method call in a 2xx answer's body, JSON or form, as Telegram reads one; get* and webhook methods are ignored. */
function readWebhookReply(headers: IncomingHttpHeaders, body: Buffer): Attempt["reply"] {
  const type = (headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  let payload: Payload | undefined;
  try {
    if (type === "application/json") {
      const parsed: unknown = JSON.parse(body.toString("utf8"));
      payload = isObject(parsed) ? parsed : undefined;
    } else if (type === "application/x-www-form-urlencoded") {
      payload = Object.fromEntries(new URLSearchParams(body.toString("utf8")));
    }
  } catch {
    payload = undefined;
  }
  const method = payload?.method;
  if (!payload || typeof method !== "string" || method === "") return undefined;
  const lower = method.toLowerCase();
  if (["deletewebhook", "setwebhook", "close", "logout"].includes(lower) || lower.startsWith("get")) return undefined;
  const { method: _method, ...rest } = payload;
  return { method, payload: rest };
}

function retryAfterHeader(headers: IncomingHttpHeaders): number | undefined {
  const raw = headers["retry-after"];
  return typeof raw === "string" && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
}

function describeDelivery(delivery: WebhookDelivery): string {
  const outcome = delivery.aborted
    ? "aborted"
    : delivery.ok
      ? `${delivery.status ?? ""} ok`
      : (delivery.error ?? "failed");
  const kind = delivery.redelivery ? " (redelivery)" : "";
  return `  #${delivery.index} update ${delivery.updateId} attempt ${delivery.attempt}${kind} -> ${outcome}`;
}

function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * Delivers the queue to the webhook while one is set. Telegram's order is kept: one update of a queue (a chat's
 * messages, a user's callback queries…) in flight at a time, the next only once it is confirmed; other queues
 * go side by side, up to max_connections at once. Every timer and request is dropped by `remove` and `close`.
 */
export class WebhookDeliverer {
  readonly deliveries: WebhookDelivery[] = [];
  private hook: ActiveWebhook | undefined;
  private route: string | undefined;
  private closed = false;
  /** Posts per update_id, for `attempt`. */
  private readonly attempts = new Map<number, number>();
  /** Every delivery's promise until it is recorded, so `close` can wait for them. */
  private readonly running = new Set<Promise<unknown>>();
  private readonly deliveryWaiters = new Set<DeliveryWaiter>();
  private readonly setListeners = new Set<{ set(): void; cancel(): void }>();

  constructor(
    private readonly host: WebhookHost,
    private readonly options: ResolvedWebhookOptions,
  ) {
    this.route = options.route;
  }

  get settings(): WebhookSettings | undefined {
    return this.hook?.settings;
  }

  /** True if setWebhook asks for exactly what is set (no webhook: url "", no secret, 0 connections). */
  isSetTo(requested: RequestedWebhook): boolean {
    const current = this.hook?.settings ?? { url: "", secretToken: "", maxConnections: 0 };
    return (
      current.url === requested.url &&
      current.secretToken === requested.secretToken &&
      current.maxConnections === requested.maxConnections
    );
  }

  routeWebhook(localOrigin: string | undefined): void {
    this.route = localOrigin === undefined ? undefined : checkRoute(localOrigin);
  }

  set(settings: WebhookSettings): void {
    this.remove();
    if (this.closed) return;
    this.hook = new ActiveWebhook(settings);
    for (const listener of [...this.setListeners]) listener.set();
    this.pump();
  }

  /** Drops the webhook, its retries and its connections; returns whether one was set. */
  remove(): boolean {
    const hook = this.hook;
    if (!hook) return false;
    this.hook = undefined;
    for (const state of hook.states.values()) clearTimeout(state.retry);
    for (const controller of hook.requests) controller.abort();
    hook.agent.destroy();
    return true;
  }

  info(pendingUpdateCount: number, allowedUpdates: readonly string[]): WebhookInfo {
    const hook = this.hook;
    const info: WebhookInfo = {
      url: hook?.settings.url ?? "",
      has_custom_certificate: false,
      pending_update_count: pendingUpdateCount,
    };
    if (hook?.lastErrorDate !== undefined && hook.lastErrorMessage !== undefined) {
      info.last_error_date = hook.lastErrorDate;
      info.last_error_message = hook.lastErrorMessage;
    }
    if (hook) info.max_connections = hook.settings.maxConnections;
    if (allowedUpdates.length > 0) info.allowed_updates = [...allowedUpdates];
    return info;
  }

  /** Starts every delivery the order and max_connections allow; call whenever the queue or a delivery changed. */
  pump(): void {
    const hook = this.hook;
    if (!hook || this.closed) return;
    const busyQueues = new Set<string>();
    for (const update of this.host.deliverable()) {
      if (hook.active >= hook.settings.maxConnections) return;
      const queue = deliveryQueue(update);
      if (busyQueues.has(queue)) continue;
      // An earlier update of this queue, pending, holds the later ones back.
      busyQueues.add(queue);
      const state = hook.states.get(update.update_id) ?? { failures: 0, inFlight: false, retry: undefined };
      if (state.inFlight || state.retry !== undefined) continue;
      hook.states.set(update.update_id, state);
      state.inFlight = true;
      this.track(this.attempt(hook, update, false).then((attempt) => this.settle(hook, update.update_id, state, attempt)));
    }
  }

  redeliver(ref: Update | number): Promise<WebhookDelivery> {
    const updateId = typeof ref === "number" ? ref : ref.update_id;
    const hook = this.hook;
    if (this.closed) return Promise.reject(new Error("redeliver: the fake Bot API is closed"));
    if (!hook) return Promise.reject(new Error("redeliver: no webhook is set"));
    const previous = this.deliveries.findLast((delivery) => delivery.updateId === updateId);
    if (!previous) return Promise.reject(new Error(`redeliver: update ${updateId} was never posted to the webhook`));
    const done = this.attempt(hook, previous.update, true).then((attempt) => {
      hook.active -= 1;
      const current = hook === this.hook && !this.closed;
      const { delivery } = attempt;
      if (!current) delivery.aborted = true;
      else if (!delivery.ok && !delivery.aborted) this.noteError(hook, delivery.error);
      if (current && delivery.ok && attempt.reply) this.host.webhookReply(attempt.reply.method, attempt.reply.payload);
      this.record(delivery);
      // Its connection is free again.
      if (current) this.pump();
      return delivery;
    });
    this.track(done);
    return done;
  }

  waitForDelivery(predicate: DeliveryPredicate | undefined, options: WaitOptions | undefined): Promise<WebhookDelivery> {
    const matches =
      predicate === undefined
        ? () => true
        : typeof predicate === "number"
          ? (delivery: WebhookDelivery) => delivery.updateId === predicate
          : predicate;
    const label =
      typeof predicate === "number" ? `waitForWebhookDelivery(update ${predicate})` : "waitForWebhookDelivery";
    const { since = this.deliveries.length, timeoutMs = DEFAULT_WAIT_MS } =
      typeof options === "number" ? { timeoutMs: options } : (options ?? {});
    const found = this.deliveries.slice(since).find(matches);
    if (found) return Promise.resolve(found);
    if (this.closed) return Promise.reject(new Error(`${label}: the fake Bot API is closed`));
    return new Promise((resolve, reject) => {
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.deliveryWaiters.delete(waiter);
        settle();
      };
      const waiter: DeliveryWaiter = {
        check: (delivery) => {
          if (matches(delivery)) finish(() => resolve(delivery));
        },
        cancel: () => finish(() => reject(new Error(`${label}: the fake Bot API was closed`))),
      };
      const timer = setTimeout(() => {
        finish(() => reject(new Error(`${label} timed out after ${timeoutMs} ms.\n${this.recentDeliveries()}`)));
      }, timeoutMs);
      this.deliveryWaiters.add(waiter);
    });
  }

  waitForSet(timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    if (this.hook) return Promise.resolve();
    if (this.closed) return Promise.reject(new Error("waitForWebhook: the fake Bot API is closed"));
    return new Promise((resolve, reject) => {
      const listener = {
        set: () => finish(resolve),
        cancel: () => finish(() => reject(new Error("waitForWebhook: the fake Bot API was closed"))),
      };
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.setListeners.delete(listener);
        settle();
      };
      const timer = setTimeout(() => {
        finish(() => reject(new Error(`waitForWebhook timed out after ${timeoutMs} ms: no webhook was set`)));
      }, timeoutMs);
      this.setListeners.add(listener);
    });
  }

  /** Stops for good: aborts deliveries, clears retries, rejects waits, and resolves once every delivery ended. */
  async close(): Promise<void> {
    this.closed = true;
    this.remove();
    for (const waiter of [...this.deliveryWaiters]) waiter.cancel();
    for (const listener of [...this.setListeners]) listener.cancel();
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  // --- one POST --------------------------------------------------------------

  private track(task: Promise<unknown>): void {
    this.running.add(task);
    void task.finally(() => this.running.delete(task)).catch(() => undefined);
  }

  private settle(hook: ActiveWebhook, updateId: number, state: UpdateState, attempt: Attempt): void {
    hook.active -= 1;
    state.inFlight = false;
    const current = hook === this.hook && !this.closed;
    const { delivery } = attempt;
    if (!current) {
      delivery.aborted = true;
    } else if (delivery.ok) {
      hook.states.delete(updateId);
      this.host.confirm(updateId);
      if (attempt.reply) this.host.webhookReply(attempt.reply.method, attempt.reply.payload);
    } else if (!delivery.aborted) {
      this.noteError(hook, delivery.error);
      this.scheduleRetry(hook, state, attempt.retryAfter);
    }
    this.record(delivery);
    if (current) this.pump();
  }

  private noteError(hook: ActiveWebhook, message: string | undefined): void {
    hook.lastErrorDate = unixNow();
    hook.lastErrorMessage = message ?? "Unknown error";
  }

  /** Telegram's schedule: at once after the first failure, then 2, 4, 8… up to 60 s; Retry-After wins. */
  private scheduleRetry(hook: ActiveWebhook, state: UpdateState, retryAfter: number | undefined): void {
    state.failures += 1;
    const seconds =
      retryAfter !== undefined && retryAfter > 0
        ? Math.min(retryAfter, MAX_RETRY_AFTER)
        : state.failures === 1
          ? 0
          : Math.min(MAX_RESEND_DELAY, 2 ** (state.failures - 1));
    state.retry = setTimeout(() => {
      state.retry = undefined;
      if (hook === this.hook) this.pump();
    }, seconds * this.options.retryDelayMs);
  }

  private record(delivery: WebhookDelivery): WebhookDelivery {
    delivery.index = this.deliveries.length;
    this.deliveries.push(delivery);
    for (const waiter of [...this.deliveryWaiters]) waiter.check(delivery);
    return delivery;
  }

  private async attempt(hook: ActiveWebhook, update: Update, redelivery: boolean): Promise<Attempt> {
    hook.active += 1;
    const attempt = (this.attempts.get(update.update_id) ?? 0) + 1;
    this.attempts.set(update.update_id, attempt);
    const { settings } = hook;
    const body = JSON.stringify(update);
    const headers = this.requestHeaders(settings, body);
    const target = this.route === undefined ? undefined : `${this.route}${settings.publicUrl.pathname}${settings.publicUrl.search}`;
    const at = Date.now();
    const started = performance.now();
    const answer: Answer = target === undefined ? { error: UNREACHABLE } : await this.post(hook, target, headers, body);
    const status = answer.status;
    const ok = status !== undefined && status >= 200 && status <= 299;
    let error = answer.error;
    if (status !== undefined && !ok) error = `Wrong response from the webhook: ${status} ${answer.reason ?? ""}`.trimEnd();
    const delivery: WebhookDelivery = {
      index: -1,
      updateId: update.update_id,
      update: JSON.parse(body) as Update,
      url: settings.url,
      target,
      headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])),
      attempt,
      redelivery,
      at,
      durationMs: performance.now() - started,
      status,
      body: answer.body?.toString("utf8") ?? "",
      ok,
      error: answer.aborted ? undefined : error,
      aborted: answer.aborted ?? false,
    };
    const reply = ok && answer.headers && answer.body ? readWebhookReply(answer.headers, answer.body) : undefined;
    const retryAfter = !ok && answer.headers ? retryAfterHeader(answer.headers) : undefined;
    return { delivery, reply, retryAfter };
  }

  /** The headers Telegram sends, with the public host, as a reverse proxy would pass them on. */
  private requestHeaders(settings: WebhookSettings, body: string): Record<string, string> {
    const headers: Record<string, string> = { Host: settings.publicUrl.host };
    const { username, password } = settings.publicUrl;
    if (username !== "") {
      const userinfo = decodeURIComponent(password === "" ? username : `${username}:${password}`);
      headers.Authorization = `Basic ${Buffer.from(userinfo).toString("base64")}`;
    }
    if (settings.secretToken !== "") headers["X-Telegram-Bot-Api-Secret-Token"] = settings.secretToken;
    headers["Content-Type"] = "application/json";
    headers["Content-Length"] = String(Buffer.byteLength(body));
    return headers;
  }

  /** Resolves (never rejects) once answered, failed, timed out or aborted. */
  private post(hook: ActiveWebhook, target: string, headers: Record<string, string>, body: string): Promise<Answer> {
    return new Promise((resolve) => {
      const controller = new AbortController();
      let done = false;
      const finish = (answer: Answer) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        hook.requests.delete(controller);
        resolve(answer);
      };
      const failed = (error: unknown) =>
        finish(controller.signal.aborted ? { aborted: true } : { error: connectionError(error) });
      hook.requests.add(controller);
      const req = request(target, { method: "POST", headers, agent: hook.agent, signal: controller.signal });
      const timer = setTimeout(() => {
        finish({ error: "Read timeout expired" });
        req.destroy();
      }, this.options.timeoutMs);
      req.on("error", failed);
      req.on("response", (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", failed);
        res.on("end", () =>
          finish({ status: res.statusCode, reason: res.statusMessage, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("close", () => {
          if (!res.complete) failed(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
        });
      });
      req.end(body);
    });
  }

  private recentDeliveries(count = 15): string {
    const hook = this.hook;
    const state = hook
      ? `Webhook ${hook.settings.url}, route ${this.route ?? "none"}, last error ${hook.lastErrorMessage ?? "none"}.`
      : "No webhook is set.";
    if (this.deliveries.length === 0) return `${state} No webhook deliveries were made.`;
    const recent = this.deliveries.slice(-count).map(describeDelivery).join("\n");
    return `${state} Last ${Math.min(count, this.deliveries.length)} of ${this.deliveries.length} deliveries:\n${recent}`;
  }
}

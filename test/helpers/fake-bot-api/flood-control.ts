/** Telegram-like flood control over sliding windows. */
import type { FloodLimits } from "./types.js";

/** The methods Telegram's message flood limits apply to (lower-cased). */
export const FLOOD_LIMITED_METHODS = new Set(["sendmessage", "editmessagetext", "editmessagereplymarkup"]);
const SECOND_MS = 1000;
const MINUTE_MS = 60_000;

/**
 * Times of accepted calls in a sliding window, oldest first. Expired times
 * are skipped by moving `head` and compacted away once they are at least
 * half of the array, so each time is pushed, skipped and copied at most a
 * bounded number of times: O(1) amortised per call.
 */
export class SlidingWindow {
  private times: number[] = [];
  private head = 0;

  constructor(private readonly lengthMs: number) {}

  /** Accepted calls in (now - lengthMs, now]. */
  count(now: number): number {
    this.expire(now);
    return this.times.length - this.head;
  }

  add(now: number): void {
    this.expire(now);
    this.times.push(now);
  }

  /** True if every recorded time has left the window at `now`. */
  isIdle(now: number): boolean {
    const newest = this.times[this.times.length - 1];
    return newest === undefined || newest <= now - this.lengthMs;
  }

  /** Array slots in use, expired ones not yet compacted included. */
  get slots(): number {
    return this.times.length;
  }

  private expire(now: number): void {
    const cutoff = now - this.lengthMs;
    const { times } = this;
    let head = this.head;
    while (head < times.length && (times[head] ?? Infinity) <= cutoff) head += 1;
    if (head === times.length) {
      this.times = [];
      this.head = 0;
    } else if (head >= 32 && head * 2 >= times.length) {
      this.times = times.slice(head);
      this.head = 0;
    } else {
      this.head = head;
    }
  }
}

/**
 * One sliding window per chat. Chats whose window emptied are dropped by a
 * sweep run at most once per window length; a chat survives a sweep only if
 * it had a call in the window before it, so sweeps are O(1) amortised too.
 */
export class ChatWindows {
  private readonly windows = new Map<number, SlidingWindow>();
  private lastSweep = -Infinity;

  constructor(private readonly lengthMs: number) {}

  count(chatId: number, now: number): number {
    return this.windows.get(chatId)?.count(now) ?? 0;
  }

  add(chatId: number, now: number): void {
    this.sweep(now);
    let window = this.windows.get(chatId);
    if (!window) {
      window = new SlidingWindow(this.lengthMs);
      this.windows.set(chatId, window);
    }
    window.add(now);
  }

  get slots(): number {
    let total = 0;
    for (const window of this.windows.values()) total += window.slots;
    return total;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.lengthMs) return;
    this.lastSweep = now;
    for (const [chatId, window] of this.windows) {
      if (window.isIdle(now)) this.windows.delete(chatId);
    }
  }
}

function checkLimits(limits: FloodLimits | undefined): FloodLimits | undefined {
  if (limits === undefined) return undefined;
  for (const [name, value] of Object.entries(limits)) {
    if (value === undefined) continue;
    const valid = typeof value === "number" && Number.isInteger(value) && value >= (name === "retryAfter" ? 1 : 0);
    if (!valid) throw new TypeError(`setLimits: ${name} must be a non-negative integer (retryAfter ≥ 1), got ${String(value)}`);
  }
  return { ...limits };
}

/**
 * Telegram-like flood control. Every accepted call is recorded (limits set or
 * not, so limits set later see the recent past); `admit` is O(1) amortised
 * and the record holds only times still inside their window.
 */
export class FloodControl {
  private limits: FloodLimits | undefined;
  private readonly all = new SlidingWindow(SECOND_MS);
  private readonly privateChats = new ChatWindows(SECOND_MS);
  private readonly groups = new ChatWindows(MINUTE_MS);
  private latest = -Infinity;
  private refused = 0;

  constructor(limits?: FloodLimits) {
    this.setLimits(limits);
  }

  setLimits(limits: FloodLimits | undefined): void {
    this.limits = checkLimits(limits);
  }

  /**
   * Decides on a call that arrived at `arrivedAt` (ms, performance.now()):
   * records it and returns undefined if it is accepted, or returns the
   * retry_after to answer with. Times are kept in order: a call whose body
   * was read after a later one's counts at that later one's arrival.
   */
  admit(chatId: number | undefined, arrivedAt: number): number | undefined {
    const now = Math.max(arrivedAt, this.latest);
    this.latest = now;
    const limits = this.limits;
    if (limits && this.isOverLimit(limits, chatId, now)) {
      this.refused += 1;
      return limits.retryAfter ?? 1;
    }
    this.all.add(now);
    if (chatId !== undefined && chatId > 0) this.privateChats.add(chatId, now);
    if (chatId !== undefined && chatId < 0) this.groups.add(chatId, now);
    return undefined;
  }

  /** Calls refused so far. */
  get rateLimited(): number {
    return this.refused;
  }

  /** Recorded times held in memory (for tests of the memory bound). */
  get slots(): number {
    return this.all.slots + this.privateChats.slots + this.groups.slots;
  }

  private isOverLimit(limits: FloodLimits, chatId: number | undefined, now: number): boolean {
    const { perSecond, perChatPerSecond, perGroupPerMinute } = limits;
    if (perSecond !== undefined && this.all.count(now) >= perSecond) return true;
    if (chatId === undefined) return false;
    if (chatId > 0 && perChatPerSecond !== undefined) return this.privateChats.count(chatId, now) >= perChatPerSecond;
    if (chatId < 0 && perGroupPerMinute !== undefined) return this.groups.count(chatId, now) >= perGroupPerMinute;
    return false;
  }
}


import { sleep as realSleep, type Sleep } from "../lifecycle/sleep.js";

/** Telegram's limits for one chat: about one message a second, and at most 20 a minute to a group. */
export const CHAT_GAP_MS = 1000;
export const GROUP_PER_MINUTE = 20;
const MINUTE_MS = 60_000;

/** A monotonic clock in ms. */
export type Clock = () => number;

export interface Pacer {
  /** The earliest time the chat's own limit lets a message go to `chatId`. */
  chatReadyAt(chatId: number): number;
  /** The earliest time of the next message over all chats: the global rate, and any pause. */
  slotAt(): number;
  /** Records a message to `chatId` sent at `at` (the caller checked `chatReadyAt` and `slotAt`). */
  take(chatId: number, at: number): void;
  /**
   * Records that Telegram answered a message to `chatId` now: the chat's next message leaves a second after that, so
   * it cannot reach Telegram less than a second after this one did, however long this one took to arrive.
   */
  answered(chatId: number): void;
  /**
   * Waits for the next global slot, reserves it and records the chat: for replies to a user, which go ahead of any
   * digest waiting for a slot. It does not wait for the chat's own limit, as a reply answers the user's own message.
   */
  acquire(chatId: number | undefined): Promise<void>;
  /** Holds every message back for `ms` (a 429's retry_after, or a backoff while Telegram is unreachable). */
  pause(ms: number): void;
  /** Forgets chats whose limits have run out, so the bookkeeping stays as small as the recent traffic. */
  forgetIdle(): void;
}

export interface PacerOptions {
  /** Messages a second over all chats (TELEGRAM_RATE). */
  ratePerSecond: number;
  /** A monotonic clock in ms (performance.now by default): pacing must not follow the wall clock's jumps. */
  now?: Clock;
  /** How `acquire` waits for its slot (real timers by default); runs on the same time as `now`. */
  sleep?: Sleep;
}

/**
 * One pacer for all the bot's outgoing messages. Slots are spaced 1/rate apart; a slot missed by less than one
 * interval (a timer firing late) is caught up, so the rate holds on average without ever bursting past it by more
 * than one message.
 */
export function createPacer(options: PacerOptions): Pacer {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? realSleep;
  const interval = 1000 / options.ratePerSecond;
  let nextSlot = 0;
  let pausedUntil = 0;
  // Private chats: the time of the last message. Groups: the times of the last GROUP_PER_MINUTE messages, oldest first.
  const lastSent = new Map<number, number>();
  const groupSent = new Map<number, number[]>();

  const chatReadyAt = (chatId: number): number => {
    const last = lastSent.get(chatId);
    let at = last === undefined ? 0 : last + CHAT_GAP_MS;
    const recent = groupSent.get(chatId);
    if (recent && recent.length >= GROUP_PER_MINUTE) at = Math.max(at, recent[0]! + MINUTE_MS);
    return at;
  };

  const reserveSlot = (at: number): void => {
    nextSlot = Math.max(nextSlot, at - interval) + interval;
  };

  const recordChat = (chatId: number, at: number): void => {
    lastSent.set(chatId, at);
    if (chatId < 0) {
      const recent = groupSent.get(chatId) ?? [];
      recent.push(at);
      if (recent.length > GROUP_PER_MINUTE) recent.shift();
      groupSent.set(chatId, recent);
    }
  };

  return {
    chatReadyAt,
    slotAt: () => Math.max(nextSlot, pausedUntil),
    take(chatId, at) {
      reserveSlot(at);
      recordChat(chatId, at);
    },
    answered(chatId) {
      if (!lastSent.has(chatId)) return;
      const at = now();
      lastSent.set(chatId, Math.max(lastSent.get(chatId)!, at));
      const recent = groupSent.get(chatId);
      if (recent && recent.length > 0) recent[recent.length - 1] = Math.max(recent.at(-1)!, at);
    },
    async acquire(chatId) {
      for (;;) {
        const t = now();
        const at = Math.max(t, nextSlot, pausedUntil);
        // Reserved at once, so that the sender's next message goes after this one.
        reserveSlot(at);
        if (at > t) await sleep(at - t);
        // A 429 that arrived while waiting moves the slot past the pause.
        if (pausedUntil > now()) continue;
        if (chatId !== undefined) recordChat(chatId, now());
        return;
      }
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, now() + ms);
    },
    forgetIdle() {
      const t = now();
      for (const [chatId, at] of lastSent) if (at + CHAT_GAP_MS <= t && !groupSent.has(chatId)) lastSent.delete(chatId);
      for (const [chatId, recent] of groupSent) {
        if (recent.at(-1)! + MINUTE_MS <= t) {
          groupSent.delete(chatId);
          lastSent.delete(chatId);
        }
      }
    },
  };
}

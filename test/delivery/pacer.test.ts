import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CHAT_GAP_MS, GROUP_PER_MINUTE, createPacer, type Pacer } from "../../src/delivery/pacer.js";

/** A clock the test moves by hand, standing in for performance.now. */
function manualClock(start: number) {
  let t = start;
  return {
    now: () => t,
    set: (value: number) => {
      t = value;
    },
  };
}

/** Sends one message as the sender does: at its slot, or now if the slot is past. Returns when it went. */
function sendAtSlot(pacer: Pacer, chatId: number, now: number): number {
  const at = Math.max(now, pacer.slotAt());
  pacer.take(chatId, at);
  return at;
}

describe("When messages are paced over all chats", () => {
  it("then each slot comes 1000/rate ms after the one before (rate 100 → 10 ms)", () => {
    const clock = manualClock(1000);
    const pacer = createPacer({ ratePerSecond: 100, now: clock.now });
    sendAtSlot(pacer, 1, 1000);
    sendAtSlot(pacer, 2, 1000);
    const slots: number[] = [];
    for (let chat = 3; chat < 10; chat++) {
      sendAtSlot(pacer, chat, 1000);
      slots.push(pacer.slotAt());
    }
    expect(slots).toEqual([1020, 1030, 1040, 1050, 1060, 1070, 1080]);
  });

  it("then the spacing follows the rate (rate 25 → 40 ms)", () => {
    const pacer = createPacer({ ratePerSecond: 25, now: () => 0 });
    pacer.take(1, 5000);
    pacer.take(2, 5000);
    expect(pacer.slotAt()).toBe(5040);
    pacer.take(3, 5040);
    expect(pacer.slotAt()).toBe(5080);
  });

  it("then a slot missed by less than one interval is caught up: the next slot stays on the grid", () => {
    const pacer = createPacer({ ratePerSecond: 100, now: () => 0 });
    pacer.take(1, 1000);
    pacer.take(2, 1000);
    expect(pacer.slotAt()).toBe(1010);
    // The timer fired 4 ms late: the next slot is still 1020, not 1024.
    pacer.take(3, 1014);
    expect(pacer.slotAt()).toBe(1020);
    pacer.take(4, 1020);
    expect(pacer.slotAt()).toBe(1030);
  });

  it("then a slot missed by a long way lets one more message go at once, but not a second", () => {
    const pacer = createPacer({ ratePerSecond: 100, now: () => 0 });
    pacer.take(1, 1000);
    pacer.take(2, 1000);
    expect(pacer.slotAt()).toBe(1010);
    pacer.take(3, 5000);
    // The missed slots are not all made up for: one message of burst at most.
    expect(pacer.slotAt()).toBe(5000);
    pacer.take(4, 5000);
    expect(pacer.slotAt()).toBe(5010);
  });

  it("then however late the timers fire, no interval ever holds more than two messages", () => {
    const clock = manualClock(0);
    const pacer = createPacer({ ratePerSecond: 100, now: clock.now });
    // A fixed pseudo-random sequence of timer delays: on time, a little late, or after an idle spell.
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const sentAt: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const lateness = random() < 0.05 ? random() * 200 : random() * 12;
      clock.set(Math.max(clock.now(), pacer.slotAt()) + lateness);
      sentAt.push(sendAtSlot(pacer, i, clock.now()));
    }
    for (let i = 2; i < sentAt.length; i++) expect(sentAt[i]! - sentAt[i - 2]!).toBeGreaterThanOrEqual(10);
    // The rate holds over the whole run: after the first message, one message of burst at most.
    expect(sentAt.at(-1)! - sentAt[0]!).toBeGreaterThanOrEqual((sentAt.length - 2) * 10);
  });
});

describe("When messages go to one chat", () => {
  it("then a private chat is ready 1 s after its last message, and other chats are not held back", () => {
    const pacer = createPacer({ ratePerSecond: 30, now: () => 0 });
    expect(pacer.chatReadyAt(42)).toBe(0);
    pacer.take(42, 5000);
    expect(pacer.chatReadyAt(42)).toBe(5000 + CHAT_GAP_MS);
    expect(pacer.chatReadyAt(43)).toBe(0);
    pacer.take(42, 6000);
    expect(pacer.chatReadyAt(42)).toBe(7000);
  });

  it("then a private chat has no limit a minute: after 30 messages it is still ready 1 s after the last", () => {
    const pacer = createPacer({ ratePerSecond: 30, now: () => 0 });
    for (let i = 0; i < 30; i++) pacer.take(42, 1000 + i * 1000);
    expect(pacer.chatReadyAt(42)).toBe(31_000);
  });

  it("then a group chat (negative id) gets 1 s between messages and its 21st message only 60 s after its 1st", () => {
    expect(GROUP_PER_MINUTE).toBe(20);
    const pacer = createPacer({ ratePerSecond: 30, now: () => 0 });
    const group = -1001234;
    const first = 10_000;
    for (let i = 0; i < 19; i++) {
      pacer.take(group, first + i * 1000);
      expect(pacer.chatReadyAt(group)).toBe(first + i * 1000 + 1000);
    }
    pacer.take(group, first + 19_000);
    expect(pacer.chatReadyAt(group)).toBe(first + 60_000);
    // The 21st goes at 60 s; the 22nd waits for the 2nd message to be a minute old.
    pacer.take(group, first + 60_000);
    expect(pacer.chatReadyAt(group)).toBe(first + 61_000);
    pacer.take(group, first + 61_000);
    expect(pacer.chatReadyAt(group)).toBe(first + 62_000);
  });

  it("then a group whose 20 messages were spread over more than a minute waits only its 1 s gap", () => {
    const pacer = createPacer({ ratePerSecond: 30, now: () => 0 });
    for (let i = 0; i < 20; i++) pacer.take(-5, i * 4000);
    expect(pacer.chatReadyAt(-5)).toBe(19 * 4000 + 1000);
  });
});

describe("When Telegram asks for a pause (429)", () => {
  it("then pause moves the next slot but not the chats' own limits", () => {
    const clock = manualClock(1000);
    const pacer = createPacer({ ratePerSecond: 100, now: clock.now });
    pacer.take(7, 1000);
    pacer.take(8, 1000);
    expect(pacer.slotAt()).toBe(1010);
    pacer.pause(5000);
    expect(pacer.slotAt()).toBe(6000);
    expect(pacer.chatReadyAt(7)).toBe(2000);
    expect(pacer.chatReadyAt(9)).toBe(0);
  });

  it("then a shorter pause during a longer one does not shorten it", () => {
    const clock = manualClock(1000);
    const pacer = createPacer({ ratePerSecond: 100, now: clock.now });
    pacer.pause(5000);
    clock.set(2000);
    pacer.pause(100);
    expect(pacer.slotAt()).toBe(6000);
    clock.set(3000);
    pacer.pause(4000);
    expect(pacer.slotAt()).toBe(7000);
  });
});

describe("When idle chats are forgotten", () => {
  it("then a private chat is forgotten once its 1 s has run out, and kept before", () => {
    const clock = manualClock(1000);
    const pacer = createPacer({ ratePerSecond: 30, now: clock.now });
    pacer.take(42, 1000);
    clock.set(1999);
    pacer.forgetIdle();
    expect(pacer.chatReadyAt(42)).toBe(2000);
    clock.set(2000);
    pacer.forgetIdle();
    expect(pacer.chatReadyAt(42)).toBe(0);
  });

  it("then a group at its limit keeps it until a minute after its last message", () => {
    const clock = manualClock(0);
    const pacer = createPacer({ ratePerSecond: 30, now: clock.now });
    for (let i = 0; i < 20; i++) pacer.take(-7, i * 1000);
    clock.set(30_000);
    pacer.forgetIdle();
    expect(pacer.chatReadyAt(-7)).toBe(60_000);
    clock.set(19_000 + 60_000 - 1);
    pacer.forgetIdle();
    expect(pacer.chatReadyAt(-7)).toBe(60_000);
    clock.set(19_000 + 60_000);
    pacer.forgetIdle();
    expect(pacer.chatReadyAt(-7)).toBe(0);
  });

  it("then a group keeps counting its minute's messages after its 1 s gap runs out", () => {
    const clock = manualClock(0);
    const pacer = createPacer({ ratePerSecond: 30, now: clock.now });
    for (let i = 0; i < 19; i++) pacer.take(-7, i * 1000);
    clock.set(20_000);
    pacer.forgetIdle();
    pacer.take(-7, 20_000);
    // The 20th message in the minute: the 21st waits for the 1st to be a minute old.
    expect(pacer.chatReadyAt(-7)).toBe(60_000);
  });
});

describe("When a reply acquires a slot", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Watches a promise without awaiting it. */
  function track(promise: Promise<void>) {
    const state = { done: false };
    void promise.then(() => (state.done = true));
    return state;
  }

  it("then it reserves the next slot, so the digest sender's next slot comes after it", async () => {
    const t0 = Date.now();
    const pacer = createPacer({ ratePerSecond: 100, now: () => Date.now() });
    pacer.take(1, t0);
    pacer.take(2, t0);
    expect(pacer.slotAt()).toBe(t0 + 10);
    const reply = track(pacer.acquire(5));
    expect(pacer.slotAt()).toBe(t0 + 20);
    await vi.advanceTimersByTimeAsync(9);
    expect(reply.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(reply.done).toBe(true);
    // The reply's chat is recorded when it went.
    expect(pacer.chatReadyAt(5)).toBe(t0 + 10 + CHAT_GAP_MS);
  });

  it("then replies one after another each take their own slot", async () => {
    const t0 = Date.now();
    const pacer = createPacer({ ratePerSecond: 100, now: () => Date.now() });
    pacer.take(1, t0);
    pacer.take(2, t0);
    const replies = [track(pacer.acquire(5)), track(pacer.acquire(6)), track(pacer.acquire(undefined))];
    expect(pacer.slotAt()).toBe(t0 + 40);
    await vi.advanceTimersByTimeAsync(10);
    expect(replies.map((r) => r.done)).toEqual([true, false, false]);
    await vi.advanceTimersByTimeAsync(10);
    expect(replies.map((r) => r.done)).toEqual([true, true, false]);
    await vi.advanceTimersByTimeAsync(10);
    expect(replies.map((r) => r.done)).toEqual([true, true, true]);
  });

  it("then it does not wait for the chat's own 1 s limit", async () => {
    const t0 = Date.now();
    const pacer = createPacer({ ratePerSecond: 100, now: () => Date.now() });
    pacer.take(5, t0);
    pacer.take(6, t0);
    const reply = track(pacer.acquire(5));
    await vi.advanceTimersByTimeAsync(10);
    expect(reply.done).toBe(true);
    expect(pacer.chatReadyAt(5)).toBe(t0 + 10 + CHAT_GAP_MS);
  });

  it("then it waits out a pause", async () => {
    const t0 = Date.now();
    const pacer = createPacer({ ratePerSecond: 100, now: () => Date.now() });
    pacer.pause(500);
    const reply = track(pacer.acquire(5));
    await vi.advanceTimersByTimeAsync(499);
    expect(reply.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(reply.done).toBe(true);
    expect(pacer.chatReadyAt(5)).toBe(t0 + 500 + CHAT_GAP_MS);
  });

  it("then a 429 that arrives while it waits for its slot holds it until the pause ends", async () => {
    const t0 = Date.now();
    const pacer = createPacer({ ratePerSecond: 1, now: () => Date.now() });
    pacer.take(1, t0);
    pacer.take(2, t0);
    expect(pacer.slotAt()).toBe(t0 + 1000);
    const reply = track(pacer.acquire(5));
    await vi.advanceTimersByTimeAsync(500);
    pacer.pause(2000);
    await vi.advanceTimersByTimeAsync(1999);
    expect(reply.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(reply.done).toBe(true);
    expect(pacer.chatReadyAt(5)).toBe(t0 + 2500 + CHAT_GAP_MS);
    expect(pacer.slotAt()).toBeGreaterThan(t0 + 2500);
  });
});

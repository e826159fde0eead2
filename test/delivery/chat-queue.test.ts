import { describe, expect, it } from "vitest";
import { ChatQueue, type QueuedMessage } from "../../src/delivery/chat-queue.js";

const message = (id: number, chatId: number): QueuedMessage => ({ id, chatId, text: `message ${id}`, replyMarkup: null, attempts: 0 });

/** Pops every ready chat's head and marks it sent at once, returning the ids in the order they came out. */
function drain(queue: ChatQueue): number[] {
  const ids: number[] = [];
  for (let m = queue.pop(); m; m = queue.pop()) {
    ids.push(m.id);
    queue.sent(m.chatId, 0);
  }
  return ids;
}

describe("When messages of one chat are queued", () => {
  it("then they come out in order, one at a time: nothing more of a busy chat until its message is sent", () => {
    const queue = new ChatQueue();
    for (const id of [1, 2, 3]) queue.add(message(id, 42), 100);
    expect(queue.size).toBe(3);
    expect(queue.pop()?.id).toBe(1);
    expect(queue.pop()).toBeUndefined();
    expect(queue.peek()).toBeUndefined();
    expect(queue.size).toBe(3);
    queue.sent(42, 1100);
    expect(queue.size).toBe(2);
    expect(queue.peek()).toEqual({ chatId: 42, at: 1100 });
    expect(queue.pop()?.id).toBe(2);
    expect(queue.pop()).toBeUndefined();
    queue.sent(42, 2100);
    expect(queue.pop()?.id).toBe(3);
    queue.sent(42, 3100);
    expect(queue.size).toBe(0);
    expect(queue.peek()).toBeUndefined();
    expect(queue.pop()).toBeUndefined();
  });

  it("then a message added while the chat's message is out waits behind it", () => {
    const queue = new ChatQueue();
    queue.add(message(1, 42), 100);
    expect(queue.pop()?.id).toBe(1);
    queue.add(message(2, 42), 0);
    expect(queue.size).toBe(2);
    expect(queue.pop()).toBeUndefined();
    queue.sent(42, 1100);
    expect(queue.peek()).toEqual({ chatId: 42, at: 1100 });
    expect(queue.pop()?.id).toBe(2);
  });

  it("then a chat whose head is retried gets the same message again, at the later time", () => {
    const queue = new ChatQueue();
    queue.add(message(1, 42), 100);
    queue.add(message(2, 42), 100);
    queue.add(message(3, 7), 200);
    expect(queue.pop()?.id).toBe(1);
    queue.retry(42, 500);
    expect(queue.size).toBe(3);
    expect(queue.peek()).toEqual({ chatId: 7, at: 200 });
    expect(queue.pop()?.id).toBe(3);
    queue.sent(7, 0);
    expect(queue.peek()).toEqual({ chatId: 42, at: 500 });
    expect(queue.pop()?.id).toBe(1);
    queue.sent(42, 600);
    expect(queue.pop()?.id).toBe(2);
  });
});

describe("When several chats wait", () => {
  it("then the chat ready first goes first, whatever order they were added in", () => {
    const queue = new ChatQueue();
    queue.add(message(1, 10), 300);
    queue.add(message(2, 20), 100);
    queue.add(message(3, 30), 200);
    expect(queue.peek()).toEqual({ chatId: 20, at: 100 });
    expect(drain(queue)).toEqual([2, 3, 1]);
  });

  it("then among chats ready at the same time the one with the oldest message goes first", () => {
    const queue = new ChatQueue();
    queue.add(message(7, 10), 100);
    queue.add(message(3, 20), 100);
    queue.add(message(5, 30), 100);
    expect(drain(queue)).toEqual([3, 5, 7]);
  });

  it("then hundreds of chats come out ordered by ready time, then by first message id", () => {
    const queue = new ChatQueue();
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const expected: { at: number; id: number }[] = [];
    for (let chat = 1; chat <= 300; chat++) {
      const id = 1 + random(100_000) * 1000 + chat; // distinct ids in no particular order
      const at = random(20) * 10;
      queue.add(message(id, chat), at);
      expected.push({ at, id });
    }
    expected.sort((a, b) => a.at - b.at || a.id - b.id);
    const out: { at: number; id: number }[] = [];
    for (let top = queue.peek(); top; top = queue.peek()) {
      const m = queue.pop()!;
      expect(m.chatId).toBe(top.chatId);
      out.push({ at: top.at, id: m.id });
      queue.sent(m.chatId, 0);
    }
    expect(out).toEqual(expected);
  });

  it("then a delayed chat is put back in line at its new time", () => {
    const queue = new ChatQueue();
    queue.add(message(1, 10), 100);
    queue.add(message(2, 20), 200);
    queue.delay(10, 300);
    expect(queue.peek()).toEqual({ chatId: 20, at: 200 });
    expect(queue.pop()?.id).toBe(2);
    expect(queue.peek()).toEqual({ chatId: 10, at: 300 });
    expect(queue.pop()?.id).toBe(1);
  });

  it("then delaying a chat whose message is out changes nothing", () => {
    const queue = new ChatQueue();
    queue.add(message(1, 10), 100);
    queue.add(message(2, 10), 100);
    expect(queue.pop()?.id).toBe(1);
    queue.delay(10, 50);
    expect(queue.pop()).toBeUndefined();
    queue.sent(10, 1100);
    expect(queue.peek()).toEqual({ chatId: 10, at: 1100 });
  });
});

describe("When a chat is dropped", () => {
  it("then all its messages are forgotten and the size drops by as many", () => {
    const queue = new ChatQueue();
    for (const id of [1, 2, 3]) queue.add(message(id, 10), 100);
    queue.add(message(4, 20), 200);
    expect(queue.size).toBe(4);
    expect(queue.dropChat(10)).toBe(3);
    expect(queue.size).toBe(1);
    expect(queue.peek()).toEqual({ chatId: 20, at: 200 });
    expect(drain(queue)).toEqual([4]);
    expect(queue.size).toBe(0);
  });

  it("then a chat dropped while its message is out loses that message too", () => {
    const queue = new ChatQueue();
    for (const id of [1, 2]) queue.add(message(id, 10), 100);
    expect(queue.pop()?.id).toBe(1);
    expect(queue.dropChat(10)).toBe(2);
    expect(queue.size).toBe(0);
    // The late answer for the message that was out finds nothing to remove.
    queue.sent(10, 0);
    queue.retry(10, 0);
    expect(queue.size).toBe(0);
    expect(queue.pop()).toBeUndefined();
  });

  it("then dropping a chat with no messages drops nothing", () => {
    const queue = new ChatQueue();
    queue.add(message(1, 10), 100);
    expect(queue.dropChat(99)).toBe(0);
    expect(queue.size).toBe(1);
  });

  it("then a new message for the dropped chat waits for its own ready time", () => {
    const queue = new ChatQueue();
    queue.add(message(1, 10), 100);
    queue.add(message(2, 20), 200);
    queue.dropChat(10);
    queue.add(message(3, 10), 500);
    expect(queue.size).toBe(2);
    expect(queue.peek()).toEqual({ chatId: 20, at: 200 });
    expect(drain(queue)).toEqual([2, 3]);
  });
});

describe("When a chat moves to a new id (a group became a supergroup)", () => {
  it("then its messages go to the new id, in order, ready at the given time", () => {
    const queue = new ChatQueue();
    queue.add(message(1, -100), 100);
    queue.add(message(2, -100), 100);
    expect(queue.pop()?.id).toBe(1);
    queue.moveChat(-100, -200, 700);
    expect(queue.size).toBe(2);
    expect(queue.dropChat(-100)).toBe(0);
    expect(queue.peek()).toEqual({ chatId: -200, at: 700 });
    const first = queue.pop()!;
    expect(first).toMatchObject({ id: 1, chatId: -200 });
    expect(queue.pop()).toBeUndefined();
    queue.sent(-200, 1700);
    expect(queue.pop()).toMatchObject({ id: 2, chatId: -200 });
  });

  it("then a waiting chat at the new id gets the moved messages ahead of its own", () => {
    const queue = new ChatQueue();
    queue.add(message(1, -100), 100);
    queue.add(message(2, -100), 100);
    queue.add(message(10, -200), 50);
    expect(queue.pop()?.id).toBe(10); // -200 is ready first
    queue.retry(-200, 5000);
    expect(queue.pop()?.id).toBe(1);
    queue.moveChat(-100, -200, 900);
    expect(queue.size).toBe(3);
    expect(queue.peek()).toEqual({ chatId: -200, at: 900 });
    const order: { id: number; chatId: number }[] = [];
    for (let m = queue.pop(); m; m = queue.pop()) {
      order.push({ id: m.id, chatId: m.chatId });
      queue.sent(m.chatId, 0);
    }
    expect(order).toEqual([
      { id: 1, chatId: -200 },
      { id: 2, chatId: -200 },
      { id: 10, chatId: -200 },
    ]);
    expect(queue.size).toBe(0);
  });

  it("then a chat at the new id with a message out keeps that message first, and the moved ones follow it", () => {
    const queue = new ChatQueue();
    queue.add(message(1, -100), 100);
    queue.add(message(2, -100), 100);
    queue.add(message(10, -200), 200);
    queue.add(message(11, -200), 200);
    expect(queue.pop()?.id).toBe(1);
    expect(queue.pop()?.id).toBe(10);
    queue.moveChat(-100, -200, 900);
    expect(queue.size).toBe(4);
    // -200's message 10 is still out: nothing more of that chat until it is answered.
    expect(queue.peek()).toBeUndefined();
    expect(queue.pop()).toBeUndefined();
    queue.sent(-200, 1200);
    expect(queue.peek()).toEqual({ chatId: -200, at: 1200 });
    const rest: number[] = [];
    for (let m = queue.pop(); m; m = queue.pop()) {
      expect(m.chatId).toBe(-200);
      rest.push(m.id);
      queue.sent(m.chatId, 0);
    }
    expect(rest).toEqual([1, 2, 11]);
    expect(queue.size).toBe(0);
  });

  it("then a chat that took in moved messages, emptied and got a new message waits for that message's ready time", () => {
    const queue = new ChatQueue();
    // -200 waits out a backoff until 5000; -100's message is out when Telegram says the group moved to -200.
    queue.add(message(1, -100), 100);
    queue.add(message(10, -200), 5000);
    queue.add(message(5, 7), 3000);
    expect(queue.pop()?.id).toBe(1);
    queue.moveChat(-100, -200, 900);
    expect(queue.peek()).toEqual({ chatId: -200, at: 900 });
    expect(queue.pop()?.id).toBe(1);
    queue.sent(-200, 1900);
    expect(queue.peek()).toEqual({ chatId: -200, at: 1900 });
    expect(queue.pop()?.id).toBe(10);
    queue.sent(-200, 2900);
    // A new digest for -200, ready only at 9000; chat 7 still waits for 3000.
    queue.add(message(20, -200), 9000);
    expect(queue.pop()?.id).toBe(5);
    queue.sent(7, 0);
    expect(queue.peek()).toEqual({ chatId: -200, at: 9000 });
  });

  it("then moving a chat that holds nothing changes nothing", () => {
    const queue = new ChatQueue();
    queue.add(message(1, 10), 100);
    queue.moveChat(-100, -200, 0);
    expect(queue.size).toBe(1);
    expect(queue.peek()).toEqual({ chatId: 10, at: 100 });
  });
});

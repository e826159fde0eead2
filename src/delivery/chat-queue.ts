import type { PendingMessage } from "../db/outbox.js";

/** A message waiting in the sender's memory (the outbox row it came from stays the durable copy). */
export type QueuedMessage = Omit<PendingMessage, "nextAttemptAt">;

interface Chat {
  messages: QueuedMessage[];
  /** A message of this chat is being sent: its next waits for the answer, so a chat's messages keep their order. */
  busy: boolean;
  /** Set whenever the chat is (re)scheduled, from a counter of the whole queue, so that heap entries of an older
   * scheduling are stale, even those left by an earlier chat with the same id. */
  version: number;
}

interface Entry {
  at: number;
  /** The chat's first message id: among chats ready at the same time, the oldest message goes first. */
  id: number;
  chatId: number;
  version: number;
}

/**
 * The messages the sender holds, one FIFO per chat, and the chats ordered by when they may next receive a message.
 * At most one message per chat is out at a time; `pop` hands out the head of the chat that is ready first.
 */
export class ChatQueue {
  private readonly chats = new Map<number, Chat>();
  private readonly heap: Entry[] = [];
  private count = 0;
  private versions = 0;

  /** Messages held, the one being sent included. */
  get size(): number {
    return this.count;
  }

  /** Adds a message at the end of its chat; a chat not yet waiting becomes ready at `readyAt`. */
  add(message: QueuedMessage, readyAt: number): void {
    const chat = this.chats.get(message.chatId);
    this.count++;
    if (chat) {
      chat.messages.push(message);
      return;
    }
    const created: Chat = { messages: [message], busy: false, version: 0 };
    this.chats.set(message.chatId, created);
    this.schedule(message.chatId, created, readyAt);
  }

  /** The chat that is ready first, and when; undefined when no chat waits. */
  peek(): { chatId: number; at: number } | undefined {
    this.dropStale();
    const top = this.heap[0];
    return top && { chatId: top.chatId, at: top.at };
  }

  /** Takes the head message of the first ready chat; the chat is busy until `sent`, `retry` or `dropChat`. */
  pop(): QueuedMessage | undefined {
    this.dropStale();
    const top = this.heap[0];
    if (!top) return undefined;
    this.removeTop();
    const chat = this.chats.get(top.chatId)!;
    chat.busy = true;
    return chat.messages[0];
  }

  /** Puts a chat back in line at `readyAt` without taking its head (its limit moved since it was scheduled). */
  delay(chatId: number, readyAt: number): void {
    const chat = this.chats.get(chatId);
    if (chat && !chat.busy) this.schedule(chatId, chat, readyAt);
  }

  /** The chat's head message is done with (sent, or dropped alone); its next message is ready at `readyAt`. */
  sent(chatId: number, readyAt: number): void {
    const chat = this.chats.get(chatId);
    if (!chat) return;
    chat.messages.shift();
    this.count--;
    chat.busy = false;
    if (chat.messages.length === 0) this.chats.delete(chatId);
    else this.schedule(chatId, chat, readyAt);
  }

  /** The chat's head message goes again at `readyAt`. */
  retry(chatId: number, readyAt: number): void {
    const chat = this.chats.get(chatId);
    if (!chat) return;
    chat.busy = false;
    this.schedule(chatId, chat, readyAt);
  }

  /** Forgets every message of the chat; returns how many. */
  dropChat(chatId: number): number {
    const chat = this.chats.get(chatId);
    if (!chat) return 0;
    this.chats.delete(chatId);
    this.count -= chat.messages.length;
    return chat.messages.length;
  }

  /** The chat has a new id (a group became a supergroup): its messages go there, ready at `readyAt`. */
  moveChat(fromChatId: number, toChatId: number, readyAt: number): void {
    const chat = this.chats.get(fromChatId);
    if (!chat) return;
    this.chats.delete(fromChatId);
    for (const message of chat.messages) message.chatId = toChatId;
    const existing = this.chats.get(toChatId);
    if (existing) {
      // The moved messages are the older ones; a message of the new chat being sent stays at the head.
      existing.messages.splice(existing.busy ? 1 : 0, 0, ...chat.messages);
      if (!existing.busy) this.schedule(toChatId, existing, readyAt);
      return;
    }
    chat.busy = false;
    this.chats.set(toChatId, chat);
    this.schedule(toChatId, chat, readyAt);
  }

  private schedule(chatId: number, chat: Chat, at: number): void {
    chat.version = ++this.versions;
    this.push({ at, id: chat.messages[0]!.id, chatId, version: chat.version });
  }

  /** Heap entries of dropped, busy or rescheduled chats are skipped when they come to the top. */
  private dropStale(): void {
    for (;;) {
      const top = this.heap[0];
      if (!top) return;
      const chat = this.chats.get(top.chatId);
      if (chat && !chat.busy && chat.version === top.version) return;
      this.removeTop();
    }
  }

  private push(entry: Entry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private removeTop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id);
}

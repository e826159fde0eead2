import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { createUpdateIntake, updateType } from "../../src/updates/update-intake.js";

const log = createLogger("silent", []);
const update = (id: number): Update => ({ update_id: id, message: { message_id: id, date: 0, chat: { id: 1, type: "private", first_name: "A" }, from: { id: 1, is_bot: false, first_name: "A" }, text: "/help" } });

describe("createUpdateIntake", () => {
  it("handles an update delivered twice once, and reports each handling with its type and outcome", async () => {
    const handled: number[] = [];
    const reports: [string, boolean][] = [];
    const intake = createUpdateIntake({
      bot: { handleUpdate: async (u) => void handled.push(u.update_id) },
      log,
      onHandled: (type, seconds, ok) => {
        expect(seconds).toBeGreaterThanOrEqual(0);
        reports.push([type, ok]);
      },
    });
    intake.open();
    await intake.handle(update(1));
    await intake.handle(update(1));
    expect(intake.accept(update(2))).toBe(true);
    expect(intake.accept(update(2))).toBe(true);
    await intake.stop(1000);
    expect(handled).toEqual([1, 2]);
    expect(reports).toEqual([["message", true], ["message", true]]);
  });

  it("forgets the oldest ids past its bound", async () => {
    const handled: number[] = [];
    const intake = createUpdateIntake({ bot: { handleUpdate: async (u) => void handled.push(u.update_id) }, log, remember: 2 });
    intake.open();
    for (const id of [1, 2, 3, 1]) await intake.handle(update(id));
    expect(handled).toEqual([1, 2, 3, 1]);
  });

  it("refuses updates once stopping, and waits for those being handled within the grace period only", async () => {
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const failures: boolean[] = [];
    const intake = createUpdateIntake({
      bot: { handleUpdate: (u) => (u.update_id === 1 ? slow : Promise.reject(new Error("boom"))) },
      log,
      onHandled: (_type, _s, ok) => failures.push(ok),
    });
    intake.open();
    intake.accept(update(1));
    await intake.handle(update(2));
    expect(failures).toEqual([false]);
    const stopping = intake.stop(50);
    expect(intake.accept(update(3))).toBe(false);
    expect(intake.stop(50)).toBe(stopping); // a second stop waits no second grace period
    await stopping; // the slow update is still running: stop() does not wait past its grace
    expect(intake.unfinished()).toEqual([1]);
    release();
    await slow;
  });

  it("refuses updates until it is opened, without remembering them, so the same update is handled once it comes again", async () => {
    const handled: number[] = [];
    const intake = createUpdateIntake({ bot: { handleUpdate: async (u) => void handled.push(u.update_id) }, log });
    expect(intake.accept(update(7))).toBe(false);
    intake.open();
    expect(intake.accept(update(7))).toBe(true);
    await intake.stop(1000);
    expect(handled).toEqual([7]);
  });

  it("names an update by its kind", () => {
    expect(updateType(update(1))).toBe("message");
    expect(updateType({ update_id: 5, callback_query: { id: "1", from: { id: 1, is_bot: false, first_name: "A" }, chat_instance: "x" } })).toBe("callback_query");
  });
});

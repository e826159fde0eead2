import { describe, expect, it } from "vitest";
import { runLimited } from "../../src/feeds/run-limited.js";

describe("runLimited", () => {
  it("runs every item, never more than `limit` at once nor more than `perKey` of one key", async () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ id: i, host: `h${i % 5}` }));
    let running = 0;
    let most = 0;
    const perHost = new Map<string, number>();
    let mostPerHost = 0;
    const done: number[] = [];
    await runLimited(items, (item) => item.host, 6, 2, async (item) => {
      running++;
      perHost.set(item.host, (perHost.get(item.host) ?? 0) + 1);
      most = Math.max(most, running);
      mostPerHost = Math.max(mostPerHost, perHost.get(item.host)!);
      await new Promise((resolve) => setTimeout(resolve, 5 + (item.id % 3)));
      perHost.set(item.host, perHost.get(item.host)! - 1);
      running--;
      done.push(item.id);
    });
    expect(done.sort((a, b) => a - b)).toEqual(items.map((item) => item.id));
    expect(most).toBe(6);
    expect(mostPerHost).toBe(2);
  });

  it("asks each item's key once, however long the queue waits on one key", async () => {
    const items = Array.from({ length: 30 }, (_, i) => i);
    let asked = 0;
    await runLimited(items, () => (asked++, "one-host"), 8, 1, () => new Promise((resolve) => setTimeout(resolve, 1)));
    expect(asked).toBe(30);
  });

  it("resolves at once for no items", async () => {
    await expect(runLimited([], String, 4, 1, async () => undefined)).resolves.toBeUndefined();
  });
});

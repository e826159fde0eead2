import { describe, expect, it } from "vitest";
import { createStopSteps } from "../../src/lifecycle/stop-steps.js";
import { createLogger } from "../../src/logger.js";

describe("createStopSteps", () => {
  it("runs every step newest first, each whatever the others did, logs the failures, and runs once", async () => {
    const lines: Record<string, unknown>[] = [];
    const log = createLogger("debug", [], (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
    const steps = createStopSteps(log);
    const ran: string[] = [];
    steps.add("database", () => void ran.push("database"));
    steps.add("sender", async () => {
      ran.push("sender");
      throw new Error("502 Bad Gateway");
    });
    steps.add("bot", () => {
      ran.push("bot");
      throw new Error("refused");
    });
    steps.add("jobs", async () => void ran.push("jobs"));
    await Promise.all([steps.run(), steps.run()]);
    await steps.run();
    expect(ran).toEqual(["jobs", "bot", "sender", "database"]);
    expect(lines.map((l) => [l.step, l.err])).toEqual([
      ["bot", "refused"],
      ["sender", "502 Bad Gateway"],
    ]);
  });
});

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeBotApi } from "../helpers/fake-bot-api.js";
import { startBotProcess, startProcessFixture, waitFor, type ProcessFixture } from "../helpers/bot-process.js";

describe("When the operator runs the bot as a process", () => {
  let fixture: ProcessFixture;
  let api: FakeBotApi;
  let dir: string;
  beforeAll(async () => {
    fixture = await startProcessFixture();
    ({ api, dir } = fixture);
  });
  afterAll(() => fixture?.close());

  it("then with a .env it answers users, and SIGTERM stops it within a few seconds with exit code 0", async () => {
    writeFileSync(join(dir, ".env"), `BOT_TOKEN=${api.token}\nTELEGRAM_API_ROOT=${api.apiRoot}\nDATABASE_PATH=./data/bot.db\nCATALOG_FILE=./catalog.yaml\nFEEDS_ALLOW_PRIVATE=true\n`);
    const bot = startBotProcess(dir, {});
    await api.waitForPolling(20_000);
    api.sendUserMessage(7007, "/subscribe Politics");
    await api.waitForMessage(7007, (m) => m.plainText.includes("You now follow Politics"), 10_000);
    await waitFor(() => bot.output().includes('"msg":"feeds polled"'), 10_000);
    api.sendUserMessage(7007, "/latest");
    await api.waitForMessage(7007, (m) => m.plainText.includes("Parliament sits late"), 10_000);
    const stopping = Date.now();
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(5000);
    expect(bot.output()).toContain('"msg":"stopped"');
    expect(bot.output()).not.toContain(api.token);
  });

  it("then a bad variable is named and the exit code is not zero", async () => {
    const bot = startBotProcess(dir, { BOT_TOKEN: api.token, FETCH_CRON: "every ten minutes" });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain("FETCH_CRON");
  });

  it("then a token Telegram refuses stops it with one clear line, nothing left running, and without printing the token", async () => {
    const bot = startBotProcess(dir, { BOT_TOKEN: "999:WRONG-token-value", TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: join(dir, "other.db"), CATALOG_FILE: join(dir, "catalog.yaml") });
    expect(await bot.exited).toBe(1);
    // A start that fails half-way (the database open, the workers started): one line, and the process ends by itself.
    expect(bot.lines().filter((l) => l.level === 60).map((l) => l.msg)).toEqual(["could not start: BOT_TOKEN was rejected by Telegram (401 Unauthorized); check the token @BotFather gave you"]);
    expect(bot.output()).not.toContain("left running");
    expect(bot.output()).not.toContain("WRONG-token-value");
  });
});

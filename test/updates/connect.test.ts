import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectToTelegram, TokenRejectedError } from "../../src/updates/connect.js";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.js";
import { recordingLog } from "../helpers/recording-log.js";


describe("connectToTelegram", () => {
  let api: FakeBotApi;
  beforeAll(async () => {
    api = await startFakeBotApi();
  });
  afterAll(() => api.close());

  it("answers with the bot's identity when Telegram answers", async () => {
    const { log, lines } = recordingLog();
    const me = await connectToTelegram({ api: new Api(api.token, { apiRoot: api.apiRoot }), log, apiRoot: api.apiRoot, signal: new AbortController().signal });
    expect(me?.username).toBe(api.botInfo.username);
    expect(lines.filter((l) => l.level === 40)).toEqual([]);
  });

  it("warns at each failed try with the API root and the cause, doubling the wait up to a minute, until Telegram answers", async () => {
    const { log, lines } = recordingLog();
    await api.goOffline();
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      if (waits.length === 9) await api.goOnline();
    };
    const me = await connectToTelegram({ api: new Api(api.token, { apiRoot: api.apiRoot }), log, apiRoot: api.apiRoot, signal: new AbortController().signal, sleep });
    expect(me?.username).toBe(api.botInfo.username);
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    const warnings = lines.filter((l) => l.level === 40);
    expect(warnings).toHaveLength(9);
    expect(warnings[0]).toMatchObject({ apiRoot: api.apiRoot, cause: "ECONNREFUSED", attempt: 1, retryInS: 1 });
    expect(String(warnings[0]?.msg)).toBe(`cannot reach Telegram at ${api.apiRoot} (ECONNREFUSED); retrying`);
  });

  it("names the host when DNS fails, and says 'timed out' when Telegram does not answer in time", async () => {
    const { log, lines } = recordingLog();
    const stop = new AbortController();
    const sleep = async () => stop.abort();
    expect(await connectToTelegram({ api: new Api(api.token, { apiRoot: "http://api.telegram.invalid" }), log, apiRoot: "http://api.telegram.invalid", signal: stop.signal, sleep })).toBeUndefined();
    expect(String(lines[0]?.cause)).toMatch(/^(ENOTFOUND|EAI_AGAIN) api\.telegram\.invalid$/);

    const silent = await import("node:http").then(({ createServer }) => createServer(() => undefined));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const root = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    const again = new AbortController();
    try {
      await connectToTelegram({ api: new Api(api.token, { apiRoot: root }), log, apiRoot: root, signal: again.signal, sleep: async () => again.abort(), timeoutMs: 100 });
      expect(lines.at(-1)).toMatchObject({ cause: "timed out" });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it("throws TokenRejectedError at once when Telegram rejects the token, and never shows it", async () => {
    const { log, lines } = recordingLog();
    const error = await connectToTelegram({ api: new Api("999:WRONG-secret-part", { apiRoot: api.apiRoot }), log, apiRoot: api.apiRoot, signal: new AbortController().signal, sleep: () => Promise.reject(new Error("must not wait")) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRejectedError);
    expect((error as Error).message).toBe("BOT_TOKEN was rejected by Telegram (401 Unauthorized); check the token @BotFather gave you");
    expect(lines).toEqual([]);
  });

  it("gives up quietly when stopped while waiting", async () => {
    const { log } = recordingLog();
    await api.goOffline();
    try {
      const stop = new AbortController();
      const result = await connectToTelegram({ api: new Api(api.token, { apiRoot: api.apiRoot }), log, apiRoot: api.apiRoot, signal: stop.signal, sleep: async () => stop.abort() });
      expect(result).toBeUndefined();
    } finally {
      await api.goOnline();
    }
  });
});

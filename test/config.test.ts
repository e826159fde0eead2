import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_CATALOG_FILE, loadConfig } from "../src/config.js";

const TOKEN = "7654321:AAH-secret_Token-Value";

/** Runs loadConfig and returns the ConfigError it throws (fails the test if it does not throw one). */
function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe("loadConfig", () => {
  it("uses the documented defaults when only BOT_TOKEN is set", () => {
    expect(loadConfig({ BOT_TOKEN: TOKEN })).toMatchObject({
      botToken: TOKEN,
      telegramApiRoot: "https://api.telegram.org",
      databasePath: "./data/news-digest.db",
      catalogFile: DEFAULT_CATALOG_FILE,
      fetchCron: "*/10 * * * *",
      digestCron: "* * * * *",
      logLevel: "info",
      fetchTimeoutMs: 20_000,
      fetchMaxBytes: 10 * 1024 * 1024,
      fetchConcurrency: 8,
    });
  });

  it("treats empty variables as unset and trims values", () => {
    const config = loadConfig({ BOT_TOKEN: `  ${TOKEN}\n`, LOG_LEVEL: "", FETCH_CRON: "   ", DATABASE_PATH: " /tmp/x.db " });
    expect(config.botToken).toBe(TOKEN);
    expect(config.logLevel).toBe("info");
    expect(config.fetchCron).toBe("*/10 * * * *");
    expect(config.databasePath).toBe("/tmp/x.db");
  });

  it("reads every variable that is set", () => {
    const config = loadConfig({
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: "http://localhost:8081/",
      DATABASE_PATH: "/var/lib/bot.db",
      CATALOG_FILE: "./my-catalog.yaml",
      FETCH_CRON: "*/5 * * * *",
      DIGEST_CRON: "*/30 * * * * *",
      LOG_LEVEL: "DEBUG",
      FETCH_TIMEOUT_MS: "5000",
      FETCH_MAX_BYTES: "2048",
      FETCH_CONCURRENCY: "2",
    });
    expect(config).toMatchObject({
      botToken: TOKEN,
      telegramApiRoot: "http://localhost:8081",
      databasePath: "/var/lib/bot.db",
      catalogFile: "./my-catalog.yaml",
      fetchCron: "*/5 * * * *",
      digestCron: "*/30 * * * * *",
      logLevel: "debug",
      fetchTimeoutMs: 5000,
      fetchMaxBytes: 2048,
      fetchConcurrency: 2,
    });
  });

  it.each([{}, { BOT_TOKEN: "" }, { BOT_TOKEN: "   " }])("requires BOT_TOKEN (%j)", (env) => {
    const error = configError(env);
    expect(error.variable).toBe("BOT_TOKEN");
    expect(error.message).toContain("BOT_TOKEN");
    expect(error.name).toBe("ConfigError");
  });

  it.each(["my secret token", "abc:def", "123456", "123456:token with spaces"])(
    "rejects a malformed BOT_TOKEN without repeating it (%j)",
    (token) => {
      const error = configError({ BOT_TOKEN: token });
      expect(error.variable).toBe("BOT_TOKEN");
      expect(error.message).toContain("BOT_TOKEN");
      expect(error.message).not.toContain(token);
      expect(error.stack ?? "").not.toContain(token);
    },
  );

  it.each([
    ["FETCH_CRON", "every ten minutes"],
    ["FETCH_CRON", "* * *"],
    ["FETCH_CRON", "61 * * * *"],
    ["FETCH_CRON", "* * * * * * *"],
    ["DIGEST_CRON", "*/0 * * * *"],
    ["DIGEST_CRON", "* 25 * * *"],
    ["LOG_LEVEL", "verbose"],
    ["LOG_LEVEL", "warning"],
    ["FETCH_TIMEOUT_MS", "abc"],
    ["FETCH_TIMEOUT_MS", "10s"],
    ["FETCH_TIMEOUT_MS", "-5"],
    ["FETCH_TIMEOUT_MS", "1.5"],
    ["FETCH_TIMEOUT_MS", "50"],
    ["FETCH_TIMEOUT_MS", "99999999999"],
    ["FETCH_MAX_BYTES", "lots"],
    ["FETCH_CONCURRENCY", "0"],
    ["FETCH_CONCURRENCY", "1000"],
    ["TELEGRAM_API_ROOT", "not a url"],
    ["TELEGRAM_API_ROOT", "ftp://example.com"],
    ["ADMIN_CHAT_IDS", "alice,bob"],
    ["ADMIN_CHAT_IDS", "123, 45x"],
    ["ADMIN_CHAT_IDS", "1.5"],
    ["BOT_MODE", "websocket"],
    ["HTTP_PORT", "http"],
    ["HTTP_PORT", "70000"],
    ["METRICS_TOKEN", "short"],
    ["METRICS_TOKEN", "has spaces in the middle of it"],
  ])("names %s when it is %j, and never shows the token", (variable, value) => {
    const error = configError({ BOT_TOKEN: TOKEN, [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}:`)).toBe(true);
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).not.toContain(TOKEN.split(":")[1]);
  });

  it("reads ADMIN_CHAT_IDS as a comma-separated list of chat ids, negative group ids included", () => {
    expect(loadConfig({ BOT_TOKEN: TOKEN, ADMIN_CHAT_IDS: "12345, -1001234567890" })).toMatchObject({ adminChatIds: [12345, -1001234567890] });
    expect(loadConfig({ BOT_TOKEN: TOKEN })).toMatchObject({ adminChatIds: [] });
  });

  it("accepts the limits of the numeric ranges", () => {
    expect(loadConfig({ BOT_TOKEN: TOKEN, FETCH_TIMEOUT_MS: "100" }).fetchTimeoutMs).toBe(100);
    expect(loadConfig({ BOT_TOKEN: TOKEN, FETCH_TIMEOUT_MS: "600000" }).fetchTimeoutMs).toBe(600_000);
    expect(loadConfig({ BOT_TOKEN: TOKEN, FETCH_CONCURRENCY: "1" }).fetchConcurrency).toBe(1);
    expect(loadConfig({ BOT_TOKEN: TOKEN, FETCH_CONCURRENCY: "64" }).fetchConcurrency).toBe(64);
  });

  it("does not read process.env behind the caller's back", () => {
    const saved = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = "nonsense";
    try {
      expect(loadConfig({ BOT_TOKEN: TOKEN }).logLevel).toBe("info");
    } finally {
      if (saved === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = saved;
    }
  });

  describe("running as a service", () => {
    const webhookEnv = { BOT_TOKEN: TOKEN, BOT_MODE: "webhook", WEBHOOK_URL: "https://bot.example.com/tg/update", WEBHOOK_SECRET: "s3cret_Value-1" };

    it("polls by default, with no HTTP server unless HTTP_PORT is set", () => {
      const config = loadConfig({ BOT_TOKEN: TOKEN });
      expect(config.botMode).toBe("polling");
      expect(config.http).toBeUndefined();
      expect(config.webhook).toBeUndefined();
      expect(loadConfig({ BOT_TOKEN: TOKEN, HTTP_PORT: "9100" }).http).toEqual({ host: "0.0.0.0", port: 9100 });
      expect(loadConfig({ BOT_TOKEN: TOKEN, HTTP_PORT: "9100", HTTP_HOST: "127.0.0.1" }).http).toEqual({ host: "127.0.0.1", port: 9100 });
    });

    it("in webhook mode serves on 8080 by default and keeps the URL and secret", () => {
      const config = loadConfig(webhookEnv);
      expect(config.botMode).toBe("webhook");
      expect(config.webhook).toEqual({ url: "https://bot.example.com/tg/update", secret: "s3cret_Value-1" });
      expect(config.http).toEqual({ host: "0.0.0.0", port: 8080 });
      expect(loadConfig({ ...webhookEnv, BOT_MODE: "WEBHOOK" }).botMode).toBe("webhook");
    });

    it.each([
      ["WEBHOOK_URL", undefined],
      ["WEBHOOK_URL", "http://bot.example.com/tg"],
      ["WEBHOOK_URL", "bot.example.com/tg"],
      ["WEBHOOK_SECRET", undefined],
      ["WEBHOOK_SECRET", "has space"],
      ["WEBHOOK_SECRET", "x".repeat(257)],
      ["WEBHOOK_SECRET", "ünïcode"],
    ])("in webhook mode names %s when it is %j, and never shows the secret", (variable, value) => {
      const error = configError({ ...webhookEnv, [variable]: value });
      expect(error.variable).toBe(variable);
      if (variable === "WEBHOOK_SECRET" && value !== undefined) expect(error.message).not.toContain(value);
    });

    it("accepts a secret of exactly 256 characters, and a metrics token without echoing a bad one", () => {
      expect(loadConfig({ ...webhookEnv, WEBHOOK_SECRET: "a".repeat(256) }).webhook?.secret).toHaveLength(256);
      expect(loadConfig({ BOT_TOKEN: TOKEN, METRICS_TOKEN: "0123456789abcdef" }).metricsToken).toBe("0123456789abcdef");
      expect(configError({ BOT_TOKEN: TOKEN, METRICS_TOKEN: "tiny-secret" }).message).not.toContain("tiny-secret");
    });
  });
});

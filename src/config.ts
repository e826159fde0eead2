import { fileURLToPath } from "node:url";
import { validate as validateCron } from "node-cron";
import { defaultPoolSize } from "./feeds/parse-pool.js";

export interface Config {
  botToken: string;
  telegramApiRoot: string;
  databasePath: string;
  catalogFile: string;
  fetchCron: string;
  digestCron: string;
  logLevel: LogLevel;
  fetchTimeoutMs: number;
  fetchMaxBytes: number;
  fetchConcurrency: number;
  feedsAllowPrivate: boolean;
  adminChatIds: number[];
  articleRetentionDays: number;
  /** Messages a second over all chats. */
  telegramRate: number;
  /** Articles a digest shows under one topic. */
  digestMaxPerTopic: number;
  /** Worker threads that parse feeds; 0 parses on the main thread. */
  parseWorkers: number;
  /** How updates reach the bot: long polling, or Telegram's POSTs to WEBHOOK_URL. */
  botMode: BotMode;
  /** Webhook mode only: the public https URL and the secret Telegram sends with every update. */
  webhook?: { url: string; secret: string };
  /** The HTTP server (health, metrics, webhook); off when undefined. */
  http?: { host: string; port: number };
  /** Lets clients other than loopback read /metrics with `Authorization: Bearer <token>`. */
  metricsToken?: string;
}

export type BotMode = "polling" | "webhook";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_CATALOG_FILE = fileURLToPath(new URL("./catalog/default-catalog.yaml", import.meta.url));

/** A configuration value that cannot be used; the message names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates the environment once; throws ConfigError on the first bad variable. */
export function loadConfig(env: Env): Config {
  return {
    botToken: botToken(env),
    telegramApiRoot: url(env, "TELEGRAM_API_ROOT", "https://api.telegram.org"),
    databasePath: text(env, "DATABASE_PATH", "./data/news-digest.db"),
    catalogFile: loadCatalogFile(env),
    fetchCron: cron(env, "FETCH_CRON", "*/10 * * * *"),
    digestCron: cron(env, "DIGEST_CRON", "* * * * *"),
    logLevel: logLevel(env),
    fetchTimeoutMs: integer(env, "FETCH_TIMEOUT_MS", 20_000, 100, 600_000),
    fetchMaxBytes: integer(env, "FETCH_MAX_BYTES", 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    fetchConcurrency: integer(env, "FETCH_CONCURRENCY", 8, 1, 64),
    feedsAllowPrivate: boolean(env, "FEEDS_ALLOW_PRIVATE", false),
    adminChatIds: chatIdList(env, "ADMIN_CHAT_IDS"),
    articleRetentionDays: integer(env, "ARTICLE_RETENTION_DAYS", 30, 1, 3650),
    // Telegram allows about 30 a second; up to 1000 with paid broadcasts (allow_paid_broadcast).
    telegramRate: integer(env, "TELEGRAM_RATE", 25, 1, 1000),
    digestMaxPerTopic: integer(env, "DIGEST_MAX_PER_TOPIC", 10, 1, 200),
    parseWorkers: integer(env, "PARSE_WORKERS", defaultPoolSize(), 0, 16),
    ...service(env),
  };
}

/** BOT_MODE and what it needs: the webhook's URL and secret, the HTTP server, the metrics token. */
function service(env: Env): Pick<Config, "botMode" | "webhook" | "http" | "metricsToken"> {
  const mode = (raw(env, "BOT_MODE") ?? "polling").toLowerCase();
  if (mode !== "polling" && mode !== "webhook") throw new ConfigError("BOT_MODE", `must be polling or webhook; got ${JSON.stringify(mode)}`);
  const webhook = mode === "webhook" ? { url: webhookUrl(env), secret: webhookSecret(env) } : undefined;
  // Webhook mode needs the server for Telegram's POSTs; polling runs one only when asked (health checks, metrics).
  const port = raw(env, "HTTP_PORT") === undefined && mode === "polling" ? undefined : integer(env, "HTTP_PORT", 8080, 0, 65_535);
  const metricsToken = raw(env, "METRICS_TOKEN");
  // Never echo a secret's value.
  if (metricsToken !== undefined && !/^[\x21-\x7e]{16,256}$/.test(metricsToken)) {
    throw new ConfigError("METRICS_TOKEN", "must be 16 to 256 visible ASCII characters, without spaces");
  }
  return {
    botMode: mode,
    ...(webhook ? { webhook } : {}),
    ...(port !== undefined ? { http: { host: text(env, "HTTP_HOST", "0.0.0.0"), port } } : {}),
    ...(metricsToken !== undefined ? { metricsToken } : {}),
  };
}

function webhookUrl(env: Env): string {
  const value = raw(env, "WEBHOOK_URL");
  if (value === undefined) throw new ConfigError("WEBHOOK_URL", "is required when BOT_MODE is webhook (the public https URL Telegram posts updates to)");
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError("WEBHOOK_URL", `is not a URL: ${JSON.stringify(value)}`);
  }
  // Telegram delivers webhooks over https only.
  if (parsed.protocol !== "https:") throw new ConfigError("WEBHOOK_URL", "must be an https URL (Telegram only posts to https)");
  return parsed.href;
}

function webhookSecret(env: Env): string {
  const value = raw(env, "WEBHOOK_SECRET");
  if (value === undefined) throw new ConfigError("WEBHOOK_SECRET", "is required when BOT_MODE is webhook (1–256 characters of A–Z, a–z, 0–9, _ and -)");
  // Telegram's own rule for secret_token; never echo the value.
  if (!/^[A-Za-z0-9_-]{1,256}$/.test(value)) throw new ConfigError("WEBHOOK_SECRET", "must be 1–256 characters of A–Z, a–z, 0–9, _ and -");
  return value;
}

/** Only the catalog's path, for tools that manage the catalog without running the bot. */
export function loadCatalogFile(env: Env): string {
  return text(env, "CATALOG_FILE", DEFAULT_CATALOG_FILE);
}

function raw(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === "" ? undefined : value;
}

function botToken(env: Env): string {
  const value = raw(env, "BOT_TOKEN");
  if (value === undefined) throw new ConfigError("BOT_TOKEN", "is required (the token @BotFather gave you)");
  // Never echo the value: it is a secret.
  if (!/^\d+:[\w-]+$/.test(value)) throw new ConfigError("BOT_TOKEN", "does not look like a bot token (digits, a colon, then letters)");
  return value;
}

function text(env: Env, name: string, fallback: string): string {
  return raw(env, name) ?? fallback;
}

function url(env: Env, name: string, fallback: string): string {
  const value = raw(env, name) ?? fallback;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `is not a URL: ${JSON.stringify(value)}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new ConfigError(name, "must be an http or https URL");
  return value.replace(/\/+$/, "");
}

function cron(env: Env, name: string, fallback: string): string {
  const value = raw(env, name) ?? fallback;
  const fields = value.split(/\s+/).length;
  if ((fields !== 5 && fields !== 6) || !validateCron(value)) {
    throw new ConfigError(name, `is not a valid cron expression (five or six fields): ${JSON.stringify(value)}`);
  }
  return value;
}

function logLevel(env: Env): LogLevel {
  const value = (raw(env, "LOG_LEVEL") ?? "info").toLowerCase();
  const level = LOG_LEVELS.find((l) => l === value);
  if (!level) throw new ConfigError("LOG_LEVEL", `must be one of ${LOG_LEVELS.join(", ")}; got ${JSON.stringify(value)}`);
  return level;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new ConfigError(name, `must be a whole number; got ${JSON.stringify(value)}`);
  const n = Number(value);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}; got ${n}`);
  return n;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const value = raw(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (["true", "1", "yes"].includes(value)) return true;
  if (["false", "0", "no"].includes(value)) return false;
  throw new ConfigError(name, `must be true or false; got ${JSON.stringify(value)}`);
}

function chatIdList(env: Env, name: string): number[] {
  const value = raw(env, name);
  if (value === undefined) return [];
  return value.split(",").map((part) => {
    const id = part.trim();
    if (!/^-?\d+$/.test(id)) throw new ConfigError(name, `must be a comma-separated list of chat ids; ${JSON.stringify(id)} is not one`);
    return Number(id);
  });
}

import { existsSync } from "node:fs";
import { startApp, StartCancelled } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";

/** A stop that takes longer is cut short: whatever is still open then is not worth a hung process. */
const FORCED_EXIT_MS = 10_000;

/** The only place that starts anything: config → logger → app (database, bot, jobs) → stop on a signal. */
async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const secret = config.botToken.split(":")[1] ?? config.botToken;
  const log = createLogger(config.logLevel, [config.botToken, secret]);

  // Signals are heard from the first moment: a stop while Telegram is still out of reach ends the start cleanly.
  const starting = new AbortController();
  const app = startApp(config, { log, signal: starting.signal, onFatal: () => process.exit(1) });
  const shutdown = (signal: string) => {
    log.info({ signal }, "shutting down");
    setTimeout(() => {
      log.error({ afterMs: FORCED_EXIT_MS }, "stop took too long; exiting");
      process.exit(1);
    }, FORCED_EXIT_MS).unref();
    starting.abort();
    // A start cut short has unwound itself by the time it rejects; a finished one is stopped.
    void app.then((running) => running.stop(), () => undefined).then(() => process.exit(0));
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));

  try {
    await app;
  } catch (error) {
    if (error instanceof StartCancelled) return; // shutdown() exits
    // The app has stopped what it had started; one line says why.
    log.fatal(`could not start: ${error instanceof Error ? error.message : String(error)}`);
    // With nothing left running the process ends by itself; the timer (which does not hold it) is a safety net.
    process.exitCode = 1;
    setTimeout(() => {
      log.error("something was left running after a failed start; exiting");
      process.exit(1);
    }, 5000).unref();
  }
}

void main();

import { existsSync } from "node:fs";
import type { App } from "./app.js";
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
  const log = createLogger(config.logLevel, [config.botToken, secret, config.webhook?.secret, config.metricsToken].filter((s) => s !== undefined));

  // Heard before anything starts: with no handler, a signal during start-up would kill the process (or, as PID 1 in a
  // container, be ignored).
  const starting = new AbortController();
  let app: Promise<App> | undefined;
  let stopping = false;
  const shutdown = (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, "shutting down");
    setTimeout(() => {
      log.error({ afterMs: FORCED_EXIT_MS }, "stop took too long; exiting");
      process.exit(1);
    }, FORCED_EXIT_MS).unref();
    starting.abort();
    // A start cut short has unwound itself by the time it rejects; a finished one is stopped; none begun, nothing to stop.
    const ended = app
      ? app.then(
          (running) => running.stop().then(() => exitCode),
          (error: unknown) => (error instanceof Error && error.name === "StartCancelled" ? exitCode : 1),
        )
      : Promise.resolve(exitCode);
    void ended.then((code) => process.exit(code));
  };
  process.once("SIGINT", () => shutdown("SIGINT", 0));
  process.once("SIGTERM", () => shutdown("SIGTERM", 0));

  // Loaded only now, with the handlers in place: importing the app (grammY, drizzle, the rest) takes most of a second.
  const { startApp } = await import("./app.js");
  if (stopping) return; // a signal while loading: nothing was started
  app = startApp(config, { log, signal: starting.signal, onFatal: () => shutdown("Telegram refused the bot", 1) });
  try {
    await app;
  } catch (error) {
    if (stopping) return; // shutdown() exits
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

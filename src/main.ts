import { existsSync } from "node:fs";
import { startApp } from "./app.js";
import { CatalogError } from "./catalog/load-catalog.js";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";

/** The only place that starts anything: config → logger → app (database, bot, jobs) → shutdown on a signal. */
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
  let app;
  try {
    app = await startApp(config, {
      log,
      onFatal: () => process.exit(1),
    });
  } catch (error) {
    const message = error instanceof CatalogError ? error.message : `could not start: ${error instanceof Error ? error.message : String(error)}`;
    log.fatal(message);
    process.exitCode = 1;
    return;
  }
  const shutdown = (signal: string) => {
    log.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    void app.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

void main();

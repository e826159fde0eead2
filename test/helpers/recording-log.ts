import type { Logger } from "pino";
import { createLogger } from "../../src/logger.js";

/** A logger at debug level whose lines are kept, parsed, for the test to read. */
export function recordingLog(secrets: readonly string[] = []): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return { lines, log: createLogger("debug", secrets, (line) => lines.push(JSON.parse(line) as Record<string, unknown>)) };
}

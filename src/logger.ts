import { pino, type Logger } from "pino";
import type { LogLevel } from "./config.js";

/**
 * A JSON logger whose every line has the given secrets blanked out before it is written. Redacting the finished line,
 * not known fields, also catches a token inside a library's error message or a URL.
 */
export function createLogger(level: LogLevel, secrets: readonly string[], write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  const hidden = secrets.filter((s) => s.length >= 8);
  const destination = {
    write(line: string) {
      let clean = line;
      for (const secret of hidden) clean = clean.replaceAll(secret, "[redacted]");
      write(clean);
    },
  };
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

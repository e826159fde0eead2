import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = join(import.meta.dirname, "..", "..");

export interface BotProcess {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr. */
  output(): string;
  /** The log lines printed so far, parsed (lines that are not JSON are left out). */
  lines(): Record<string, unknown>[];
  exited: Promise<number | null>;
}

const running: ChildProcess[] = [];

/** Runs the bot as `npm start` does (tsx src/main.ts), with only the given environment, in `cwd`. */
export function startBotProcess(cwd: string, env: Record<string, string>): BotProcess {
  // node with tsx's loader, not the tsx CLI: a signal (SIGKILL included) then reaches the bot itself.
  const loader = pathToFileURL(join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;
  const child = spawn(process.execPath, ["--import", loader, join(ROOT, "src", "main.ts")], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  running.push(child);
  const lines = () =>
    out.split("\n").flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  return { child, output: () => out, lines, exited };
}

/** Kills every bot process a test left running (afterAll): a failed test must not leave a bot behind. */
export function killBotProcesses(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

/** Waits for `condition`, polling every 50 ms. */
export async function waitFor(condition: () => boolean, timeoutMs: number, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A loopback port that was free a moment ago, for HTTP_PORT. */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

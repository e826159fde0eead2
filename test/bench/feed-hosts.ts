/**
 * Starts the benchmark's feed servers in a child process (serve-feeds.ts), so serving costs neither the measured
 * event loop nor its memory, much as real publishers' servers would not.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ReadyMessage } from "./serve-feeds.js";

export interface FeedHosts extends ReadyMessage {
  close(): Promise<void>;
}

const SERVER_SCRIPT = fileURLToPath(new URL("./serve-feeds.ts", import.meta.url));

export async function startFeedHosts(): Promise<FeedHosts> {
  // The child inherits the TypeScript loader (tsx) from execArgv, but not --cpu-prof: only this process is profiled.
  const child = fork(SERVER_SCRIPT, [], { execArgv: withoutCpuProf(process.execArgv), stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    child.once("message", (message) => resolve(message as ReadyMessage));
    child.once("error", reject);
    void exited.then(() => reject(new Error(`the feed server process exited (code ${child.exitCode}) before it was ready`)));
  });
  return {
    ...ready,
    close: async () => {
      if (child.connected) child.send("close");
      await exited;
    },
  };
}

/** execArgv without --cpu-prof and its options (`--cpu-prof-dir=DIR` or `--cpu-prof-dir DIR`). */
export function withoutCpuProf(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    if (!arg.startsWith("--cpu-prof")) out.push(arg);
    else if (arg !== "--cpu-prof" && !arg.includes("=")) i++; // skip the option's value
  }
  return out;
}

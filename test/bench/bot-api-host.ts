/** Starts the delivery benchmark's fake Bot API in a child process (serve-bot-api.ts). */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { FloodLimits } from "../helpers/fake-bot-api.js";
import { withoutCpuProf } from "./feed-hosts.js";
import type { BotApiReady, BotApiReport } from "./serve-bot-api.js";

export interface BotApiHost extends BotApiReady {
  report(): Promise<BotApiReport>;
  close(): Promise<void>;
}

const SERVER_SCRIPT = fileURLToPath(new URL("./serve-bot-api.ts", import.meta.url));

export async function startBotApiHost(limits: FloodLimits): Promise<BotApiHost> {
  const child = fork(SERVER_SCRIPT, [JSON.stringify(limits)], { execArgv: withoutCpuProf(process.execArgv), stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      child.once("message", (message) => resolve(message as T));
      void exited.then(() => reject(new Error(`the fake Bot API process exited (code ${child.exitCode})`)));
    });
  const ready = await next<BotApiReady>();
  return {
    ...ready,
    report: () => {
      const answer = next<BotApiReport>();
      child.send("report");
      return answer;
    },
    close: async () => {
      if (child.connected) child.send("close");
      await exited;
    },
  };
}

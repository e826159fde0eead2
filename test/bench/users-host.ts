/** Starts the commands benchmark's fake Bot API and its users in a child process (serve-users.ts). */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { FloodLimits } from "../helpers/fake-bot-api.js";
import { withoutCpuProf } from "./feed-hosts.js";
import type { ActionResult, UserAction, UsersReady } from "./serve-users.js";

type Request = UserAction extends infer A ? (A extends { id: number } ? Omit<A, "id"> : never) : never;

export interface UsersHost extends UsersReady {
  /** Runs one action in the child and resolves with its result; rejects with the child's error. */
  act(action: Request): Promise<ActionResult>;
  close(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL("./serve-users.ts", import.meta.url));

/**
 * The harness takes one core at most, and only what the bot leaves: on two cores, the child's garbage collector
 * otherwise ran four helper threads beside its main thread and kept the bot's thread waiting for a core for up to
 * 17 ms at a time (perf sched). A real Bot API runs on someone else's machine.
 */
const HARNESS_FLAGS = ["--single-threaded-gc"];

export async function startUsers(limits: FloodLimits): Promise<UsersHost> {
  const child = fork(SCRIPT, [JSON.stringify(limits)], { execArgv: [...withoutCpuProf(process.execArgv), ...HARNESS_FLAGS], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = await new Promise<UsersReady>((resolve, reject) => {
    child.once("message", (message) => resolve(message as UsersReady));
    void exited.then(() => reject(new Error(`the fake Bot API process exited (code ${child.exitCode})`)));
  });
  const waiting = new Map<number, { resolve: (result: ActionResult) => void; reject: (error: Error) => void }>();
  child.on("message", (message: ActionResult) => {
    const waiter = waiting.get(message.id);
    if (!waiter) return;
    waiting.delete(message.id);
    if (message.error) waiter.reject(new Error(message.error));
    else waiter.resolve(message);
  });
  void exited.then(() => {
    for (const waiter of waiting.values()) waiter.reject(new Error("the fake Bot API process exited"));
  });
  let nextId = 0;
  return {
    ...ready,
    act: (action) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        child.send({ ...action, id });
      }),
    close: async () => {
      if (child.connected) child.send("close");
      await exited;
    },
  };
}

import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startFakeBotApi, type FakeBotApi } from "./fake-bot-api.js";
import { rssFeed, startFeedServer, type FeedServer } from "./feed-server.js";

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

/** A port that was free a moment ago on every interface (as the bot may listen), for HTTP_PORT. */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ProcessFixture {
  api: FakeBotApi;
  feeds: FeedServer;
  /** A scratch folder with catalog.yaml: one feed, Wire, with one article. */
  dir: string;
  close(): Promise<void>;
}

/** What a bot process needs around it: the fake Bot API, a feed server with one feed, a folder with its catalog. */
export async function startProcessFixture(): Promise<ProcessFixture> {
  const api = await startFakeBotApi();
  const feeds = await startFeedServer();
  feeds.route("/feed.xml", { body: rssFeed({ title: "Wire", items: [{ guid: "1", title: "Parliament sits late", link: "https://news.example/1", pubDate: new Date() }] }) });
  const dir = mkdtempSync(join(tmpdir(), "news-digest-process-"));
  writeFileSync(join(dir, "catalog.yaml"), `feeds:\n  - url: ${feeds.url("/feed.xml")}\n    name: Wire\n`);
  return {
    api, feeds, dir,
    async close() {
      killBotProcesses();
      await api.close();
      await feeds.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

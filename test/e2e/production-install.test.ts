/**
 * What the container image runs, without a container (there is no Docker engine here or in CI):
 * the files .docker/Dockerfile copies, a production-only `npm ci`, and the image's own CMD and
 * ENV, read from the Dockerfile so that the two cannot drift apart.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.js";
import { rssFeed, startFeedServer, type FeedServer } from "../helpers/feed-server.js";
import { freePort, waitFor } from "../helpers/bot-process.js";

const ROOT = join(import.meta.dirname, "..", "..");
/** npm and the bot: killed in afterAll if a test fails or times out with them still running. */
const running: ChildProcess[] = [];

interface Image {
  /** Paths COPY takes from the build context, over all stages. */
  copied: string[];
  /** The final stage's WORKDIR, ENV and CMD. */
  workdir: string;
  env: Record<string, string>;
  cmd: string[];
  /** HEALTHCHECK's command, exec form. */
  healthcheck: string[];
}

/** Just enough of a Dockerfile parser for .docker/Dockerfile: continuations, comments, COPY, WORKDIR, ENV key=value, CMD and HEALTHCHECK in exec form. */
function readDockerfile(text: string): Image {
  const instructions = text
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  const image: Image = { copied: [], workdir: "/", env: {}, cmd: [], healthcheck: [] };
  for (const line of instructions) {
    const [keyword = "", ...rest] = line.split(/\s+/);
    const args = line.slice(keyword.length).trim();
    switch (keyword.toUpperCase()) {
      case "FROM": // a new stage: only the last one's settings count
        image.workdir = "/";
        image.env = {};
        image.cmd = [];
        image.healthcheck = [];
        break;
      case "WORKDIR":
        image.workdir = args;
        break;
      case "ENV":
        for (const pair of rest) {
          const eq = pair.indexOf("=");
          if (eq < 1) throw new Error(`ENV without key=value: ${line}`);
          image.env[pair.slice(0, eq)] = pair.slice(eq + 1);
        }
        break;
      case "COPY": {
        if (rest.some((word) => word.startsWith("--from"))) break; // from another stage, not the context
        const paths = rest.filter((word) => !word.startsWith("--"));
        image.copied.push(...paths.slice(0, -1));
        break;
      }
      case "CMD":
        image.cmd = JSON.parse(args) as string[];
        break;
      case "HEALTHCHECK": {
        const command = /\bCMD\s+(\[.*\])$/.exec(args)?.[1];
        if (command === undefined) throw new Error(`HEALTHCHECK without CMD in exec form: ${line}`);
        image.healthcheck = JSON.parse(command) as string[];
        break;
      }
    }
  }
  return image;
}

/** The environment npm gave this run (`npm test`) names this project; the inner npm must find its own. */
function npmEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^npm_(package_|lifecycle_|command$|config_local_prefix$|config_call$)/i.test(name) || name === "INIT_CWD") delete env[name];
  }
  return env;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    running.push(child);
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${out}`))));
  });
}

/** Runs the image's HEALTHCHECK command as Docker does; its exit code (0 healthy, 1 unhealthy). */
function healthcheck(command: string[], env: Record<string, string>): Promise<number> {
  const [program, ...args] = command;
  if (program !== "node") throw new Error(`HEALTHCHECK runs ${program}, which the slim image may not have`);
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env, timeout: 5000 }, (error) => resolve(error ? (typeof error.code === "number" ? error.code : -1) : 0));
  });
}


describe("When the bot is installed and started as the container image does", () => {
  const image = readDockerfile(readFileSync(join(ROOT, ".docker", "Dockerfile"), "utf8"));
  let dir: string;
  /** Stands for the image's WORKDIR (/app). */
  let app: string;
  let api: FakeBotApi;
  let feeds: FeedServer;
  let installMs = 0;

  beforeAll(async () => {
    api = await startFakeBotApi();
    feeds = await startFeedServer();
    feeds.route("/feed.xml", { body: rssFeed({ title: "Wire", items: [{ guid: "1", title: "Parliament sits late", link: "https://news.example/1", pubDate: new Date() }] }) });
    dir = mkdtempSync(join(tmpdir(), "news-digest-image-"));
    app = join(dir, "app");
    mkdirSync(app);
    writeFileSync(join(dir, "catalog.yaml"), `feeds:\n  - url: ${feeds.url("/feed.xml")}\n    name: Wire\n`);

    // Exactly what the Dockerfile takes from the build context.
    for (const path of image.copied) cpSync(join(ROOT, path), join(app, path), { recursive: true });

    // The image's `npm ci --omit=dev`, made fast without changing what is installed:
    // --offline: only the npm cache, which `npm ci` in the project has just filled (CI runs this
    //   right after it, on a clean clone), so nothing is fetched and an incomplete cache fails loudly;
    // --ignore-scripts: better-sqlite3's install script would compile SQLite again (about a
    //   minute on two cores); its compiled addon is copied from the project instead, below.
    //   esbuild, which tsx runs on, needs no script: its binary is the optional package
    //   @esbuild/<platform>, which npm installs like any other.
    const started = Date.now();
    await run("npm", ["ci", "--omit=dev", "--offline", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], app, npmEnvironment());
    installMs = Date.now() - started;

    // The project's addon fits: the same better-sqlite3 version (one lockfile), built on this
    // machine for this Node (node-gyp records the ABI, NODE_MODULE_VERSION, in config.gypi).
    const built = join(ROOT, "node_modules", "better-sqlite3");
    const installed = join(app, "node_modules", "better-sqlite3");
    const version = (folder: string) => (JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as { version: string }).version;
    expect(version(installed), "better-sqlite3 in the project and in the production install").toBe(version(built));
    const gypi = join(built, "build", "config.gypi");
    if (existsSync(gypi)) {
      const abi = /"node_module_version":\s*(\d+)/.exec(readFileSync(gypi, "utf8"))?.[1];
      expect(abi, "the project's better-sqlite3 was built for another Node; run npm ci again").toBe(process.versions.modules);
    }
    mkdirSync(join(installed, "build", "Release"), { recursive: true });
    // Only the addon: the rest of build/ is node-gyp's intermediate objects (17 MB).
    copyFileSync(join(built, "build", "Release", "better_sqlite3.node"), join(installed, "build", "Release", "better_sqlite3.node"));
  }, 120_000);

  afterAll(async () => {
    // A failed test must not leave npm or a bot running, nor the folder behind.
    for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await api?.close();
    await feeds?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("then the image holds only the dependencies, the source, the migrations and tsconfig.json, and no devDependency", () => {
    expect([...new Set(image.copied)].sort()).toEqual(["migrations", "package-lock.json", "package.json", "src", "tsconfig.json"]);
    expect(image.cmd).toEqual(["node", "--import", "tsx", "src/main.ts"]);

    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
    const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
    // As `npm ls --omit=dev` reads the lockfile: "dev" is needed by devDependencies only and must be absent;
    // "devOptional" is also an optional dependency of a production one, which npm installs.
    const devOnly = Object.keys(lock.packages).filter((path) => lock.packages[path]?.dev === true);
    expect(devOnly.length).toBeGreaterThan(0);
    expect(devOnly.filter((path) => existsSync(join(app, path)))).toEqual([]);
    for (const name of ["vitest", "typescript", "drizzle-kit"]) expect(existsSync(join(app, "node_modules", name)), name).toBe(false);
    const present = Object.keys(pkg.devDependencies).filter((name) => existsSync(join(app, "node_modules", name)));
    // Today: @types/better-sqlite3 (an optional peer of drizzle-orm) and @types/node (its dependency).
    for (const name of present) expect(lock.packages[`node_modules/${name}`]?.devOptional, `${name} is installed for production`).toBe(true);

    // tsx, and esbuild's binary, come from the production install itself.
    const fromApp = createRequire(join(app, "package.json"));
    expect(relative(app, fromApp.resolve("tsx/package.json")).split(sep)[0]).toBe("node_modules");
    expect(existsSync(join(app, "node_modules", "@esbuild", `${process.platform}-${process.arch}`))).toBe(true);
    // The temporary folder is outside the project: nothing can be resolved from its node_modules.
    expect(relative(ROOT, app).startsWith("..")).toBe(true);
  });

  it("then the image's command answers /start, its HEALTHCHECK passes, and SIGTERM stops it with exit code 0", async () => {
    expect(image.workdir).toBe("/app");
    const port = await freePort();
    // The image's ENV, with its paths under /app moved to the folder that stands for it.
    const imageEnv = Object.fromEntries(Object.entries(image.env).map(([k, v]) => [k, v.startsWith(`${image.workdir}/`) ? join(app, v.slice(image.workdir.length + 1)) : v]));
    expect(imageEnv).toMatchObject({ NODE_ENV: "production", HTTP_PORT: "8080" });
    const env = {
      PATH: process.env.PATH ?? "",
      ...imageEnv,
      HTTP_PORT: String(port),
      BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      CATALOG_FILE: join(dir, "catalog.yaml"),
      FEEDS_ALLOW_PRIVATE: "true",
    };
    const [command, ...args] = image.cmd;
    expect(command).toBe("node");
    // Before the bot: its addon loads on this Node from the production install.
    execFileSync(process.execPath, ["-e", "new (require('better-sqlite3'))(':memory:').close()"], { cwd: app, env });

    const child = spawn(process.execPath, args, { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] });
    running.push(child);
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    // A bot that stops early, or never answers, fails the test at once and shows what it printed.
    const early = exited.then((code) => Promise.reject(new Error(`the bot exited with ${code} before it was stopped`)));
    early.catch(() => {});
    const whileRunning = <T>(step: Promise<T>): Promise<T> =>
      Promise.race([step, early]).catch((error: unknown) => Promise.reject(new Error(`${error instanceof Error ? error.message : String(error)}\n--- the bot's output ---\n${out}`)));

    await whileRunning(api.waitForPolling(20_000));
    api.sendUserMessage(7007, "/start", { first_name: "Ada" });
    const welcome = await whileRunning(api.waitForMessage(7007, (m) => m.plainText.includes("Hi Ada"), 10_000));
    expect(welcome.inlineKeyboard?.length).toBeGreaterThan(0);
    await whileRunning(waitFor(() => out.includes('"msg":"feeds polled"'), 10_000));
    expect(existsSync(join(app, "data", "news-digest.db"))).toBe(true);

    // The HTTP server (/healthz, /readyz, /metrics) runs in polling mode because the image sets HTTP_PORT.
    expect(await healthcheck(image.healthcheck, env)).toBe(0);
    // It listens on every interface (HTTP_HOST's default), not only 127.0.0.1, or a published port
    // would reach nothing: 127.0.0.2 is loopback too, but only a wildcard listener answers there.
    const health = await fetch(`http://127.0.0.2:${port}/healthz`);
    expect(health.status).toBe(200);

    const stopping = Date.now();
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(10_000);
    expect(out).toContain('"msg":"stopped"');
    expect(out).not.toContain(api.token);
    // Not a check that passes whatever happens: with the bot gone, the image is unhealthy.
    expect(await healthcheck(image.healthcheck, env)).toBe(1);
    process.stdout.write(`production install: npm ci --omit=dev took ${installMs} ms\n`);
  }, 60_000);
});

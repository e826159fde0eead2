import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/catalog/cli.js";
import { loadCatalog } from "../../src/catalog/load-catalog.js";
import { parseOpml } from "../../src/catalog/opml.js";

const ROOT = join(import.meta.dirname, "..", "..");
const DEFAULT_CATALOG = join(ROOT, "src", "catalog", "default-catalog.yaml");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as `npm run catalog` does (tsx src/catalog/cli.ts), in `cwd`, with only PATH and `env` set. */
function runCliProcess(cwd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = spawn(process.execPath, [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), join(ROOT, "src", "catalog", "cli.ts"), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs the CLI in this process, as the script does but with its own folder, environment and output. */
function runCliHere(cwd: string, args: string[], env: Record<string, string> = {}): Run {
  let stdout = "";
  let stderr = "";
  const code = runCli(args, { cwd, env, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

const SUBSCRIPTIONS = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Reader export</title></head>
  <body>
    <outline text="World">
      <outline text="Wire &amp; Co" title="Wire &amp; Co" type="rss" xmlUrl="https://wire.example/rss?a=1&amp;b=2" category="/Politics,/Region/Europe"/>
    </outline>
    <outline text="Gadgets">
      <outline text="Ars" type="rss" xmlUrl="https://feeds.arstechnica.com/arstechnica/index" category="/Technology"/>
    </outline>
    <outline text="Old" type="rss" xmlUrl="gopher://old.example/feed"/>
  </body>
</opml>
`;

describe("npm run catalog", () => {
  let dir: string;
  let catalogFile: string;
  const env = () => ({ CATALOG_FILE: catalogFile });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "news-digest-catalog-cli-"));
    catalogFile = join(dir, "catalog.yaml");
    copyFileSync(DEFAULT_CATALOG, catalogFile);
    writeFileSync(join(dir, "subscriptions.opml"), SUBSCRIPTIONS);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("import adds the new feeds with their known topics, notes the rest and keeps the file's comments", () => {
    const before = readFileSync(catalogFile, "utf8");
    const run = runCliHere(dir, ["import", "subscriptions.opml"], env());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Added 1 feed");
    expect(run.stdout).toContain("1 feed already in it skipped");
    expect(run.stderr).toContain("note: left out categories that are not topics of the catalog: Europe");
    expect(run.stderr).toContain("gopher://old.example/feed");
    const after = readFileSync(catalogFile, "utf8");
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toBe("  - url: https://wire.example/rss?a=1&b=2\n    name: Wire & Co\n    topics: [World, Politics]\n");
    expect(loadCatalog(catalogFile).feeds).toHaveLength(loadCatalog(DEFAULT_CATALOG).feeds.length + 1);
  });

  it("import of the same file again adds nothing and leaves the catalog as it was", () => {
    runCliHere(dir, ["import", "subscriptions.opml"], env());
    const before = readFileSync(catalogFile, "utf8");
    const run = runCliHere(dir, ["import", "subscriptions.opml"], env());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Added 0 feeds");
    expect(readFileSync(catalogFile, "utf8")).toBe(before);
  });

  it("export prints the catalog's feeds as OPML, and importing that into an empty catalog gives the same feeds", () => {
    const exported = runCliHere(dir, ["export"], env());
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<opml version="2.0">\n  <head>\n    <title>/);
    expect(exported.stdout).toContain(
      `<outline type="rss" text="The Kyiv Independent" title="The Kyiv Independent" xmlUrl="https://kyivindependent.com/news-archive/rss/" category="/Ukraine"/>`,
    );
    const original = loadCatalog(DEFAULT_CATALOG).feeds;
    expect(parseOpml(exported.stdout).map((f) => f.url)).toEqual(original.map((f) => f.url));

    writeFileSync(join(dir, "export.opml"), exported.stdout);
    writeFileSync(catalogFile, "feeds: []\n");
    const imported = runCliHere(dir, ["import", "export.opml"], env());
    expect(imported.code).toBe(0);
    expect(imported.stderr).toBe("");
    expect(loadCatalog(catalogFile).feeds).toEqual(original);
  });

  it("round-trips nameless feeds, awkward names and a catalog's own topics", () => {
    const topics = "topics:\n  - name: Local News\n    keywords: [council]\n  - name: Sport & Games\n    categories: [sport]\n";
    writeFileSync(
      catalogFile,
      `feeds:\n  - url: https://a.example/rss\n  - url: https://b.example/feed?x=1&y=2\n    name: "Tom's \\"<Daily>\\" & Co"\n    topics: [Local News, Sport & Games]\n${topics}`,
    );
    const original = loadCatalog(catalogFile).feeds;
    const exported = runCliHere(dir, ["export"], env());
    writeFileSync(join(dir, "export.opml"), exported.stdout);
    writeFileSync(catalogFile, `feeds: []\n${topics}`);
    const imported = runCliHere(dir, ["import", "export.opml"], env());
    expect(imported.code).toBe(0);
    expect(loadCatalog(catalogFile).feeds).toEqual(original);
  });

  it("takes CATALOG_FILE from a .env file in the working folder", () => {
    writeFileSync(join(dir, ".env"), "CATALOG_FILE=./catalog.yaml\n");
    writeFileSync(catalogFile, "feeds:\n  - url: https://only.example/rss\n    name: Only One\n");
    const run = runCliHere(dir, ["export"]);
    expect(run.code).toBe(0);
    expect(parseOpml(run.stdout)).toEqual([{ url: "https://only.example/rss", name: "Only One", topics: [] }]);
  });

  it.each([
    ["malformed XML", `<opml version="2.0"><body><outline text="x" xmlUrl="https://x.example/"></body></opml>`, /malformed OPML at line 1/],
    ["an RSS feed instead of OPML", `<?xml version="1.0"?><rss version="2.0"><channel/></rss>`, /not an OPML file: the root element is <rss>/],
  ])("import of %s fails with exit code 1 and leaves the catalog untouched", (_what, content, message) => {
    writeFileSync(join(dir, "bad.opml"), content);
    const before = readFileSync(catalogFile, "utf8");
    const run = runCliHere(dir, ["import", "bad.opml"], env());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain("bad.opml");
    expect(readFileSync(catalogFile, "utf8")).toBe(before);
  });

  it("import of a missing file fails with exit code 1", () => {
    const run = runCliHere(dir, ["import", "missing.opml"], env());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("missing.opml cannot be read (ENOENT)");
  });

  it("a broken catalog fails import and export with exit code 1, naming the catalog", () => {
    writeFileSync(catalogFile, "feeds:\n  - url: ftp://nope.example/\n");
    for (const args of [["export"], ["import", "subscriptions.opml"]]) {
      const run = runCliHere(dir, args, env());
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`catalog ${catalogFile}: feeds[0].url must be http or https`);
    }
    expect(readFileSync(catalogFile, "utf8")).toBe("feeds:\n  - url: ftp://nope.example/\n");
  });

  it.each([[[]], [["import"]], [["import", "a.opml", "b.opml"]], [["export", "extra"]], [["merge", "x"]]])(
    "bad arguments %j print the usage line and exit with code 2",
    (args) => {
      const run = runCliHere(dir, args, env());
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^usage: npm run catalog -- import FILE\.opml/);
      expect(run.stdout).toBe("");
    },
  );
});

/** The script itself, started as npm starts it: the exit code, the process's environment and output. */
describe("npm run catalog, as a process", { timeout: 30_000 }, () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "news-digest-catalog-cli-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("exports the catalog that CATALOG_FILE in the working folder's .env names, exit code 0", async () => {
    writeFileSync(join(dir, ".env"), "CATALOG_FILE=./catalog.yaml\n");
    writeFileSync(join(dir, "catalog.yaml"), "feeds:\n  - url: https://only.example/rss\n    name: Only One\n");
    const run = await runCliProcess(dir, ["export"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(parseOpml(run.stdout)).toEqual([{ url: "https://only.example/rss", name: "Only One", topics: [] }]);
  });

  it("names a broken catalog as CATALOG_FILE gave it, exit code 1", async () => {
    writeFileSync(join(dir, "catalog.yaml"), "feeds:\n  - url: ftp://nope.example/\n");
    const run = await runCliProcess(dir, ["export"], { CATALOG_FILE: "./catalog.yaml" });
    expect(run).toEqual({ code: 1, stdout: "", stderr: "catalog ./catalog.yaml: feeds[0].url must be http or https: ftp://nope.example/\n" });
  });
});

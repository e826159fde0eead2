import { existsSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseEnv } from "node:util";
import { loadCatalogFile } from "../config.js";
import { addFeeds } from "./add-feeds.js";
import { CatalogError, loadCatalog } from "./load-catalog.js";
import { OpmlError, parseOpml, toOpml } from "./opml.js";

const USAGE = "usage: npm run catalog -- import FILE.opml | npm run catalog -- export > FILE.opml";
const EXPORT_TITLE = "News digest catalog";

/** The OPML file could not be read; the message names it. */
class FileError extends Error {}

/** Exit codes: 0 done, 1 a file could not be read or used, 2 wrong arguments. */
export type ExitCode = 0 | 1 | 2;

/** Where the CLI runs: the process's own by default; tests run it in process with their own. */
export interface CliIo {
  /** The working folder: relative paths and the .env file are found there. */
  cwd: string;
  /** The environment; a .env file in `cwd` fills in what it does not set, as process.loadEnvFile would. */
  env: Record<string, string | undefined>;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** `npm run catalog -- …` with `args`, against `io`; returns the exit code. */
export function runCli(args: readonly string[], io: CliIo): ExitCode {
  const [command, file, ...extra] = args;
  if (command === "--help" || command === "-h") {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (command === "import" && file !== undefined && extra.length === 0) return withCatalogFile(io, (catalogFile) => importOpml(io, file, catalogFile));
  if (command === "export" && file === undefined) return withCatalogFile(io, (catalogFile) => exportOpml(io, catalogFile));
  io.stderr(`${USAGE}\n`);
  return 2;
}

function withCatalogFile(io: CliIo, run: (catalogFile: string) => void): ExitCode {
  const dotEnv = pathIn(io, ".env");
  const env = existsSync(dotEnv) ? { ...parseEnv(readFileSync(dotEnv, "utf8")), ...io.env } : io.env;
  const catalogFile = loadCatalogFile(env);
  try {
    run(catalogFile);
    return 0;
  } catch (error) {
    if (!(error instanceof CatalogError || error instanceof OpmlError || error instanceof FileError)) throw error;
    io.stderr(`${error.message}\n`);
    return 1;
  }
}

// Files are named in messages as the user gave them.
function importOpml(io: CliIo, opmlFile: string, catalogFile: string): void {
  const opml = readText(pathIn(io, opmlFile), (problem) => new FileError(`${opmlFile} ${problem}`));
  let feeds;
  try {
    feeds = parseOpml(opml);
  } catch (error) {
    if (error instanceof OpmlError) throw new OpmlError(`${opmlFile}: ${error.message}`);
    throw error;
  }
  const catalogError = (problem: string) => new CatalogError(catalogFile, problem);
  const catalogPath = pathIn(io, catalogFile);
  const result = addFeeds(readText(catalogPath, catalogError), feeds, catalogError);
  const note = (message: string) => io.stderr(`note: ${message}\n`);
  if (result.invalidUrls.length > 0) note(`skipped feeds whose URL is not http or https: ${result.invalidUrls.join(", ")}`);
  if (result.unknownTopics.length > 0) note(`left out categories that are not topics of the catalog: ${result.unknownTopics.join(", ")}`);
  if (result.added > 0) writeText(catalogPath, result.text, catalogError);
  const skipped = result.skipped > 0 ? `; ${count(result.skipped, "feed")} already in it skipped` : "";
  io.stdout(`Added ${count(result.added, "feed")} from ${opmlFile} to ${catalogFile}${skipped}.\n`);
}

function exportOpml(io: CliIo, catalogFile: string): void {
  io.stdout(toOpml(loadCatalog(pathIn(io, catalogFile)).feeds, EXPORT_TITLE));
}

/** A file named relative to the working folder; as given in the process's own folder, so loadCatalog's messages name
 * it as the user did. */
function pathIn(io: CliIo, file: string): string {
  return io.cwd === process.cwd() ? file : resolve(io.cwd, file);
}

function readText(file: string, fail: (problem: string) => Error): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw fail(`cannot be read (${errorCode(error)})`);
  }
}

function writeText(file: string, text: string, fail: (problem: string) => Error): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw fail(`cannot be written (${errorCode(error)})`);
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** True when this file is the script node runs (npm run catalog), not a module imported by a test. */
function isMain(): boolean {
  const script = process.argv[1];
  return script !== undefined && existsSync(script) && import.meta.url === pathToFileURL(realpathSync(script)).href;
}

if (isMain()) {
  const io: CliIo = {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
  // Set rather than exit so that a long export on stdout is fully written first.
  process.exitCode = runCli(process.argv.slice(2), io);
}

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { loadCatalogFile } from "../config.js";
import { addFeeds } from "./add-feeds.js";
import { CatalogError, loadCatalog } from "./load-catalog.js";
import { OpmlError, parseOpml, toOpml } from "./opml.js";

const USAGE = "usage: npm run catalog -- import FILE.opml | npm run catalog -- export > FILE.opml";
const EXPORT_TITLE = "News digest catalog";

/** The OPML file could not be read; the message names it. */
class FileError extends Error {}

/** Exit codes: 0 done, 1 a file could not be read or used, 2 wrong arguments. */
type ExitCode = 0 | 1 | 2;

function main(args: readonly string[]): ExitCode {
  const [command, file, ...extra] = args;
  if (command === "--help" || command === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command === "import" && file !== undefined && extra.length === 0) return withCatalogFile((catalogFile) => importOpml(file, catalogFile));
  if (command === "export" && file === undefined) return withCatalogFile(exportOpml);
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

function withCatalogFile(run: (catalogFile: string) => void): ExitCode {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const catalogFile = loadCatalogFile(process.env);
  try {
    run(catalogFile);
    return 0;
  } catch (error) {
    if (!(error instanceof CatalogError || error instanceof OpmlError || error instanceof FileError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
}

function importOpml(opmlFile: string, catalogFile: string): void {
  const opml = readText(opmlFile, (problem) => new FileError(`${opmlFile} ${problem}`));
  let feeds;
  try {
    feeds = parseOpml(opml);
  } catch (error) {
    if (error instanceof OpmlError) throw new OpmlError(`${opmlFile}: ${error.message}`);
    throw error;
  }
  const catalogError = (problem: string) => new CatalogError(catalogFile, problem);
  const result = addFeeds(readText(catalogFile, catalogError), feeds, catalogError);
  if (result.invalidUrls.length > 0) note(`skipped feeds whose URL is not http or https: ${result.invalidUrls.join(", ")}`);
  if (result.unknownTopics.length > 0) note(`left out categories that are not topics of the catalog: ${result.unknownTopics.join(", ")}`);
  if (result.added > 0) writeText(catalogFile, result.text, catalogError);
  const skipped = result.skipped > 0 ? `; ${count(result.skipped, "feed")} already in it skipped` : "";
  process.stdout.write(`Added ${count(result.added, "feed")} from ${opmlFile} to ${catalogFile}${skipped}.\n`);
}

function exportOpml(catalogFile: string): void {
  process.stdout.write(toOpml(loadCatalog(catalogFile).feeds, EXPORT_TITLE));
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

function note(message: string): void {
  process.stderr.write(`note: ${message}\n`);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

// Set rather than exit so that a long export on stdout is fully written first.
process.exitCode = main(process.argv.slice(2));

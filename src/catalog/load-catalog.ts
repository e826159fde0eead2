import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { BUILTIN_TOPICS, type TopicDefinition } from "../topics/builtin-topics.js";

export interface CatalogFeed {
  url: string;
  name?: string;
  topics: string[];
}

export interface Catalog {
  feeds: CatalogFeed[];
  topics: TopicDefinition[];
}

/** The catalog file is unusable; the message says where. */
export class CatalogError extends Error {
  constructor(file: string, problem: string) {
    super(`catalog ${file}: ${problem}`);
    this.name = "CatalogError";
  }
}

export function loadCatalog(file: string): Catalog {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new CatalogError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new CatalogError(file, `is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  return parseCatalog(data, (problem) => new CatalogError(file, problem));
}

/** Validates catalog data (already parsed from YAML); `fail` builds the error to throw. */
export function parseCatalog(data: unknown, fail: (problem: string) => Error): Catalog {
  if (!isRecord(data)) throw fail("must be a mapping with a `feeds:` list");
  if (!Array.isArray(data.feeds)) throw fail("`feeds:` must be a list");
  const topics = data.topics === undefined || data.topics === null ? BUILTIN_TOPICS : parseTopics(data.topics, fail);
  const topicNames = new Set(topics.map((t) => t.name.toLowerCase()));
  const seen = new Set<string>();
  const feeds = data.feeds.map((entry, i): CatalogFeed => {
    const where = `feeds[${i}]`;
    if (!isRecord(entry)) throw fail(`${where} must be a mapping with a \`url\``);
    const url = parseFeedUrl(entry.url, `${where}.url`, fail);
    if (seen.has(url)) throw fail(`${where}.url ${url} is listed twice`);
    seen.add(url);
    const feedTopics = stringList(entry.topics, `${where}.topics`, fail);
    for (const name of feedTopics) {
      if (!topicNames.has(name.toLowerCase())) throw fail(`${where}.topics names "${name}", which is not a topic of this catalog`);
    }
    const name = entry.name === undefined ? undefined : nonEmptyString(entry.name, `${where}.name`, fail);
    return name === undefined ? { url, topics: feedTopics } : { url, name, topics: feedTopics };
  });
  return { feeds, topics };
}

function parseTopics(value: unknown, fail: (problem: string) => Error): TopicDefinition[] {
  if (!Array.isArray(value)) throw fail("`topics:` must be a list");
  const names = new Set<string>();
  return value.map((entry, i) => {
    const where = `topics[${i}]`;
    if (!isRecord(entry)) throw fail(`${where} must be a mapping with a \`name\``);
    const name = nonEmptyString(entry.name, `${where}.name`, fail);
    if (name.length > 40) throw fail(`${where}.name is longer than 40 characters`);
    if (names.has(name.toLowerCase())) throw fail(`${where}.name "${name}" is listed twice`);
    names.add(name.toLowerCase());
    const categories = stringList(entry.categories, `${where}.categories`, fail);
    const keywords = stringList(entry.keywords, `${where}.keywords`, fail);
    const exclude = stringList(entry.exclude, `${where}.exclude`, fail);
    return { name, categories, keywords, exclude };
  });
}

function parseFeedUrl(value: unknown, where: string, fail: (problem: string) => Error): string {
  const text = nonEmptyString(value, where, fail);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw fail(`${where} is not a URL: ${text}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw fail(`${where} must be http or https: ${text}`);
  return url.href;
}

function nonEmptyString(value: unknown, where: string, fail: (problem: string) => Error): string {
  if (typeof value !== "string" && typeof value !== "number") throw fail(`${where} must be text`);
  const text = String(value).trim();
  if (text === "") throw fail(`${where} must not be empty`);
  return text;
}

function stringList(value: unknown, where: string, fail: (problem: string) => Error): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw fail(`${where} must be a list`);
  return value.map((item, i) => nonEmptyString(item, `${where}[${i}]`, fail));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

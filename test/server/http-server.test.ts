import { Agent } from "node:http";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { startHttpServer, type HttpServer, type HttpServerOptions, type Readiness } from "../../src/server/http-server.js";
import { createMetrics } from "../../src/server/metrics.js";
import { firstStatus, rawConnection, request } from "./client.js";
import { parseFamilies, parseSamples, sample } from "./prom-text.js";

const SECRET = "webhook-secret-0123456789";
const HOOK = "/telegram/hook-path";
const READY: Readiness = { ready: true, checks: { database: { ok: true } } };

interface Harness {
  server: HttpServer;
  logs: string[];
  updates: Update[];
}

const running: HttpServer[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
});

async function start(overrides: Partial<HttpServerOptions> = {}): Promise<Harness> {
  const logs: string[] = [];
  const updates: Update[] = [];
  const server = await startHttpServer({
    host: "127.0.0.1",
    port: 0,
    log: createLogger("debug", [], (line) => logs.push(line)),
    readiness: () => READY,
    metrics: { contentType: "text/plain; version=0.0.4; charset=utf-8", render: async () => "up 1\n" },
    webhook: { path: HOOK, secret: SECRET, onUpdate: (update) => updates.push(update) > 0 },
    ...overrides,
  });
  running.push(server);
  return { server, logs, updates };
}

function postUpdate(server: HttpServer, body: string, headers: Record<string, string | number> = { "X-Telegram-Bot-Api-Secret-Token": SECRET }) {
  return request(`${server.url}${HOOK}`, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body });
}

const UPDATE = { update_id: 123456, message: { message_id: 1, date: 1, chat: { id: 42, type: "private" }, text: "/start" } };

describe("health and readiness", () => {
  it("answers /healthz with 200 while running, for GET and HEAD, and ignores a query", async () => {
    const { server } = await start();
    const get = await request(`${server.url}/healthz`);
    expect(get.status).toBe(200);
    expect(get.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(JSON.parse(get.body)).toEqual({ status: "ok" });
    const head = await request(`${server.url}/healthz`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
    expect((await request(`${server.url}/healthz?probe=1`)).status).toBe(200);
    expect((await request(`${server.url}/healthz`, { method: "POST" })).status).toBe(404);
  });

  it("answers /readyz with 200 when ready and 503 naming the failing check otherwise", async () => {
    let readiness: Readiness = READY;
    const { server, logs } = await start({ readiness: () => readiness });
    const ready = await request(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toEqual(READY);

    readiness = { ready: false, checks: { database: { ok: true }, telegram: { ok: false, detail: "getMe failed" } } };
    const notReady = await request(`${server.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(JSON.parse(notReady.body)).toEqual(readiness);
    // The change is logged once, not at every probe.
    await request(`${server.url}/readyz`);
    expect(logs.filter((line) => line.includes('"not ready"'))).toHaveLength(1);
    expect(logs.find((line) => line.includes('"not ready"'))).toContain('"failing":["telegram"]');
  });

  it("answers 503 with the error's message when readiness throws, rejects or hangs", async () => {
    let readiness: () => Readiness | Promise<Readiness> = () => {
      throw new Error("database is closed");
    };
    const { server } = await start({ readiness: () => readiness(), readinessTimeoutMs: 50 });
    const thrown = await request(`${server.url}/readyz`);
    expect(thrown.status).toBe(503);
    expect(JSON.parse(thrown.body)).toEqual({ ready: false, checks: { readiness: { ok: false, detail: "database is closed" } } });

    readiness = () => Promise.reject(new Error("no answer from SQLite"));
    expect(JSON.parse((await request(`${server.url}/readyz`)).body).checks.readiness.detail).toBe("no answer from SQLite");

    readiness = () => new Promise<Readiness>(() => undefined);
    const hung = await request(`${server.url}/readyz`);
    expect(hung.status).toBe(503);
    expect(JSON.parse(hung.body).checks.readiness.detail).toMatch(/did not finish within 50 ms/);
  });

  it("answers 404 to unknown paths without echoing the request", async () => {
    const { server } = await start();
    for (const path of ["/", "/nope", "/%3Cscript%3Ealert(1)%3C/script%3E", "/healthz/extra", "/metricsx"]) {
      const reply = await request(`${server.url}${path}`);
      expect(reply.status).toBe(404);
      expect(JSON.parse(reply.body)).toEqual({ error: "not found" });
    }
  });
});

describe("/metrics", () => {
  it("serves the bot's metrics to a loopback client, and the counts move", async () => {
    let depth = 3;
    const metrics = createMetrics({ outboxDepth: () => depth });
    const { server } = await start({ metrics });

    const before = await request(`${server.url}/metrics`);
    expect(before.status).toBe(200);
    expect(before.headers["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
    const families = parseFamilies(before.body);
    expect(Object.fromEntries([...families].filter(([name]) => name.startsWith("news_digest_")))).toEqual({
      news_digest_feed_polls_total: "counter",
      news_digest_feed_poll_duration_seconds: "histogram",
      news_digest_articles_stored_total: "counter",
      news_digest_digests_composed_total: "counter",
      news_digest_messages_total: "counter",
      news_digest_update_duration_seconds: "histogram",
      news_digest_update_errors_total: "counter",
      news_digest_outbox_depth: "gauge",
      news_digest_outbox_depth_read_failures_total: "counter",
    });
    expect(families.get("process_cpu_seconds_total")).toBe("counter");
    const start0 = parseSamples(before.body);
    expect(sample(start0, 'news_digest_messages_total{outcome="migrated"}')).toBe(0);
    expect(sample(start0, "news_digest_outbox_depth")).toBe(3);

    metrics.feedPolled("stored", 0.2);
    metrics.articlesStored(7);
    metrics.messageSent("429");
    depth = 11;
    const after = parseSamples((await request(`${server.url}/metrics`)).body);
    expect(sample(after, 'news_digest_feed_polls_total{outcome="stored"}')).toBe(1);
    expect(sample(after, 'news_digest_feed_poll_duration_seconds_bucket{le="0.25",outcome="stored"}')).toBe(1);
    expect(sample(after, "news_digest_articles_stored_total")).toBe(7);
    expect(sample(after, 'news_digest_messages_total{outcome="429"}')).toBe(1);
    expect(sample(after, "news_digest_outbox_depth")).toBe(11);
  });

  it("is GET only, and answers 500 (logged) when rendering fails", async () => {
    const { server, logs } = await start({ metrics: { contentType: "text/plain", render: () => Promise.reject(new Error("registry broke")) } });
    expect((await request(`${server.url}/metrics`, { method: "HEAD" })).status).toBe(404);
    expect((await request(`${server.url}/metrics`, { method: "POST" })).status).toBe(404);
    const failed = await request(`${server.url}/metrics`);
    expect(failed.status).toBe(500);
    expect(failed.body).not.toContain("registry broke");
    expect(logs.some((line) => line.includes('"level":50') && line.includes("registry broke"))).toBe(true);
  });
});

describe("webhook", () => {
  it("hands an update with the right secret to onUpdate and answers 200", async () => {
    const { server, updates } = await start();
    const reply = await postUpdate(server, JSON.stringify(UPDATE));
    expect(reply.status).toBe(200);
    expect(reply.body).toBe("");
    expect(updates).toEqual([UPDATE]);
  });

  it("answers 503 with Retry-After when onUpdate cannot take the update now, so Telegram delivers it again", async () => {
    const seen: number[] = [];
    const { server, logs } = await start({ webhook: { path: HOOK, secret: SECRET, onUpdate: (update) => seen.push(update.update_id) < 0 } });
    const reply = await postUpdate(server, JSON.stringify(UPDATE));
    expect(reply.status).toBe(503);
    expect(reply.headers["retry-after"]).toBe("1");
    expect(seen).toEqual([UPDATE.update_id]);
    expect(logs.filter((line) => line.includes('"level":50'))).toEqual([]);
  });

  it("refuses a wrong or missing secret with 401 and never calls onUpdate", async () => {
    const { server, updates, logs } = await start();
    const body = JSON.stringify(UPDATE);
    expect((await postUpdate(server, body, { "X-Telegram-Bot-Api-Secret-Token": "wrong-secret" })).status).toBe(401);
    expect((await postUpdate(server, body, { "X-Telegram-Bot-Api-Secret-Token": `${SECRET}x` })).status).toBe(401);
    expect((await postUpdate(server, body, { "X-Telegram-Bot-Api-Secret-Token": "" })).status).toBe(401);
    expect((await postUpdate(server, body, {})).status).toBe(401);
    expect(updates).toEqual([]);
    // Logged once (rate-limited), without the secret or what was sent.
    expect(logs.filter((line) => line.includes("secret token refused"))).toHaveLength(1);
    expect(logs.join("\n")).not.toContain(SECRET);
    expect(logs.join("\n")).not.toContain("wrong-secret");
  });

  it("answers 401 from the headers alone, without waiting for a body", async () => {
    const { server, updates } = await start();
    // Declares 10 MB and sends none of it: an answer proves the body was not read first.
    const client = await rawConnection(
      server.port,
      `POST ${HOOK} HTTP/1.1\r\nHost: x\r\nX-Telegram-Bot-Api-Secret-Token: nope\r\nContent-Length: 10000000\r\n\r\n`,
    );
    expect(firstStatus(await client.closed)).toBe(401);
    expect(updates).toEqual([]);
  });

  it("sends 100 Continue only to a client whose secret and declared length pass", async () => {
    const { server, updates } = await start({ maxBodyBytes: 1024 });
    const body = JSON.stringify(UPDATE);
    const head = (secret: string, length: number) =>
      `POST ${HOOK} HTTP/1.1\r\nHost: x\r\nX-Telegram-Bot-Api-Secret-Token: ${secret}\r\nExpect: 100-continue\r\nContent-Length: ${length}\r\n\r\n`;

    const forged = await rawConnection(server.port, head("nope", body.length));
    const forgedAnswer = await forged.closed;
    expect(firstStatus(forgedAnswer)).toBe(401);
    expect(forgedAnswer).not.toContain("100 Continue");
    const tooLong = await rawConnection(server.port, head(SECRET, 5000));
    expect(firstStatus(await tooLong.closed)).toBe(413);

    const good = await rawConnection(server.port, head(SECRET, body.length));
    const invited = await new Promise<string>((resolve) => good.socket.once("data", (chunk: Buffer) => resolve(chunk.toString("latin1"))));
    expect(invited).toMatch(/^HTTP\/1\.1 100 Continue\r\n/);
    good.socket.end(body);
    expect(await good.closed).toMatch(/HTTP\/1\.1 200 OK/);
    expect(updates).toEqual([UPDATE]);
    expect((await request(`${server.url}/healthz`, { headers: { Expect: "100-continue" } })).status).toBe(200);
  });

  it("refuses a body past maxBodyBytes with 413, by Content-Length and while streaming a chunked body", async () => {
    const { server, updates } = await start({ maxBodyBytes: 1024 });
    const big = JSON.stringify({ ...UPDATE, padding: "x".repeat(2000) });
    expect((await postUpdate(server, big)).status).toBe(413);

    // Chunked: no length to check first, so the limit applies to the bytes as they arrive.
    const client = await rawConnection(
      server.port,
      `POST ${HOOK} HTTP/1.1\r\nHost: x\r\nX-Telegram-Bot-Api-Secret-Token: ${SECRET}\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    const chunk = "y".repeat(600);
    client.socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    client.socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    expect(firstStatus(await client.closed)).toBe(413);

    // Exactly at the limit is fine.
    const exact = JSON.stringify({ ...UPDATE, padding: "" });
    const fits = JSON.stringify({ ...UPDATE, padding: "z".repeat(1024 - exact.length) });
    expect(Buffer.byteLength(fits)).toBe(1024);
    expect((await postUpdate(server, fits)).status).toBe(200);
    expect(updates).toHaveLength(1);
  });

  it("refuses bodies that are not JSON or not an update with 400", async () => {
    const { server, updates } = await start();
    for (const body of ["", "{", "not json", "[]", "null", "42", '"text"', "{}", '{"update_id":"1"}', '{"update_id":1.5}', '{"update_id":null}']) {
      const reply = await postUpdate(server, body);
      expect(reply.status, body).toBe(400);
      // A fixed message, never the body sent.
      expect(["body is not JSON", "body is not an update"]).toContain(JSON.parse(reply.body).error);
    }
    expect(updates).toEqual([]);
  });

  it("answers 500 when onUpdate throws, so Telegram delivers the update again", async () => {
    const { server, logs } = await start({
      webhook: {
        path: HOOK,
        secret: SECRET,
        onUpdate: () => {
          throw new Error("queue closed");
        },
      },
    });
    expect((await postUpdate(server, JSON.stringify(UPDATE))).status).toBe(500);
    expect(logs.some((line) => line.includes("queue closed") && line.includes('"updateId":123456'))).toBe(true);
  });

  it("answers 404 to other methods on the webhook path, and to the path when no webhook is configured", async () => {
    const { server } = await start();
    expect((await request(`${server.url}${HOOK}`)).status).toBe(404);
    expect((await request(`${server.url}${HOOK}`, { method: "PUT", headers: { "X-Telegram-Bot-Api-Secret-Token": SECRET } })).status).toBe(404);
    const { server: plain } = await start({ webhook: undefined });
    expect((await postUpdate(plain, JSON.stringify(UPDATE))).status).toBe(404);
  });

  it("rejects a webhook path that is not a path or shadows an endpoint, and an empty secret", async () => {
    const log = createLogger("silent", []);
    const base = { host: "127.0.0.1", port: 0, log, readiness: () => READY, metrics: { contentType: "text/plain", render: async () => "" } };
    const onUpdate = () => true;
    await expect(startHttpServer({ ...base, webhook: { path: "hook", secret: SECRET, onUpdate } })).rejects.toThrow(RangeError);
    await expect(startHttpServer({ ...base, webhook: { path: "/metrics", secret: SECRET, onUpdate } })).rejects.toThrow(RangeError);
    await expect(startHttpServer({ ...base, webhook: { path: HOOK, secret: "", onUpdate } })).rejects.toThrow(RangeError);
  });
});

describe("slow and hostile clients", () => {
  it("cuts off a client that sends headers and then stalls the body", async () => {
    const { server, updates } = await start({ requestTimeoutMs: 300, headersTimeoutMs: 200 });
    const started = Date.now();
    const client = await rawConnection(
      server.port,
      `POST ${HOOK} HTTP/1.1\r\nHost: x\r\nX-Telegram-Bot-Api-Secret-Token: ${SECRET}\r\nContent-Length: 100\r\n\r\n{"update_id":`,
    );
    expect(firstStatus(await client.closed)).toBe(408);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(updates).toEqual([]);
  });

  it("cuts off a client that stalls in the middle of its headers, and one that sends nothing", async () => {
    const { server } = await start({ requestTimeoutMs: 300, headersTimeoutMs: 200 });
    const started = Date.now();
    const partial = await rawConnection(server.port, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ");
    const silent = await rawConnection(server.port);
    expect(firstStatus(await partial.closed)).toBe(408);
    await silent.closed;
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("keeps serving after a flood of malformed, oversized and unauthorised requests", async () => {
    const { server, updates, logs } = await start({ maxBodyBytes: 1024 });
    const garbage = [
      "GARBAGE\r\n\r\n",
      "GET / HTTP/9.9\r\n\r\n",
      "GET /healthz HTTP/1.1\r\n\r\n", // no Host
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
      `POST ${HOOK} HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n`,
      `POST ${HOOK} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n`,
      `POST ${HOOK} HTTP/1.1\r\nHost: x\r\nX-Telegram-Bot-Api-Secret-Token: ${SECRET}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`,
      `GET /metrics HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer leaked-token-value\r\n\u0000\r\n\r\n`,
    ];
    const answers: Array<number | undefined> = [];
    for (let round = 0; round < 25; round++) {
      const clients = await Promise.all(garbage.map((bytes) => rawConnection(server.port, bytes)));
      const wrongSecret = Array.from({ length: 4 }, () => postUpdate(server, JSON.stringify(UPDATE), { "X-Telegram-Bot-Api-Secret-Token": "x" }));
      for (const client of clients) answers.push(firstStatus(await client.closed));
      for (const reply of await Promise.all(wrongSecret)) expect(reply.status).toBe(401);
    }
    // Node's parser answers each malformed request itself, through the clientError handler.
    expect(new Set(answers)).toEqual(new Set([400, 431]));

    expect((await postUpdate(server, JSON.stringify(UPDATE))).status).toBe(200);
    expect(updates).toEqual([UPDATE]);
    expect((await request(`${server.url}/healthz`)).status).toBe(200);
    expect(logs.join("\n")).not.toContain("leaked-token-value");
    expect(logs.filter((line) => line.includes('"level":50'))).toEqual([]);
  });
});

describe("stop()", () => {
  it("closes an idle keep-alive connection at once and is safe to call twice", async () => {
    const { server } = await start({ keepAliveTimeoutMs: 60_000 });
    const agent = new Agent({ keepAlive: true });
    expect((await request(`${server.url}/healthz`, { agent })).status).toBe(200);
    const started = Date.now();
    const first = server.stop();
    expect(server.stop()).toBe(first);
    await first;
    await server.stop();
    expect(Date.now() - started).toBeLessThan(500);
    await expect(request(`${server.url}/healthz`)).rejects.toThrow(/ECONNREFUSED/);
    agent.destroy();
  });

  it("resolves after the grace period when a client holds its connection open mid-request", async () => {
    const { server } = await start({ stopGraceMs: 100 });
    const stalled = await rawConnection(server.port, "GET /healthz HTTP/1.1\r\nHost: x\r\n");
    const hangingBody = await rawConnection(server.port, `POST ${HOOK} HTTP/1.1\r\nHost: x\r\nX-Telegram-Bot-Api-Secret-Token: ${SECRET}\r\nContent-Length: 10\r\n\r\n{`);
    const started = Date.now();
    await server.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    await Promise.all([stalled.closed, hangingBody.closed]);
  });

  it("lets a request in flight finish within the grace period, closing its connection after", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let arrived: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const readiness = () => {
      arrived();
      return gate.then(() => READY);
    };
    const { server } = await start({ stopGraceMs: 2_000, readinessTimeoutMs: 5_000, readiness });
    const agent = new Agent({ keepAlive: true });
    const pending = request(`${server.url}/readyz`, { agent });
    await reached;
    const stopped = server.stop();
    release();
    const reply = await pending;
    expect(reply.status).toBe(200);
    expect(reply.headers.connection).toBe("close");
    await stopped;
    agent.destroy();
  });
});

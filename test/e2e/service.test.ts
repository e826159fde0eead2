import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rssFeed } from "../helpers/feed-server.js";
import { startSlowProxy, type SlowProxy } from "../helpers/slow-proxy.js";
import { askForDigest, say, startWorld, type TestWorld } from "../helpers/test-app.js";

const SLOW_CHAT = 6001;
const SLOW_MS = 3000;

/** The value of one series in Prometheus text, e.g. `news_digest_messages_total{outcome="sent"}`. */
function metric(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("When the operator runs the bot with long polling and an HTTP port", () => {
  let world: TestWorld;
  let proxy: SlowProxy;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${world.app.http!.url}${path}`, { headers });

  beforeAll(async () => {
    world = await startWorld({
      env: { HTTP_PORT: "0", HTTP_HOST: "127.0.0.1", METRICS_TOKEN: "metrics-token-0123456789" },
      // One chat's replies answered slowly, as over a bad network: the rest must not wait for it.
      apiRoot: async (fake) => {
        proxy = await startSlowProxy(fake, ({ path, body }) => (path.endsWith("/sendMessage") && body.includes(`"chat_id":${SLOW_CHAT}`) ? SLOW_MS : 0));
        return proxy.apiRoot;
      },
      sleep: (ms, signal) => new Promise((resolve) => { const t = setTimeout(resolve, Math.min(ms, 50)); signal?.addEventListener("abort", () => { clearTimeout(t); resolve(); }); }),
      catalog: (feeds) => {
        feeds.route("/wire.xml", { body: rssFeed({ title: "Wire", items: [{ guid: "1", title: "Parliament sits late", link: "https://news.example/1", pubDate: new Date(), categories: ["Politics"] }] }) });
        return `feeds:\n  - url: ${feeds.url("/wire.xml")}\n    name: Wire\n`;
      },
    });
  });
  afterAll(async () => {
    await world?.close();
    await proxy?.close();
  });

  it("then a slow command in one chat does not hold up the reply in another", async () => {
    const since = world.api.mark();
    world.api.sendUserMessage(SLOW_CHAT, "/help");
    // Telegram has the slow chat's reply; the bot is still waiting for the answer.
    await world.api.waitForCall((c) => c.method === "sendMessage" && c.payload.chat_id === SLOW_CHAT, { since });
    const asked = Date.now();
    world.api.sendUserMessage(6002, "/help");
    const reply = await world.api.waitForCall((c) => c.method === "sendMessage" && c.payload.chat_id === 6002, { since });
    expect(reply.at - asked).toBeLessThan(1000);
  });

  it("then every getUpdates names the update types it wants", () => {
    const polls = world.api.calls.filter((c) => c.method === "getUpdates");
    expect(polls.length).toBeGreaterThan(0);
    for (const poll of polls) expect(poll.payload.allowed_updates).toEqual(["message", "callback_query"]);
  });

  it("then /healthz is 200, /readyz is 200, and anything else is 404", async () => {
    expect((await get("/healthz")).status).toBe(200);
    const ready = await get("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, checks: { database: { ok: true }, telegram: { ok: true }, feeds: { ok: true } } });
    expect((await get("/admin")).status).toBe(404);
  });

  it("then /metrics, read from loopback, counts the feeds polled, the articles, the updates and the messages sent", async () => {
    expect((await say(world, 6003, "/subscribe Politics")).plainText).toContain("Politics");
    await askForDigest(world, 6003);
    await world.app.sender.drained();
    const response = await get("/metrics");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(metric(text, 'news_digest_feed_polls_total{outcome="stored"}')).toBe(1);
    expect(metric(text, "news_digest_articles_stored_total")).toBe(1);
    expect(metric(text, 'news_digest_messages_total{outcome="sent"}')).toBeGreaterThanOrEqual(1);
    expect(metric(text, 'news_digest_update_duration_seconds_count{type="message"}')).toBeGreaterThanOrEqual(3);
    expect(metric(text, "news_digest_outbox_depth")).toBe(0);
    expect(text).toContain("process_cpu_user_seconds_total");
    // Loopback needs no token; a wrong one from loopback changes nothing either.
    expect((await get("/metrics", { authorization: "Bearer wrong" })).status).toBe(200);
  });

  it("then a flood of bad requests does not disturb delivery or replies", async () => {
    expect((await say(world, 6005, "/subscribe Politics")).plainText).toContain("Politics");
    // What each junk request must get: refusals only, never a 5xx, never a connection cut.
    const kinds = [
      { path: "/metrics", method: "POST", expected: 404 },
      { path: "/wp-login.php", method: "GET", expected: 404 },
      { path: "/healthz", method: "POST", expected: 404 },
      { path: "/healthz", method: "GET", expected: 200 },
      { path: `/x?${"q".repeat(20_000)}`, method: "GET", expected: 431 },
    ];
    const junk = Array.from({ length: 300 }, (_, i) => {
      const kind = kinds[i % kinds.length]!;
      return fetch(`${world.app.http!.url}${kind.path}`, {
        method: kind.method,
        headers: { authorization: "Bearer nope" },
        ...(kind.method === "POST" ? { body: "{".repeat(10_000) } : {}),
      }).then((r) => [kind.expected, r.status], (error: unknown) => [kind.expected, String(error)]);
    });
    const digest = await askForDigest(world, 6005);
    expect(digest.plainText).toContain("Parliament sits late");
    expect((await say(world, 6006, "/help")).plainText).toContain("/subscribe");
    const answers = await Promise.all(junk);
    expect(answers.filter(([expected, got]) => expected !== got)).toEqual([]);
    expect((await get("/healthz")).status).toBe(200);
  });

  it("then /readyz turns 503 while the Bot API is down, and 200 again once it answers", async () => {
    await world.api.goOffline();
    try {
      // Two minutes without a getUpdates answered: a user's message is waiting, and no long poll can fetch it.
      world.api.sendUserMessage(6004, "/help");
      world.clock.advance(3 * 60_000);
      const down = await get("/readyz");
      expect(down.status).toBe(503);
      const body = (await down.json()) as { checks: { telegram: { ok: boolean; detail: string } } };
      expect(body.checks.telegram.ok).toBe(false);
      expect(body.checks.telegram.detail).toContain("getUpdates");
    } finally {
      await world.api.goOnline();
    }
    // Back online, the bot's next long poll fetches the waiting message: answered, and ready again.
    await world.api.waitForMessage(6004, undefined, 10_000);
    expect((await get("/readyz")).status).toBe(200);
  });
});

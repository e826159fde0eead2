import { createServer, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { createFeedFetcher } from "../../src/feeds/fetch-feed.js";

describe("A feed fetch cancelled by a stop", () => {
  it("ends at once while the connection is still being set up, and closing the fetcher does not wait for it", async () => {
    // Accepts TCP and never answers the TLS handshake: the request hangs in its connect phase, like a DNS look-up
    // that never returns.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as { port: number }).port;
    const fetcher = createFeedFetcher({ timeoutMs: 60_000, connectTimeoutMs: 60_000, maxBytes: 1024, userAgent: "test", allowPrivate: true });
    try {
      const stop = new AbortController();
      const fetching = fetcher.fetch({ url: `https://127.0.0.1:${port}/feed.xml`, signal: stop.signal }).catch((error: unknown) => error);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const stopped = performance.now();
      stop.abort();
      expect(await fetching).toBeInstanceOf(Error);
      await fetcher.close();
      expect(performance.now() - stopped).toBeLessThan(2000);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});

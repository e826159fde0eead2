/**
 * A reverse proxy in front of the fake Bot API that holds every answer back for `delayMs` after the fake gave it: the
 * fake has recorded the call (a message is delivered) while the bot still waits for the answer, as over a slow network.
 * Lets a test kill the bot while requests are surely in flight, or slow down one chat's answers only.
 */
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SlowProxy {
  /** Use as TELEGRAM_API_ROOT. */
  readonly apiRoot: string;
  close(): Promise<void>;
}

/** How long to hold one answer back, from the request's path and body (e.g. only one chat's replies). */
export type DelayFor = (request: { path: string; body: string }) => number;

export async function startSlowProxy(target: string, delay: number | DelayFor): Promise<SlowProxy> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => proxy(req, res, Buffer.concat(chunks)));
  });
  const proxy = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const delayMs = typeof delay === "number" ? delay : delay({ path: req.url ?? "", body: body.toString() });
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (c: Buffer) => chunks.push(c));
        answer.on("end", () => {
          setTimeout(() => {
            if (res.destroyed) return;
            const headers: IncomingHttpHeaders = { ...answer.headers };
            delete headers["transfer-encoding"];
            headers["content-length"] = String(Buffer.concat(chunks).length);
            res.writeHead(answer.statusCode ?? 502, headers);
            res.end(Buffer.concat(chunks));
          }, delayMs);
        });
        answer.on("error", () => res.destroy());
      },
    );
    forward.on("error", () => res.destroy());
    // The bot went away (killed): stop waiting upstream too, so a long poll at the fake ends.
    res.on("close", () => {
      if (!res.writableFinished) forward.destroy();
    });
    forward.end(body);
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

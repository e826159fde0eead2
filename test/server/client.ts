import { request as httpRequest, type Agent, type IncomingHttpHeaders } from "node:http";
import { connect, type Socket } from "node:net";

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** Reuse connections (keep-alive); by default each request has its own connection. */
  agent?: Agent;
}

/** One HTTP request with node:http, body read whole. */
export function request(url: string, options: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? "GET", headers: options.headers, agent: options.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

export interface RawConnection {
  socket: Socket;
  /** Everything the server sent, once it closed the connection. */
  closed: Promise<string>;
}

/** A TCP connection that sends exactly the given bytes (and whatever is written later), for clients that misbehave. */
export function rawConnection(port: number, bytes: string | Buffer = ""): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port }, () => {
      if (bytes.length > 0) socket.write(bytes);
      resolve({ socket, closed });
    });
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    // A reset after the answer is fine for these tests: what matters is what arrived and that the server hung up.
    const closed = new Promise<string>((done) => socket.on("close", () => done(Buffer.concat(chunks).toString("latin1"))));
    socket.on("error", () => undefined);
    socket.once("error", reject);
  });
}

/** The status code of the first response in raw bytes, or undefined when nothing was answered. */
export function firstStatus(raw: string): number | undefined {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(raw);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

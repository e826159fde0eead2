import { parentPort } from "node:worker_threads";
import { decodeFeed } from "./decode.js";
import { parseFeed } from "./parse-feed.js";

export interface ParseRequest {
  id: number;
  body: Uint8Array;
  contentType: string | null;
  fetchedAt: number;
}

/** Decodes and parses feeds off the main thread; errors travel back as plain data. */
parentPort?.on("message", (request: ParseRequest) => {
  void (async () => {
    try {
      const feed = await parseFeed(decodeFeed(Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength), request.contentType), request.fetchedAt);
      parentPort!.postMessage({ id: request.id, feed });
    } catch (error) {
      parentPort!.postMessage({ id: request.id, error: { name: (error as Error).name, message: (error as Error).message } });
    }
  })();
});

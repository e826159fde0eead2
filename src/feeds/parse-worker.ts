import { parentPort } from "node:worker_threads";
import { parseFetched, type PrepareRequest } from "./prepare-feed.js";

export type WorkerRequest = { id: number } & Pick<PrepareRequest, "body" | "contentType" | "fetchedAt" | "url">;

/** Parses feeds off the main thread; errors travel back as plain data. */
parentPort?.on("message", (request: WorkerRequest) => {
  parseFetched(request).then(
    (feed) => parentPort!.postMessage({ id: request.id, feed }),
    (error: Error) => parentPort!.postMessage({ id: request.id, error: { name: error.name, message: error.message } }),
  );
});

parentPort?.postMessage({ ready: true });

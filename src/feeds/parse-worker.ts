import { parentPort } from "node:worker_threads";
import { TopicMatcher, type TopicRule } from "../topics/matcher.js";
import { prepareFeed, type PrepareRequest } from "./prepare-feed.js";

export type WorkerRequest = { kind: "rules"; rules: TopicRule[] } | ({ kind: "prepare"; id: number } & PrepareRequest);

let matcher = new TopicMatcher([]);

/** Prepares feeds off the main thread; errors travel back as plain data. */
parentPort?.on("message", (request: WorkerRequest) => {
  if (request.kind === "rules") {
    matcher = new TopicMatcher(request.rules);
    return;
  }
  prepareFeed(request, matcher).then(
    (feed) => parentPort!.postMessage({ id: request.id, feed }),
    (error: Error) => parentPort!.postMessage({ id: request.id, error: { name: error.name, message: error.message } }),
  );
});

parentPort?.postMessage({ ready: true });

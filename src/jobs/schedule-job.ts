import { schedule } from "node-cron";
import type { Logger } from "pino";

export interface Job {
  stop(): Promise<void>;
}

/** Runs `task` on a cron expression, never two runs at once; a failure is logged and the next run goes ahead. */
export function scheduleJob(name: string, expression: string, task: () => Promise<unknown> | unknown, log: Logger): Job {
  let running: Promise<unknown> = Promise.resolve();
  const cronTask = schedule(
    expression,
    () => {
      running = (async () => {
        try {
          await task();
        } catch (error) {
          log.error({ job: name, err: error instanceof Error ? error.message : String(error) }, "scheduled job failed");
        }
      })();
      return running;
    },
    {
      name,
      noOverlap: true,
      logger: {
        info: (message) => log.debug({ job: name }, message),
        warn: (message) => log.warn({ job: name }, message),
        error: (message) => log.error({ job: name, err: String(message) }, "scheduler error"),
        debug: (message) => log.debug({ job: name }, String(message)),
      },
    },
  );
  return {
    async stop() {
      await cronTask.stop();
      await cronTask.destroy();
      await running;
    },
  };
}

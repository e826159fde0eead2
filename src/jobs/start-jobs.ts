import type { Logger } from "pino";
import { scheduleJob, type Job } from "./schedule-job.js";

export interface JobTasks {
  pollFeeds: () => Promise<unknown>;
  runDueDigests: () => unknown;
  pruneOld: () => unknown;
}

/** When to prune: daily, at a quiet hour. */
const PRUNE_CRON = "17 3 * * *";

/** The cron wiring: each job runs a task from the folder that owns it. */
export function startJobs(schedule: { fetchCron: string; digestCron: string }, tasks: JobTasks, log: Logger): Job {
  const jobs = [
    scheduleJob("poll-feeds", schedule.fetchCron, () => tasks.pollFeeds(), log),
    scheduleJob("due-digests", schedule.digestCron, tasks.runDueDigests, log),
    scheduleJob("prune", PRUNE_CRON, tasks.pruneOld, log),
  ];
  return {
    async stop() {
      await Promise.allSettled(jobs.map((job) => job.stop()));
    },
  };
}

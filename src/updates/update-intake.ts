import type { Update } from "grammy/types";
import type { Logger } from "pino";

/** The update types the bot asks Telegram for, sent explicitly with every getUpdates and setWebhook. */
export const ALLOWED_UPDATES = ["message", "callback_query"] as const;

export interface UpdateIntake {
  /** From now on updates are handled: the bot knows who it is, and in webhook mode the webhook is set. */
  open(): void;
  /** Handles an update in the background; false when it was refused (not open yet, or stopping) and should be delivered again later. */
  accept(update: Update): boolean;
  /** Handles an update and resolves when it is done (the long-polling runner's back-pressure). */
  handle(update: Update): Promise<void>;
  /** Refuses new updates, then waits up to `graceMs` for those being handled; later calls return the same wait. */
  stop(graceMs: number): Promise<void>;
  /** The ids of the updates still being handled. */
  unfinished(): number[];
}

export interface IntakeDeps {
  bot: { handleUpdate(update: Update): Promise<void> };
  log: Logger;
  /** Called after each update with its type, the time it took and whether the middleware threw. */
  onHandled?: (type: string, seconds: number, ok: boolean) => void;
  /** Update ids remembered to recognise one delivered twice. */
  remember?: number;
}

/**
 * Where every update enters the bot, in either mode. Updates from different chats run at once and the bot's
 * `sequentialize` keeps one chat's in order; an update id seen already (Telegram delivering again) is handled once.
 */
export function createUpdateIntake(deps: IntakeDeps): UpdateIntake {
  const remember = deps.remember ?? 10_000;
  const seen = new Set<number>();
  const inFlight = new Map<Promise<void>, number>();
  let stopping: Promise<void> | undefined;
  let state: "closed" | "open" | "stopping" = "closed";
  const refused = (update: Update) => {
    deps.log.debug({ updateId: update.update_id, state }, "update refused; Telegram delivers it again later");
    return false;
  };

  const run = async (update: Update): Promise<void> => {
    const started = performance.now();
    let ok = true;
    try {
      await deps.bot.handleUpdate(update);
    } catch (error) {
      // The bot's own error handler logs what middleware throws; this is what escaped it.
      ok = false;
      deps.log.error({ updateId: update.update_id, err: error instanceof Error ? error.message : String(error) }, "an update could not be handled");
    } finally {
      deps.onHandled?.(updateType(update), (performance.now() - started) / 1000, ok);
    }
  };

  const handle = (update: Update): Promise<void> => {
    if (seen.has(update.update_id)) {
      deps.log.debug({ updateId: update.update_id }, "update delivered twice; handled once");
      return Promise.resolve();
    }
    seen.add(update.update_id);
    // A Set iterates in insertion order: the oldest id goes first.
    if (seen.size > remember) seen.delete(seen.values().next().value!);
    const task = run(update);
    inFlight.set(task, update.update_id);
    void task.finally(() => inFlight.delete(task));
    return task;
  };

  return {
    open() {
      if (state === "closed") state = "open";
    },
    accept(update) {
      if (state !== "open") return refused(update);
      void handle(update);
      return true;
    },
    handle(update) {
      if (state !== "open") {
        refused(update);
        return Promise.resolve();
      }
      return handle(update);
    },
    stop(graceMs) {
      state = "stopping";
      return (stopping ??= (async () => {
        if (inFlight.size === 0) return;
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
        await Promise.race([Promise.allSettled([...inFlight.keys()]), timeout]);
        clearTimeout(timer);
        if (inFlight.size > 0) deps.log.warn({ updates: inFlight.size }, "stopped while updates were still being handled");
      })());
    },
    unfinished: () => [...inFlight.values()],
  };
}

/** The update's kind ("message", "callback_query"…): the one key besides update_id. */
export function updateType(update: Update): string {
  return Object.keys(update).find((key) => key !== "update_id") ?? "unknown";
}

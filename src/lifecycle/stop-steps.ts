import type { Logger } from "pino";

export interface StopSteps {
  /** Registers how to undo what was just started; steps run in the reverse order of registration. */
  add(name: string, step: () => Promise<unknown> | unknown): void;
  /** Runs every step, newest first, each awaited on its own: a failing step is logged and the next runs anyway. Once. */
  run(): Promise<void>;
}

/**
 * The undo list of a start. What is started first (the database) is registered first and so stopped last; a start that
 * fails half-way runs the same list, so it unwinds exactly what it had started.
 */
export function createStopSteps(log: Logger): StopSteps {
  const steps: { name: string; step: () => Promise<unknown> | unknown }[] = [];
  let running: Promise<void> | undefined;
  const runStep = async (name: string, step: () => Promise<unknown> | unknown) => {
    try {
      await step();
    } catch (error) {
      log.error({ step: name, err: error instanceof Error ? error.message : String(error) }, "a stop step failed; the others still run");
    }
  };
  return {
    add(name, step) {
      // Started after the stop began (a start still unwinding): undone at once, since the list has been read.
      if (running) void running.then(() => runStep(name, step));
      else steps.push({ name, step });
    },
    run() {
      running ??= (async () => {
        for (const { name, step } of [...steps].reverse()) await runStep(name, step);
      })();
      return running;
    },
  };
}

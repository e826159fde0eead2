export interface Readiness {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

export interface ReadinessResult {
  readiness: Readiness;
  /** Set when readiness() threw or did not settle in time; readiness then names it under the "readiness" check. */
  error?: unknown;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs readiness() and never rejects: a throw or a hang is a not-ready answer, so /readyz always answers in time. */
export async function checkReadiness(readiness: () => Readiness | Promise<Readiness>, timeoutMs: number): Promise<ReadinessResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`readiness check did not finish within ${timeoutMs} ms`)), timeoutMs);
    // The probe's own connection keeps the process alive; this timer alone need not.
    timer.unref();
  });
  try {
    // The .then() turns a synchronous throw into a rejection.
    return { readiness: await Promise.race([Promise.resolve().then(readiness), timeout]) };
  } catch (error) {
    return { readiness: { ready: false, checks: { readiness: { ok: false, detail: errorMessage(error) } } }, error };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `task` for every item, at most `limit` at once and at most `perKey` at once for items sharing a key
 * (feeds on one host). `task` must not throw.
 */
export function runLimited<T>(items: readonly T[], keyOf: (item: T) => string, limit: number, perKey: number, task: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const inFlight = new Map<string, number>();
  let running = 0;
  return new Promise((resolve) => {
    const pump = () => {
      if (queue.length === 0 && running === 0) return resolve();
      for (let i = 0; i < queue.length && running < limit; ) {
        const key = keyOf(queue[i]!);
        if ((inFlight.get(key) ?? 0) >= perKey) {
          i++;
          continue;
        }
        const [item] = queue.splice(i, 1) as [T];
        running++;
        inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
        void task(item).finally(() => {
          running--;
          inFlight.set(key, inFlight.get(key)! - 1);
          pump();
        });
      }
    };
    pump();
  });
}

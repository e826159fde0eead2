/**
 * Runs `task` for every item, at most `limit` at once and at most `perKey` at once for items sharing a key
 * (feeds on one host). `task` must not throw.
 */
export function runLimited<T>(items: readonly T[], keyOf: (item: T) => string, limit: number, perKey: number, task: (item: T) => Promise<void>): Promise<void> {
  // Each item's key once: pump() scans past the items whose key is at its limit every time a task ends.
  const queue = items.map((item) => ({ item, key: keyOf(item) }));
  const inFlight = new Map<string, number>();
  let running = 0;
  return new Promise((resolve) => {
    const pump = () => {
      if (queue.length === 0 && running === 0) return resolve();
      for (let i = 0; i < queue.length && running < limit; ) {
        const { item, key } = queue[i]!;
        if ((inFlight.get(key) ?? 0) >= perKey) {
          i++;
          continue;
        }
        queue.splice(i, 1);
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

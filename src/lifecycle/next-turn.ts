/** Resolves after the event loop has had a turn: long work done in slices lets every other update and timer run. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

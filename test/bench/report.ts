/** What the benchmarks share: peak memory sampling and the table they print. */

export const MB = 1024 * 1024;

export interface MemoryReport {
  peakMb: number;
  /** The kernel's high-water mark for the whole process (getrusage maxrss). */
  maxRssMb: number;
  /** Highest sample in each phase. */
  phases: { phase: string; mb: number }[];
}

/** Samples RSS every 20 ms, keeping the highest value of each phase. */
export class PeakRss {
  private phase = "start-up";
  private readonly peaks = new Map<string, number>();
  private readonly timer = setInterval(() => this.sample(), 20).unref();

  enter(phase: string): void {
    this.sample();
    this.phase = phase;
    this.sample();
  }

  stop(): MemoryReport {
    this.sample();
    clearInterval(this.timer);
    const phases = [...this.peaks].map(([phase, bytes]) => ({ phase, mb: bytes / MB }));
    const maxRssMb = (process.resourceUsage().maxRSS * 1024) / MB;
    return { peakMb: Math.max(maxRssMb, ...phases.map((p) => p.mb)), maxRssMb, phases };
  }

  private sample(): void {
    const rss = process.memoryUsage().rss;
    if (rss > (this.peaks.get(this.phase) ?? 0)) this.peaks.set(this.phase, rss);
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => `  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join("   ")}`.trimEnd()).join("\n");
}

export function verdict(pass: boolean): string {
  return pass ? "PASS" : "FAIL";
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

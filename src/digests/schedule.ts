/** Digest times ("HH:MM", local to the subscriber's timezone) and the instants they fall on. */

export const DEFAULT_DIGEST_TIMES = ["08:00"];
export const MAX_DIGEST_TIMES = 6;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Parses "8:00, 20:30" into sorted, distinct "HH:MM" times, or says what is wrong. */
export function parseDigestTimes(input: string): Parsed<string[]> {
  const parts = input.split(/[,;\s]+/).filter((p) => p !== "");
  if (parts.length === 0) return { ok: false, error: "Send a time such as 08:00, or several separated by commas: 08:00,19:30" };
  const times = new Set<string>();
  for (const part of parts) {
    const match = /^(\d{1,2})(?:[:.h](\d{2}))?$/.exec(part);
    const hours = Number(match?.[1]);
    const minutes = Number(match?.[2] ?? "0");
    if (!match || hours > 23 || minutes > 59) {
      return { ok: false, error: `"${part.slice(0, 20)}" is not a time of day. Use 24-hour HH:MM, for example 07:30 or 18:00.` };
    }
    times.add(`${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`);
  }
  if (times.size > MAX_DIGEST_TIMES) return { ok: false, error: `At most ${MAX_DIGEST_TIMES} digest times a day, please.` };
  return { ok: true, value: [...times].sort() };
}

const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;

/** Resolves a timezone name (any case) to its IANA spelling, or says what is wrong. */
export function parseTimeZone(input: string): Parsed<string> {
  const name = input.trim();
  if (/^(utc|gmt|z)$/i.test(name)) return { ok: true, value: "UTC" };
  const invalid = { ok: false as const, error: `"${name.slice(0, 40)}" is not a timezone I know. Use an Area/City name such as Europe/Kyiv, America/New_York or Asia/Baku, or UTC.` };
  if (!ZONE_NAME.test(name)) return invalid;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
  } catch {
    return invalid;
  }
  // ICU may know a zone by an alias it does not list (Europe/Kyiv beside the listed Europe/Kiev): keep the user's name then.
  const listed = Intl.supportedValuesOf("timeZone").find((zone) => zone.toLowerCase() === name.toLowerCase());
  return { ok: true, value: listed ?? titleCase(name) };
}

/** IANA spelling for zone names the runtime does not list: short words are acronyms (US, GMT) except "Etc". */
function titleCase(zone: string): string {
  return zone.replace(/[A-Za-z]+/g, (w) => {
    if (w.toLowerCase() === "etc") return "Etc";
    if (w.length <= 3) return w.toUpperCase();
    return w[0]!.toUpperCase() + w.slice(1).toLowerCase();
  });
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The wall-clock time at `instant` in `timeZone`. */
export function wallClock(instant: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
}

function offsetAt(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return asUtc - Math.floor(instant / 60_000) * 60_000;
}

/**
 * The instant a wall-clock time happens in a timezone. A time that happens twice (clocks going back)
 * resolves to the first; a time that never happens (clocks going forward) to the same time after the jump.
 */
export function zonedInstant(w: WallClock, timeZone: string): number {
  const local = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  const DAY = 86_400_000;
  // Real zones change offset at most once within two days, so the offsets a day either side cover both readings.
  const before = local - offsetAt(local - DAY, timeZone);
  const after = local - offsetAt(local + DAY, timeZone);
  const valid = [before, after].filter((t) => {
    const c = wallClock(t, timeZone);
    return c.hour === w.hour && c.minute === w.minute && c.day === w.day;
  });
  return valid.length > 0 ? Math.min(...valid) : before;
}

/** The first instant strictly after `after` at which one of the local `times` falls in `timeZone`. */
export function nextDigestAt(times: readonly string[], timeZone: string, after: number): number {
  const today = wallClock(after, timeZone);
  const list = times.length > 0 ? times : DEFAULT_DIGEST_TIMES;
  for (let dayOffset = 0; dayOffset <= 2; dayOffset++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + dayOffset));
    const candidates = list
      .map((time) => {
        const [hour, minute] = time.split(":").map(Number) as [number, number];
        return zonedInstant({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour, minute }, timeZone);
      })
      .filter((t) => t > after);
    if (candidates.length > 0) return Math.min(...candidates);
  }
  throw new Error(`no digest time after ${new Date(after).toISOString()} in ${timeZone}`);
}

/** "08:00" for an instant in a timezone; with `withDay`, "Mon 24 Nov, 08:00". */
export function formatLocalTime(instant: number, timeZone: string, withDay = false): string {
  const w = wallClock(instant, timeZone);
  const hm = `${String(w.hour).padStart(2, "0")}:${String(w.minute).padStart(2, "0")}`;
  if (!withDay) return hm;
  const day = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short" }).format(instant);
  return `${day}, ${hm}`;
}

/** "08:00 and 19:30 (Europe/Kyiv)". */
export function describeSchedule(times: readonly string[], timeZone: string): string {
  const list = times.length <= 1 ? (times[0] ?? "08:00") : `${times.slice(0, -1).join(", ")} and ${times.at(-1)}`;
  return `${list} (${timeZone})`;
}

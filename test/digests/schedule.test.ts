import { describe, expect, it } from "vitest";
import { MAX_DIGEST_TIMES, nextDigestAt, parseDigestTimes, parseTimeZone } from "../../src/digests/schedule.js";

const at = (iso: string) => Date.parse(iso);
const iso = (instant: number) => new Date(instant).toISOString();

/** "2026-03-29 03:30" in a timezone, computed with Intl directly (not with the module under test). */
const formats = new Map<string, Intl.DateTimeFormat>();
function localTime(instant: number, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "??";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}

describe("parseDigestTimes", () => {
  it("normalises times to HH:MM", () => {
    expect(parseDigestTimes("8:00,20:30")).toEqual({ ok: true, value: ["08:00", "20:30"] });
    expect(parseDigestTimes("7")).toEqual({ ok: true, value: ["07:00"] });
    expect(parseDigestTimes("0:05")).toEqual({ ok: true, value: ["00:05"] });
    expect(parseDigestTimes("23:59")).toEqual({ ok: true, value: ["23:59"] });
  });

  it("accepts commas, semicolons and spaces between times, and sorts them", () => {
    expect(parseDigestTimes(" 20:30 ; 8:00,  12:15 ")).toEqual({ ok: true, value: ["08:00", "12:15", "20:30"] });
  });

  it("drops repeated times", () => {
    expect(parseDigestTimes("08:00, 8:00, 8")).toEqual({ ok: true, value: ["08:00"] });
  });

  it.each(["25:00", "24:00", "12:60", "abc", "8:0", "08:00pm", "-1:00", "8:00:00"])("rejects %j, quoting it", (input) => {
    const result = parseDigestTimes(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain("not a time of day");
      expect(result.error).toContain(input);
    }
  });

  it("rejects empty input with an example of what to send", () => {
    const result = parseDigestTimes("  ");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/08:00/);
  });

  it("rejects one bad time among good ones", () => {
    expect(parseDigestTimes("08:00, 25:00").ok).toBe(false);
  });

  it("allows six times a day and refuses seven", () => {
    expect(MAX_DIGEST_TIMES).toBe(6);
    expect(parseDigestTimes("1,2,3,4,5,6")).toEqual({ ok: true, value: ["01:00", "02:00", "03:00", "04:00", "05:00", "06:00"] });
    const seven = parseDigestTimes("1,2,3,4,5,6,7");
    expect(seven.ok).toBe(false);
    if (!seven.ok) expect(seven.error).toContain("6");
    // Repeats do not count towards the limit.
    expect(parseDigestTimes("1,2,3,4,5,6,6,6").ok).toBe(true);
  });

  it("keeps the error short for a huge input", () => {
    const result = parseDigestTimes("x".repeat(10_000));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeLessThan(200);
  });
});

describe("parseTimeZone", () => {
  it.each(["UTC", "utc", "GMT", "gmt", " UTC "])("reads %j as UTC", (input) => {
    expect(parseTimeZone(input)).toEqual({ ok: true, value: "UTC" });
  });

  it.each([
    ["europe/kyiv", "Europe/Kyiv"],
    ["Europe/Kyiv", "Europe/Kyiv"],
    ["america/new_york", "America/New_York"],
    ["ASIA/KOLKATA", "Asia/Kolkata"],
    ["asia/baku", "Asia/Baku"],
    ["  Pacific/Chatham  ", "Pacific/Chatham"],
    ["america/argentina/buenos_aires", "America/Argentina/Buenos_Aires"],
  ])("accepts %j as %s", (input, expected) => {
    expect(parseTimeZone(input)).toEqual({ ok: true, value: expected });
  });

  // BUG (cosmetic): names ICU does not list are title-cased word by word, so the user is shown a spelling IANA does
  // not use ("Us/Eastern", "Etc/Gmt+5"); the docstring promises the IANA spelling.
  it.each([
    ["us/eastern", "US/Eastern"],
    ["etc/gmt+5", "Etc/GMT+5"],
  ])("spells %j the IANA way: %s", (input, expected) => {
    expect(parseTimeZone(input)).toEqual({ ok: true, value: expected });
  });

  it.each(["Mars/Base", "Europe/Atlantis", "'; DROP TABLE subscribers;--", "Europe/Kyiv; DROP TABLE x", "../../etc/passwd", "", "Kyiv"])(
    "rejects %j with a message that shows how to answer",
    (input) => {
      const result = parseTimeZone(input);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error).toContain("not a timezone I know");
        expect(result.error).toContain("Europe/Kyiv");
      }
    },
  );

  it("keeps the error short for a huge input", () => {
    const result = parseTimeZone("A".repeat(10_000));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeLessThan(250);
  });
});

describe("nextDigestAt in different timezones", () => {
  it.each([
    // zone, after, expected UTC instant (from the zone's known offset)
    ["UTC", "2026-01-15T00:00:00Z", "2026-01-15T08:00:00.000Z"],
    ["Europe/Kyiv", "2026-01-15T00:00:00Z", "2026-01-15T06:00:00.000Z"], // UTC+2 in winter
    ["Europe/Kyiv", "2026-07-15T00:00:00Z", "2026-07-15T05:00:00.000Z"], // UTC+3 in summer
    ["America/New_York", "2026-01-15T00:00:00Z", "2026-01-15T13:00:00.000Z"], // UTC-5
    ["America/New_York", "2026-07-15T00:00:00Z", "2026-07-15T12:00:00.000Z"], // UTC-4
    ["Asia/Kolkata", "2026-01-15T00:00:00Z", "2026-01-15T02:30:00.000Z"], // UTC+5:30
    ["Pacific/Chatham", "2026-01-14T12:00:00Z", "2026-01-14T18:15:00.000Z"], // UTC+13:45 in (southern) summer
    ["Pacific/Chatham", "2026-07-14T12:00:00Z", "2026-07-14T19:15:00.000Z"], // UTC+12:45 in winter
  ])("08:00 in %s after %s is %s", (zone, after, expected) => {
    const next = nextDigestAt(["08:00"], zone, at(after));
    expect(iso(next)).toBe(expected);
    expect(localTime(next, zone).endsWith(" 08:00")).toBe(true);
  });

  it("falls on the next local day when 08:00 has passed there, even if it is still the same day in UTC", () => {
    // 2026-01-15 19:00 UTC is already 08:45 on the 16th in Chatham, so the 16th's 08:00 has passed.
    const next = nextDigestAt(["08:00"], "Pacific/Chatham", at("2026-01-15T19:00:00Z"));
    expect(localTime(next, "Pacific/Chatham")).toBe("2026-01-17 08:00");
  });

  it("is strictly after `after`: a digest sent at exactly 08:00 schedules the next day's", () => {
    const eight = at("2026-07-15T12:00:00Z"); // 08:00 in New York
    expect(iso(nextDigestAt(["08:00"], "America/New_York", eight))).toBe("2026-07-16T12:00:00.000Z");
    expect(iso(nextDigestAt(["08:00"], "America/New_York", eight - 1))).toBe("2026-07-15T12:00:00.000Z");
    expect(iso(nextDigestAt(["08:00"], "America/New_York", eight + 1))).toBe("2026-07-16T12:00:00.000Z");
  });

  it("picks the next of several times a day, wrapping to the next morning", () => {
    const times = ["08:00", "13:00", "20:30"];
    const zone = "Europe/Kyiv";
    expect(localTime(nextDigestAt(times, zone, at("2026-01-15T05:00:00Z")), zone)).toBe("2026-01-15 08:00");
    expect(localTime(nextDigestAt(times, zone, at("2026-01-15T07:00:00Z")), zone)).toBe("2026-01-15 13:00");
    expect(localTime(nextDigestAt(times, zone, at("2026-01-15T11:00:00Z")), zone)).toBe("2026-01-15 20:30");
    expect(localTime(nextDigestAt(times, zone, at("2026-01-15T19:00:00Z")), zone)).toBe("2026-01-16 08:00");
  });

  it("does not depend on the order of the times", () => {
    const after = at("2026-01-15T07:00:00Z");
    expect(nextDigestAt(["20:30", "13:00", "08:00"], "Europe/Kyiv", after)).toBe(nextDigestAt(["08:00", "13:00", "20:30"], "Europe/Kyiv", after));
  });

  it("uses 08:00 when no time is set", () => {
    expect(localTime(nextDigestAt([], "Asia/Kolkata", at("2026-01-15T00:00:00Z")), "Asia/Kolkata")).toBe("2026-01-15 08:00");
  });

  it("handles midnight and the last minute of the day", () => {
    expect(localTime(nextDigestAt(["00:00"], "Europe/Kyiv", at("2026-12-31T21:30:00Z")), "Europe/Kyiv")).toBe("2027-01-01 00:00");
    expect(localTime(nextDigestAt(["23:59"], "Asia/Kolkata", at("2026-02-28T18:00:00Z")), "Asia/Kolkata")).toBe("2026-02-28 23:59");
  });
});

describe("nextDigestAt across daylight-saving changes", () => {
  it("Europe/Berlin 2026-03-29: 02:30 does not exist, so the digest comes at 03:30 local", () => {
    const first = nextDigestAt(["02:30"], "Europe/Berlin", at("2026-03-28T23:00:00Z")); // midnight local
    expect(iso(first)).toBe("2026-03-29T01:30:00.000Z");
    expect(localTime(first, "Europe/Berlin")).toBe("2026-03-29 03:30");
    const second = nextDigestAt(["02:30"], "Europe/Berlin", first);
    expect(localTime(second, "Europe/Berlin")).toBe("2026-03-30 02:30");
  });

  it("Europe/Berlin 2026-03-29: asked for 02:30 and 03:30, the user gets one digest at 03:30 that day", () => {
    const first = nextDigestAt(["02:30", "03:30"], "Europe/Berlin", at("2026-03-28T23:00:00Z"));
    expect(localTime(first, "Europe/Berlin")).toBe("2026-03-29 03:30");
    const second = nextDigestAt(["02:30", "03:30"], "Europe/Berlin", first);
    expect(localTime(second, "Europe/Berlin")).toBe("2026-03-30 02:30");
  });

  it("Europe/Berlin 2026-03-29: just after the jump, the moved 02:30 digest is still ahead", () => {
    const next = nextDigestAt(["02:30"], "Europe/Berlin", at("2026-03-29T01:00:00Z")); // 03:00 CEST
    expect(iso(next)).toBe("2026-03-29T01:30:00.000Z");
  });

  it("Europe/Berlin 2026-03-29: an ordinary 08:00 digest keeps its local time over the change", () => {
    const next = nextDigestAt(["08:00"], "Europe/Berlin", at("2026-03-28T07:00:00Z")); // 08:00 CET on the 28th
    expect(iso(next)).toBe("2026-03-29T06:00:00.000Z"); // 08:00 CEST
  });

  it("Europe/Berlin 2026-10-25: 02:30 happens twice; the digest comes once, at the first", () => {
    const first = nextDigestAt(["02:30"], "Europe/Berlin", at("2026-10-24T22:00:00Z")); // midnight local
    expect(iso(first)).toBe("2026-10-25T00:30:00.000Z"); // 02:30 CEST
    const second = nextDigestAt(["02:30"], "Europe/Berlin", first);
    expect(iso(second)).toBe("2026-10-26T01:30:00.000Z"); // 02:30 CET the next day, not the repeated 02:30
    expect(localTime(second, "Europe/Berlin")).toBe("2026-10-26 02:30");
  });

  it("Europe/Berlin 2026-10-25: between the two 02:30s, the next digest is the next day's", () => {
    const next = nextDigestAt(["02:30"], "Europe/Berlin", at("2026-10-25T01:00:00Z")); // the second 02:00
    expect(iso(next)).toBe("2026-10-26T01:30:00.000Z");
  });

  it("America/New_York 2026-03-08: 02:30 does not exist, so the digest comes at 03:30 EDT", () => {
    const first = nextDigestAt(["02:30"], "America/New_York", at("2026-03-08T05:00:00Z")); // midnight EST
    expect(iso(first)).toBe("2026-03-08T07:30:00.000Z");
    expect(localTime(first, "America/New_York")).toBe("2026-03-08 03:30");
    expect(localTime(nextDigestAt(["02:30"], "America/New_York", first), "America/New_York")).toBe("2026-03-09 02:30");
  });

  it("America/New_York 2026-11-01: 01:30 happens twice; the digest comes once, at the first", () => {
    const first = nextDigestAt(["01:30"], "America/New_York", at("2026-11-01T04:00:00Z")); // midnight EDT
    expect(iso(first)).toBe("2026-11-01T05:30:00.000Z"); // 01:30 EDT
    expect(iso(nextDigestAt(["01:30"], "America/New_York", first))).toBe("2026-11-02T06:30:00.000Z"); // 01:30 EST next day
    expect(iso(nextDigestAt(["01:30"], "America/New_York", at("2026-11-01T06:00:00Z")))).toBe("2026-11-02T06:30:00.000Z");
  });

  it("America/New_York 2026-11-01: an 08:00 digest keeps its local time over the change", () => {
    const next = nextDigestAt(["08:00"], "America/New_York", at("2026-10-31T12:00:00Z")); // 08:00 EDT on the 31st
    expect(iso(next)).toBe("2026-11-01T13:00:00.000Z"); // 08:00 EST
  });
});

describe("nextDigestAt against a clock read every quarter hour", () => {
  // Times that are never skipped or repeated by a DST change in these zones, so the first quarter hour after `after`
  // whose local clock shows one of them is, by definition, the right answer.
  const times = ["00:00", "07:45", "12:00", "19:30", "23:45"];
  const zones = ["UTC", "Europe/Kyiv", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "Australia/Lord_Howe"];
  const QUARTER = 15 * 60_000;

  function bruteForce(zone: string, after: number): number {
    for (let t = Math.floor(after / QUARTER) * QUARTER + QUARTER; ; t += QUARTER) {
      if (times.includes(localTime(t, zone).slice(11))) return t;
    }
  }

  it.each(zones)("agrees in %s over a whole year, DST days included", (zone) => {
    const step = 11 * 3_600_000 + 7 * 60_000 + 3_000; // an odd step, to land at all hours of the day
    for (let after = at("2026-01-01T00:00:00Z"); after < at("2027-01-01T00:00:00Z"); after += step) {
      expect(iso(nextDigestAt(times, zone, after)), `after ${iso(after)}`).toBe(iso(bruteForce(zone, after)));
    }
  });
});

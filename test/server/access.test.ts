import { describe, expect, it } from "vitest";
import { isLoopback, mayReadMetrics, secretMatches } from "../../src/server/access.js";

const TOKEN = "metrics-token-9f8e7d";

describe("isLoopback", () => {
  it("accepts 127.0.0.0/8, ::1 and IPv4-mapped loopback", () => {
    for (const address of ["127.0.0.1", "127.1.2.3", "127.255.255.254", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1", "::ffff:127.9.9.9", "::ffff:7f00:1"]) {
      expect(isLoopback(address), address).toBe(true);
    }
  });

  it("refuses everything else, including names and garbage", () => {
    for (const address of [undefined, "", "10.0.0.1", "128.0.0.1", "126.255.255.255", "192.168.1.1", "::2", "::", "::ffff:10.0.0.1", "fe80::1", "localhost", "127.0.0.1.example", "127.0.0.1 "]) {
      expect(isLoopback(address), String(address)).toBe(false);
    }
  });
});

describe("mayReadMetrics", () => {
  it("lets loopback clients in with no token configured and with any header", () => {
    expect(mayReadMetrics("127.0.0.1", undefined, undefined)).toBe(true);
    expect(mayReadMetrics("::1", undefined, TOKEN)).toBe(true);
    expect(mayReadMetrics("::ffff:127.0.0.1", "Bearer wrong", TOKEN)).toBe(true);
  });

  it("keeps other clients out when no token is configured, whatever they send", () => {
    expect(mayReadMetrics("203.0.113.5", undefined, undefined)).toBe(false);
    expect(mayReadMetrics("203.0.113.5", `Bearer ${TOKEN}`, undefined)).toBe(false);
    // A blank METRICS_TOKEN is no token, not one that an empty Bearer matches.
    expect(mayReadMetrics("203.0.113.5", "Bearer ", "")).toBe(false);
    expect(mayReadMetrics("203.0.113.5", "Bearer", "")).toBe(false);
  });

  it("lets other clients in with the right bearer token only", () => {
    expect(mayReadMetrics("203.0.113.5", `Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(mayReadMetrics("2001:db8::1", `bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(mayReadMetrics("203.0.113.5", undefined, TOKEN)).toBe(false);
    expect(mayReadMetrics("203.0.113.5", "", TOKEN)).toBe(false);
    expect(mayReadMetrics("203.0.113.5", "Bearer wrong-token", TOKEN)).toBe(false);
    expect(mayReadMetrics("203.0.113.5", `Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(mayReadMetrics("203.0.113.5", `Bearer ${TOKEN.slice(0, -1)}`, TOKEN)).toBe(false);
    expect(mayReadMetrics("203.0.113.5", `Basic ${TOKEN}`, TOKEN)).toBe(false);
    expect(mayReadMetrics("203.0.113.5", TOKEN, TOKEN)).toBe(false);
    expect(mayReadMetrics("203.0.113.5", `Bearer ${TOKEN} extra`, TOKEN)).toBe(false);
    expect(mayReadMetrics(undefined, `Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(mayReadMetrics(undefined, undefined, TOKEN)).toBe(false);
  });
});

describe("secretMatches", () => {
  it("compares whole secrets of any length", () => {
    expect(secretMatches("abc", "abc")).toBe(true);
    expect(secretMatches("abc", "abd")).toBe(false);
    expect(secretMatches("ab", "abc")).toBe(false);
    expect(secretMatches("abcd", "abc")).toBe(false);
    expect(secretMatches("", "abc")).toBe(false);
    expect(secretMatches(undefined, "abc")).toBe(false);
    expect(secretMatches("ключ", "ключ")).toBe(true);
  });
});

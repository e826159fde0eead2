import { createHash, timingSafeEqual } from "node:crypto";
import { BlockList, isIP } from "node:net";

let loopback: BlockList | undefined;

/** 127.0.0.0/8 and ::1. BlockList also matches IPv4-mapped IPv6 (::ffff:127.0.0.1, ::ffff:7f00:1) against the IPv4 rule. */
function loopbackList(): BlockList {
  if (loopback === undefined) {
    loopback = new BlockList();
    loopback.addSubnet("127.0.0.0", 8, "ipv4");
    loopback.addAddress("::1", "ipv6");
  }
  return loopback;
}

export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const family = isIP(address);
  if (family === 0) return false;
  return loopbackList().check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * Whether two secrets are equal, in time that depends on neither: both sides are hashed first, so the comparison is
 * always over 32 bytes and a wrong length is not revealed by timingSafeEqual throwing or returning early.
 */
export function secretMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = createHash("sha256").update(given, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header; the scheme is case-insensitive (RFC 9110 §11.1). */
function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const match = /^bearer[ ]+([^\s]+)[ ]*$/i.exec(authorization);
  return match?.[1];
}

/**
 * Loopback clients may always read /metrics (a scraper beside the process, or `curl` on the host); anyone else only
 * with the bearer token, and only when one is configured. An empty token counts as none, so a blank METRICS_TOKEN
 * cannot be matched by an empty `Bearer ` header.
 *
 * Behind a reverse proxy on the same host every client looks like loopback: block /metrics at the proxy then.
 */
export function mayReadMetrics(remoteAddress: string | undefined, authorization: string | undefined, metricsToken: string | undefined): boolean {
  if (isLoopback(remoteAddress)) return true;
  if (metricsToken === undefined || metricsToken === "") return false;
  return secretMatches(bearerToken(authorization), metricsToken);
}

import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

/** A feed URL (or a redirect hop) led to an address the bot must not reach. */
export class PrivateAddressError extends Error {
  readonly code = "EPRIVATEADDRESS";
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, a private, loopback or link-local address (set FEEDS_ALLOW_PRIVATE=true to allow)`);
    this.name = "PrivateAddressError";
  }
}

let blocked: BlockList | undefined;

function blockList(): BlockList {
  if (blocked) return blocked;
  blocked = new BlockList();
  const v4: [string, number][] = [
    ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
    ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24], ["203.0.113.0", 24],
    ["224.0.0.0", 4], ["240.0.0.0", 4],
  ];
  for (const [net, prefix] of v4) blocked.addSubnet(net, prefix, "ipv4");
  const v6: [string, number][] = [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["2001:db8::", 32], ["64:ff9b::", 96]];
  for (const [net, prefix] of v6) blocked.addSubnet(net, prefix, "ipv6");
  return blocked;
}

/** True for loopback, private, link-local, unique-local, multicast, unspecified and documentation addresses, v4 or v6. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPrivateAddress(mapped);
  const family = isIP(address);
  if (family === 0) return true;
  return blockList().check(address, family === 4 ? "ipv4" : "ipv6");
}

export type AddressPolicy = (address: string) => boolean;

/** Refuses a URL whose host is a literal blocked address (sockets skip DNS for those, so the lookup guard never sees them). */
export function assertAllowedLiteral(url: URL, isBlocked: AddressPolicy = isPrivateAddress): void {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) !== 0 && isBlocked(host)) throw new PrivateAddressError(url.hostname, host);
}

/**
 * A DNS lookup for sockets that fails when any address of the host is private, so the check happens after resolution
 * and before connecting, on the very addresses the socket will use (no second lookup to rebind).
 */
export function guardedLookup(isBlocked: AddressPolicy = isPrivateAddress): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const bad = addresses.find((a) => isBlocked(a.address));
      if (bad) return callback(new PrivateAddressError(hostname, bad.address) as NodeJS.ErrnoException, "", 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

import { describe, expect, it } from "vitest";
import { assertAllowedLiteral, guardedLookup, isPrivateAddress } from "../../src/feeds/address-guard.js";

describe("isPrivateAddress", () => {
  it.each([
    "127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1",
    "224.0.0.1", "239.255.255.250", "255.255.255.255", "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254",
    "not an address",
  ])("refuses %s", (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "192.169.0.1", "151.101.1.69", "2a00:1450:4001:80b::200e", "2606:4700::6810:84e5", "::ffff:8.8.8.8"])(
    "allows %s",
    (address) => expect(isPrivateAddress(address)).toBe(false),
  );
});

describe("the guard", () => {
  it("refuses literal private hosts in URLs, IPv6 included", () => {
    expect(() => assertAllowedLiteral(new URL("http://169.254.169.254/latest/meta-data/"))).toThrow(/private/);
    expect(() => assertAllowedLiteral(new URL("http://[::1]:8080/feed"))).toThrow(/private/);
    expect(() => assertAllowedLiteral(new URL("https://example.com/feed"))).not.toThrow();
  });

  it("fails a DNS lookup that resolves to loopback, before any connection", async () => {
    const lookup = guardedLookup();
    const error = await new Promise<Error | null>((resolve) => lookup("localhost", {}, (err) => resolve(err)));
    expect(error?.message).toMatch(/localhost resolves to .* private/);
  });
});

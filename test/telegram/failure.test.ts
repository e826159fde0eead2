import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { describeTelegramFailure, isTokenRejected } from "../../src/telegram/failure.js";

const TOKEN = "123456:SECRET-token";
const network = (cause: object) => new HttpError("Network request for 'getMe' failed!", Object.assign(new TypeError("fetch failed"), { cause }));

describe("describeTelegramFailure", () => {
  it("names the cause by its code and host, never by a message that can carry the URL and its token", () => {
    expect(describeTelegramFailure(network({ code: "ENOTFOUND", hostname: "api.telegram.org", message: `getaddrinfo ENOTFOUND api.telegram.org` }))).toBe("ENOTFOUND api.telegram.org");
    expect(describeTelegramFailure(network({ code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:443" }))).toBe("ECONNREFUSED");
    expect(describeTelegramFailure(network({ code: "UND_ERR_CONNECT_TIMEOUT" }))).toBe("timed out (UND_ERR_CONNECT_TIMEOUT)");
    expect(describeTelegramFailure(network({ message: `request to https://api.telegram.org/bot${TOKEN}/getMe failed` }))).toBe("network error");
    expect(describeTelegramFailure(new HttpError("x", new Error("Request to 'getMe' timed out after 500 seconds")))).toBe("timed out");
    expect(describeTelegramFailure(new HttpError("x", new SyntaxError("Unexpected token '<'")))).toBe("not a Bot API answer (an error page?)");
    expect(describeTelegramFailure(new GrammyError("x", { ok: false, error_code: 502, description: "Bad Gateway" }, "getMe", {}))).toBe("502 Bad Gateway");
  });

  it("takes 401 and 404 as a rejected token, and nothing else", () => {
    const answer = (code: number) => new GrammyError("x", { ok: false, error_code: code, description: "d" }, "getMe", {});
    expect(isTokenRejected(answer(401))).toBe(true);
    expect(isTokenRejected(answer(404))).toBe(true);
    expect(isTokenRejected(answer(502))).toBe(false);
    expect(isTokenRejected(network({ code: "ECONNREFUSED" }))).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import {
  buildBasicAuthorization,
  buildDigestAuthorization,
  formatNonceCount,
  newClientNonce,
} from "../../src/digest/authorization.js";
import type { DigestChallenge } from "../../src/digest/challenge.js";
import { computeDigestResponse, parseAuthParams } from "../../src/digest/compute.js";

// RFC 7616 section 3.9.1.
const RFC_CHALLENGE: Omit<DigestChallenge, "algorithm"> = {
  realm: "http-auth@example.org",
  nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
  opaque: "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS",
  qop: "auth",
  stale: false,
  userhash: false,
};
const RFC_CREDENTIALS = { username: "Mufasa", password: "Circle of Life" };
const RFC_TARGET = { method: "GET", uri: "/dir/index.html" };
const RFC_CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

function paramsOf(header: string): Map<string, string> {
  return parseAuthParams(header.replace(/^Digest /, ""));
}

describe("buildDigestAuthorization", () => {
  it("matches the RFC 7616 example for SHA-256 and MD5", () => {
    const sha = buildDigestAuthorization(
      { ...RFC_CHALLENGE, algorithm: "SHA-256" },
      RFC_CREDENTIALS,
      RFC_TARGET,
      1,
      RFC_CNONCE,
    );
    expect(paramsOf(sha).get("response")).toBe(
      "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
    );
    const md5 = buildDigestAuthorization(
      { ...RFC_CHALLENGE, algorithm: "MD5" },
      RFC_CREDENTIALS,
      RFC_TARGET,
      1,
      RFC_CNONCE,
    );
    expect(paramsOf(md5).get("response")).toBe("8ca523f5e9506fed4657c9700eebdbec");
  });

  it("quotes what RFC 7616 section 3.4.5 says to quote, leaves algorithm, qop and nc bare, and puts response last", () => {
    const header = buildDigestAuthorization(
      { ...RFC_CHALLENGE, algorithm: "SHA-256" },
      RFC_CREDENTIALS,
      RFC_TARGET,
      26,
      "c",
    );
    expect(header).toMatch(
      /^Digest username="Mufasa", realm="http-auth@example.org", nonce="[^"]+", uri="\/dir\/index.html", algorithm=SHA-256, qop=auth, nc=0000001a, cnonce="c", opaque="[^"]+", response="[0-9a-f]{64}"$/,
    );
  });

  it("escapes quotes and backslashes inside quoted values", () => {
    const header = buildDigestAuthorization(
      { ...RFC_CHALLENGE, algorithm: "MD5", realm: 'a"b\\c' },
      RFC_CREDENTIALS,
      RFC_TARGET,
      1,
      "c",
    );
    expect(header).toContain('realm="a\\"b\\\\c"');
    expect(paramsOf(header).get("realm")).toBe('a"b\\c');
  });

  it("signs -sess and auth-int as the server computes them", () => {
    const challenge: DigestChallenge = { ...RFC_CHALLENGE, algorithm: "SHA-256-sess", qop: "auth-int" };
    const target = { method: "POST", uri: "/x?y=1", body: '{"a":1}' };
    const header = buildDigestAuthorization(challenge, RFC_CREDENTIALS, target, 3, "cn");
    const expected = computeDigestResponse({
      algorithm: "SHA-256-sess",
      username: "Mufasa",
      realm: RFC_CHALLENGE.realm,
      password: "Circle of Life",
      method: "POST",
      uri: "/x?y=1",
      nonce: RFC_CHALLENGE.nonce,
      nc: "00000003",
      cnonce: "cn",
      qop: "auth-int",
      body: '{"a":1}',
    });
    expect(paramsOf(header).get("response")).toBe(expected);
    expect(paramsOf(header).get("qop")).toBe("auth-int");
  });

  it("hashes the username when the challenge asks for userhash", () => {
    const header = buildDigestAuthorization(
      { ...RFC_CHALLENGE, algorithm: "SHA-256", userhash: true },
      RFC_CREDENTIALS,
      RFC_TARGET,
      1,
      "c",
    );
    const params = paramsOf(header);
    expect(params.get("username")).toMatch(/^[0-9a-f]{64}$/);
    expect(params.get("userhash")).toBe("true");
    expect(header).not.toContain("Mufasa");
  });

  it("never includes the password", () => {
    const header = buildDigestAuthorization(
      { ...RFC_CHALLENGE, algorithm: "MD5" },
      RFC_CREDENTIALS,
      RFC_TARGET,
      1,
    );
    expect(header).not.toContain("Circle of Life");
  });
});

describe("nonce count and client nonce", () => {
  it("writes nc as 8 lower-case hex digits", () => {
    expect(formatNonceCount(1)).toBe("00000001");
    expect(formatNonceCount(16)).toBe("00000010");
    expect(formatNonceCount(255)).toBe("000000ff");
  });

  it("draws a fresh 128-bit cnonce each time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, () => newClientNonce()));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("buildBasicAuthorization", () => {
  it("base64-encodes user:password", () => {
    expect(buildBasicAuthorization({ username: "Aladdin", password: "open sesame" })).toBe(
      "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AuthChallenge,
  chooseDigestChallenge,
  formatChallenges,
  parseChallenges,
  toDigestChallenge,
} from "../../src/digest/challenge.js";

const EMULATOR_CHALLENGES = [
  'Digest realm="tidb.cloud", qop="auth", algorithm=SHA-256, nonce="abc.def", opaque="0123"',
  'Digest realm="tidb.cloud", qop="auth", algorithm=MD5, nonce="abc.def", opaque="0123"',
];

describe("parseChallenges", () => {
  it("reads several challenges from separate header values", () => {
    const challenges = parseChallenges(EMULATOR_CHALLENGES);
    expect(challenges.map((challenge) => challenge.params.get("algorithm"))).toEqual(["SHA-256", "MD5"]);
    expect(challenges[0]?.params.get("nonce")).toBe("abc.def");
  });

  it("splits several challenges joined in one header, with token68 schemes among them", () => {
    const challenges = parseChallenges(
      'Basic YWxhZGRpbjpvcGVuc2VzYW1l==, Digest realm="a, b", nonce=xyz, qop="auth,auth-int", Bearer, Newauth realm="apps", type=1',
    );
    expect(challenges.map((challenge) => challenge.scheme)).toEqual(["Basic", "Digest", "Bearer", "Newauth"]);
    expect(challenges[0]?.token68).toBe("YWxhZGRpbjpvcGVuc2VzYW1l==");
    expect(challenges[1]?.params.get("realm")).toBe("a, b");
    expect(challenges[1]?.params.get("nonce")).toBe("xyz");
    expect(challenges[1]?.params.get("qop")).toBe("auth,auth-int");
    expect(challenges[3]?.params.get("type")).toBe("1");
  });

  it("tolerates odd spacing, escapes, upper-case names and junk", () => {
    const [challenge] = parseChallenges(
      '  digest   REALM = "say \\"hi\\"" ,,  nonce="n"  , "junk, more" , =x, stale=TRUE',
    );
    expect(challenge?.params.get("realm")).toBe('say "hi"');
    expect(challenge?.params.get("nonce")).toBe("n");
    expect(challenge?.params.get("stale")).toBe("TRUE");
  });

  it("returns nothing for an absent or empty header", () => {
    expect(parseChallenges(undefined)).toEqual([]);
    expect(parseChallenges("")).toEqual([]);
    expect(parseChallenges([" , "])).toEqual([]);
  });

  it("never throws on arbitrary input", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(fc.string({ unit: "binary" }))), (input) => {
        parseChallenges(input);
        for (const challenge of parseChallenges(input)) toDigestChallenge(challenge);
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws on inputs built from the grammar's own characters", () => {
    const pieces = fc.constantFrom(
      "Digest",
      "Basic",
      " ",
      ",",
      "=",
      '"',
      "\\",
      "realm",
      "nonce",
      "qop",
      "abc",
      "\t",
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        parseChallenges(parts.join(""));
      }),
      { numRuns: 3000 },
    );
  });

  it("reads back exactly what it accepted from arbitrary input once formatted", () => {
    const pieces = fc.oneof(
      fc.constantFrom(
        "Digest",
        "Basic",
        " ",
        ",",
        "=",
        '"',
        "\\",
        "realm",
        "nonce",
        "qop",
        "abc=",
        "\t",
        "a b",
      ),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 25 }), (parts) => {
        const accepted = parseChallenges(parts.join(""));
        expect(parseChallenges(formatChallenges(accepted))).toEqual(accepted);
      }),
      { numRuns: 3000 },
    );
  });

  it("round-trips every challenge list it formats", () => {
    const token = fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9a-z]{1,12}$/);
    const scheme = fc.stringMatching(/^[A-Za-z][A-Za-z0-9\-._]{0,10}$/);
    const value = fc.string({ maxLength: 20 }).filter((text) => !text.includes("\u0000"));
    const paramChallenge = fc.record({
      scheme,
      params: fc.uniqueArray(fc.tuple(token, value), { selector: ([name]) => name, maxLength: 6 }),
    });
    const token68Challenge = fc.record({
      scheme,
      token68: fc.stringMatching(/^[A-Za-z0-9\-._~+/]{1,16}={0,2}$/),
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(paramChallenge, token68Challenge), { maxLength: 4 }), (generated) => {
        const challenges: AuthChallenge[] = generated.map((challenge) =>
          "token68" in challenge
            ? { scheme: challenge.scheme, params: new Map(), token68: challenge.token68 }
            : { scheme: challenge.scheme, params: new Map(challenge.params) },
        );
        const reparsed = parseChallenges(formatChallenges(challenges));
        expect(reparsed).toEqual(challenges);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("toDigestChallenge / chooseDigestChallenge", () => {
  it("prefers the strongest algorithm offered, whatever the order", () => {
    const reversed = [...EMULATOR_CHALLENGES].reverse();
    expect(chooseDigestChallenge(parseChallenges(reversed))?.algorithm).toBe("SHA-256");
    const withSess = parseChallenges([
      ...EMULATOR_CHALLENGES,
      'Digest realm="r", nonce="n", qop="auth", algorithm=SHA-256-sess',
    ]);
    expect(chooseDigestChallenge(withSess)?.algorithm).toBe("SHA-256-sess");
  });

  it("reads the fields and defaults MD5 when algorithm is absent", () => {
    const digest = toDigestChallenge(
      parseChallenges(
        'Digest realm="tidb.cloud", domain="", nonce="n1", algorithm=md5-sess, qop="auth", stale=false',
      )[0]!,
    );
    expect(digest).toEqual({
      realm: "tidb.cloud",
      domain: "",
      nonce: "n1",
      algorithm: "MD5-sess",
      qop: "auth",
      stale: false,
      userhash: false,
    });
    expect(toDigestChallenge(parseChallenges('Digest realm="r", nonce="n", qop="auth"')[0]!)?.algorithm).toBe(
      "MD5",
    );
  });

  it("uses auth when offered and auth-int only when it is the only qop", () => {
    const both = parseChallenges('Digest realm="r", nonce="n", qop="auth-int, auth"');
    expect(toDigestChallenge(both[0]!)?.qop).toBe("auth");
    const onlyInt = parseChallenges('Digest realm="r", nonce="n", qop="auth-int"');
    expect(toDigestChallenge(onlyInt[0]!)?.qop).toBe("auth-int");
  });

  it("skips challenges it cannot answer: unknown algorithm, no qop, no nonce, other schemes", () => {
    const challenges = parseChallenges([
      'Digest realm="r", nonce="n", qop="auth", algorithm=SHA-512-256',
      'Digest realm="r", nonce="n"',
      'Digest realm="r", qop="auth"',
      'Basic realm="r"',
    ]);
    expect(challenges.map(toDigestChallenge)).toEqual([undefined, undefined, undefined, undefined]);
    expect(chooseDigestChallenge(challenges)).toBeUndefined();
  });

  it("reads stale=true case-insensitively, and userhash", () => {
    const digest = toDigestChallenge(
      parseChallenges('Digest realm="r", nonce="n", qop=auth, stale=TRUE, userhash=true, opaque="o"')[0]!,
    );
    expect(digest?.stale).toBe(true);
    expect(digest?.userhash).toBe(true);
    expect(digest?.opaque).toBe("o");
  });
});

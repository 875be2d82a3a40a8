import { describe, expect, it } from "vitest";
import { parseChallenges } from "../../src/digest/challenge.js";
import { parseAuthParams } from "../../src/digest/compute.js";
import { DigestSession } from "../../src/digest/digest-session.js";

const CREDENTIALS = { username: "PUBLIC", password: "private-secret" };
const target = { method: "GET", uri: "/v1beta1/dataApps" };

function challenge(nonce: string, extra = "") {
  return parseChallenges(
    `Digest realm="tidb.cloud", qop="auth", algorithm=SHA-256, nonce="${nonce}", opaque="o"${extra}`,
  );
}

function ncOf(header: string | undefined): string | undefined {
  return parseAuthParams((header ?? "").replace(/^Digest /, "")).get("nc");
}

describe("DigestSession", () => {
  it("has nothing to sign with until it adopts a challenge", () => {
    const session = new DigestSession(CREDENTIALS);
    expect(session.authorize(target)).toBeUndefined();
    expect(session.adopt(parseChallenges('Basic realm="x"'))).toBeUndefined();
    expect(session.authorize(target)).toBeUndefined();
  });

  it("reuses the nonce with nc 1, 2, 3... and distinct cnonces", () => {
    const session = new DigestSession(CREDENTIALS);
    session.adopt(challenge("n1"));
    const headers = Array.from({ length: 20 }, () => session.authorize(target));
    expect(headers.map(ncOf)).toEqual(
      Array.from({ length: 20 }, (_, index) => (index + 1).toString(16).padStart(8, "0")),
    );
    const cnonces = new Set(headers.map((header) => parseAuthParams(header ?? "").get("cnonce")));
    expect(cnonces.size).toBe(20);
  });

  it("keeps counting when a 401 repeats the nonce it already uses: an nc is never sent twice on one nonce", () => {
    const session = new DigestSession(CREDENTIALS);
    session.adopt(challenge("n1"));
    session.authorize(target);
    session.authorize(target);
    // e.g. a concurrent call's 401 from a server whose nonces last a while
    session.adopt(challenge("n1"));
    expect(ncOf(session.authorize(target))).toBe("00000003");
  });

  it("restarts nc at 1 for a new nonce, and for Authentication-Info nextnonce", () => {
    const session = new DigestSession(CREDENTIALS);
    session.adopt(challenge("n1"));
    session.authorize(target);
    session.authorize(target);
    session.adopt(challenge("n2", ", stale=true"));
    const header = session.authorize(target);
    expect(ncOf(header)).toBe("00000001");
    expect(header).toContain('nonce="n2"');
    session.observeAuthenticationInfo('nextnonce="n3", qop=auth');
    const next = session.authorize(target);
    expect(next).toContain('nonce="n3"');
    expect(ncOf(next)).toBe("00000001");
  });

  it("lets only one caller probe at a time and wakes the waiters when the challenge arrives", async () => {
    const session = new DigestSession(CREDENTIALS);
    expect(session.claimProbe()).toBe(true);
    expect(session.claimProbe()).toBe(false);
    let woken = 0;
    const waiters = [session.probeSettled().then(() => woken++), session.probeSettled().then(() => woken++)];
    await Promise.resolve();
    expect(woken).toBe(0);
    session.adopt(challenge("n1"));
    await Promise.all(waiters);
    expect(woken).toBe(2);
    expect(session.probing).toBe(false);
    expect(session.claimProbe()).toBe(false);
  });

  it("releases waiters when a probe ends without a challenge, so another can probe", async () => {
    const session = new DigestSession(CREDENTIALS);
    session.claimProbe();
    const waiter = session.probeSettled();
    session.finishProbe();
    await waiter;
    expect(session.claimProbe()).toBe(true);
  });

  it("stops waiting for a probe when the caller aborts", async () => {
    const session = new DigestSession(CREDENTIALS);
    session.claimProbe();
    const controller = new AbortController();
    const waiting = session.probeSettled(controller.signal);
    controller.abort(new Error("cancelled"));
    await expect(waiting).rejects.toThrow("cancelled");
  });

  it("forgets the challenge on request", () => {
    const session = new DigestSession(CREDENTIALS);
    session.adopt(challenge("n1"));
    session.forget();
    expect(session.authorize(target)).toBeUndefined();
  });
});

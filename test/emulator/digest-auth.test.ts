import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { authorizationHeader, DigestFetch, parseChallenges } from "../helpers/digest-fetch.js";
import { expectMatchesSpec } from "../helpers/spec-validator.js";
import { startTestEmulator, type TestEmulator } from "../helpers/start-emulator.js";

const run = promisify(execFile);

describe("digest authentication", () => {
  let env: TestEmulator | undefined;
  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  async function challenge(url: string) {
    const response = await fetch(url);
    expect(response.status).toBe(401);
    return { response, challenges: parseChallenges(response.headers) };
  }

  it("challenges with SHA-256 first, then MD5, realm tidb.cloud and qop auth", async () => {
    env = await startTestEmulator();
    const { response, challenges } = await challenge(`${env.emulator.url}/dataApps`);
    expect(challenges.map((c) => c.algorithm)).toEqual(["SHA-256", "MD5"]);
    for (const c of challenges) {
      expect(c.realm).toBe("tidb.cloud");
      expect(c.opaque).toEqual(expect.any(String));
      expect(c.stale).toBe(false);
    }
    const raw = response.headers.get("www-authenticate") ?? "";
    expect(raw).toMatch(
      /^Digest realm="tidb.cloud", qop="auth", algorithm=SHA-256, nonce="[^"]+", opaque="[^"]+"/,
    );
    const body = await response.json();
    expectMatchesSpec("listDataApps", 401, body);
    expect(body).toMatchObject({ code: 401, status: "UNAUTHENTICATED", error: "AUTH_REQUIRED" });
    expect(JSON.stringify(body)).not.toContain(env.emulator.privateKey);
  });

  it("works with curl --digest", async () => {
    env = await startTestEmulator();
    const { emulator } = env;
    const { stdout } = await run("curl", [
      "-sS",
      "--digest",
      "-u",
      `${emulator.publicKey}:${emulator.privateKey}`,
      "-H",
      "Content-Type: application/json",
      "-d",
      '{"displayName":"from_curl"}',
      "-w",
      "\n%{http_code}",
      `${emulator.url}/dataApps`,
    ]);
    const [body, status] = stdout.split("\n");
    expect(status).toBe("200");
    expectMatchesSpec("createDataApp", 200, JSON.parse(body ?? ""));
    const { stdout: listed } = await run("curl", [
      "-sS",
      "--digest",
      "-u",
      `${emulator.publicKey}:${emulator.privateKey}`,
      `${emulator.url}/dataApps?pageSize=5`,
    ]);
    expect(JSON.parse(listed).dataApps).toEqual([expect.objectContaining({ displayName: "from_curl" })]);
    const { stdout: refused } = await run("curl", [
      "-sS",
      "--digest",
      "-u",
      `${emulator.publicKey}:wrong`,
      "-w",
      "\n%{http_code}",
      `${emulator.url}/dataApps`,
    ]);
    expect(refused.split("\n").at(-1)).toBe("401");
  });

  it("accepts MD5 as well as SHA-256", async () => {
    env = await startTestEmulator();
    const md5 = new DigestFetch(env.emulator.url, env.emulator.publicKey, env.emulator.privateKey, "MD5");
    expect((await md5.request("GET", "/dataApps")).status).toBe(200);
  });

  it("refuses wrong credentials, a wrong uri, a forged nonce and a missing opaque", async () => {
    env = await startTestEmulator();
    const { emulator } = env;
    const url = `${emulator.url}/dataApps`;
    const { challenges } = await challenge(url);
    const sha = challenges[0]!;
    const attempt = async (authorization: string, target = url) => {
      const response = await fetch(target, { headers: { Authorization: authorization } });
      const body = (await response.json()) as { error?: string };
      expect(JSON.stringify(body)).not.toContain(emulator.privateKey);
      return {
        status: response.status,
        error: body.error,
        stale: parseChallenges(response.headers)[0]?.stale,
      };
    };
    const path = "/v1beta1/dataApps";
    expect(
      await attempt(authorizationHeader(sha, emulator.publicKey, "wrong-secret", "GET", path, 1)),
    ).toMatchObject({
      status: 401,
      error: "INVALID_CREDENTIALS",
    });
    expect(
      await attempt(authorizationHeader(sha, "NOBODY00", emulator.privateKey, "GET", path, 2)),
    ).toMatchObject({
      status: 401,
      error: "INVALID_CREDENTIALS",
    });
    expect(
      await attempt(
        authorizationHeader(sha, emulator.publicKey, emulator.privateKey, "GET", "/v1beta1/other", 3),
      ),
    ).toMatchObject({ status: 401, error: "URI_MISMATCH" });
    const forged = { ...sha, nonce: `${sha.nonce.slice(0, -3)}abc` };
    expect(
      await attempt(authorizationHeader(forged, emulator.publicKey, emulator.privateKey, "GET", path, 4)),
    ).toMatchObject({ status: 401, error: "INVALID_NONCE", stale: false });
    const noOpaque = { ...sha, opaque: undefined };
    expect(
      await attempt(authorizationHeader(noOpaque, emulator.publicKey, emulator.privateKey, "GET", path, 5)),
    ).toMatchObject({ status: 401, error: "INVALID_AUTHORIZATION" });
    expect(await attempt("Basic Zm9vOmJhcg==")).toMatchObject({
      status: 401,
      error: "INVALID_AUTHORIZATION",
    });
    // The right answer still works.
    expect(
      await attempt(authorizationHeader(sha, emulator.publicKey, emulator.privateKey, "GET", path, 6)),
    ).toMatchObject({ status: 200 });
  });

  it("refuses a replayed nc but accepts out-of-order nc values", async () => {
    env = await startTestEmulator();
    const { emulator } = env;
    const url = `${emulator.url}/dataApps`;
    const path = "/v1beta1/dataApps";
    const sha = (await challenge(url)).challenges[0]!;
    const send = (nc: number) =>
      fetch(url, {
        headers: {
          Authorization: authorizationHeader(sha, emulator.publicKey, emulator.privateKey, "GET", path, nc),
        },
      });
    expect((await send(3)).status).toBe(200);
    expect((await send(1)).status).toBe(200);
    expect((await send(2)).status).toBe(200);
    const replayed = await send(2);
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toMatchObject({ error: "REPLAYED_NONCE_COUNT" });
    // The very same header sent twice is a replay too.
    const header = authorizationHeader(sha, emulator.publicKey, emulator.privateKey, "GET", path, 9);
    expect((await fetch(url, { headers: { Authorization: header } })).status).toBe(200);
    expect((await fetch(url, { headers: { Authorization: header } })).status).toBe(401);
  });

  it("answers stale=true once the nonce expired, and the client recovers with the new nonce", async () => {
    env = await startTestEmulator({ nonceTtlMs: 500 });
    const { emulator } = env;
    const url = `${emulator.url}/dataApps`;
    const path = "/v1beta1/dataApps";
    const sha = (await challenge(url)).challenges[0]!;
    const header = (nc: number, c = sha, password = emulator.privateKey) =>
      authorizationHeader(c, emulator.publicKey, password, "GET", path, nc);
    expect((await fetch(url, { headers: { Authorization: header(1) } })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const stale = await fetch(url, { headers: { Authorization: header(2) } });
    expect(stale.status).toBe(401);
    const fresh = parseChallenges(stale.headers);
    expect(fresh.map((c) => c.stale)).toEqual([true, true]);
    expect(fresh[0]!.nonce).not.toBe(sha.nonce);
    expect(await stale.json()).toMatchObject({ error: "STALE_NONCE" });
    // A wrong password with an expired nonce is not stale: it is simply wrong.
    const wrong = await fetch(url, { headers: { Authorization: header(3, sha, "wrong") } });
    expect(parseChallenges(wrong.headers)[0]!.stale).toBe(false);
    expect((await fetch(url, { headers: { Authorization: header(1, fresh[0]) } })).status).toBe(200);
  });

  it("does not count unauthenticated requests against the rate limit", async () => {
    env = await startTestEmulator({ rateLimitRpm: 3 });
    for (let i = 0; i < 10; i++) expect((await fetch(`${env.emulator.url}/dataApps`)).status).toBe(401);
    for (let i = 0; i < 3; i++) expect((await env.api.request("GET", "/dataApps")).status).toBe(200);
  });
});

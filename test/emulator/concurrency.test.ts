import { mkdtemp, readFile, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_CLUSTER_ID } from "../../src/emulator/index.js";
import { authorizationHeader, parseChallenges } from "../helpers/digest-fetch.js";
import { startTestEmulator, type TestEmulator } from "../helpers/start-emulator.js";

type Json = Record<string, unknown>;

/**
 * Starts a signed request whose body arrives in two parts; `finish()` sends
 * the rest and resolves with the status, so a test can act in between.
 */
async function slowBodyRequest(env: TestEmulator, method: string, path: string, body: string) {
  const probe = await fetch(`${env.origin}${path}`, { method });
  const challenge = parseChallenges(probe.headers).find((candidate) => candidate.algorithm === "SHA-256");
  if (challenge === undefined) throw new Error("no SHA-256 challenge");
  const { emulator } = env;
  const origin = new URL(env.origin);
  const req = request({
    host: origin.hostname,
    port: origin.port,
    method,
    path,
    headers: {
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(body),
      Authorization: authorizationHeader(challenge, emulator.publicKey, emulator.privateKey, method, path, 1),
    },
  });
  const status = new Promise<number>((resolve, reject) => {
    req.on("error", reject);
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
  });
  req.write(body.slice(0, 5));
  // Let the emulator route the request and start waiting for the rest of the body.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return {
    finish: () => {
      req.end(body.slice(5));
      return status;
    },
  };
}

describe("concurrent writes", () => {
  let env: TestEmulator | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await env?.close();
    env = undefined;
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  for (const persisted of [false, true]) {
    it(`stores 100 parallel endpoint creates, none lost or duplicated (${persisted ? "persisted" : "in memory"})`, async () => {
      if (persisted) dir = await mkdtemp(join(tmpdir(), "emulator-concurrency-"));
      env = await startTestEmulator(dir === undefined ? {} : { dataDir: dir });
      const app = await env.api.json("POST", "/dataApps", {
        body: { displayName: "c", clusterId: DEFAULT_CLUSTER_ID },
      });
      const responses = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          env!.api.request("POST", `/dataApps/${app.dataAppId}/endpoints`, {
            body: {
              displayName: `e${i}`,
              path: `/e${i}`,
              method: "GET",
              clusterId: DEFAULT_CLUSTER_ID,
              sqlTemplate: "SELECT 1",
            },
          }),
        ),
      );
      expect(responses.map((response) => response.status)).toEqual(Array(100).fill(200));
      const ids = responses.map((response) => (response.json as Json).endpointId);
      expect(new Set(ids).size).toBe(100);
      const listed = (await env.api.json("GET", `/dataApps/${app.dataAppId}/endpoints`)).endpoints as Json[];
      expect(listed.map((endpoint) => endpoint.endpointId).sort()).toEqual([...ids].sort());
      if (dir !== undefined) {
        // Every acknowledged create is on disk.
        const state = JSON.parse(await readFile(join(dir, "state.json"), "utf8")) as { endpoints: Json[] };
        expect(state.endpoints.map((endpoint) => endpoint.endpointId).sort()).toEqual([...ids].sort());
      }
    });
  }

  it("lets exactly one of 100 parallel creates of the same route win", async () => {
    env = await startTestEmulator();
    const app = await env.api.json("POST", "/dataApps", {
      body: { displayName: "c", clusterId: DEFAULT_CLUSTER_ID },
    });
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        env!.api.request("POST", `/dataApps/${app.dataAppId}/endpoints`, {
          body: {
            displayName: `e${i}`,
            path: "/same",
            method: "GET",
            clusterId: DEFAULT_CLUSTER_ID,
            sqlTemplate: "SELECT 1",
          },
        }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 400)).toHaveLength(99);
    expect(responses.filter((r) => (r.json as Json).status === "ALREADY_EXISTS")).toHaveLength(99);
  });

  it("refuses a write whose Data App is deleted while its body is still arriving, leaving nothing behind", async () => {
    dir = await mkdtemp(join(tmpdir(), "emulator-concurrency-"));
    env = await startTestEmulator({ dataDir: dir });
    const app = await env.api.json("POST", "/dataApps", {
      body: { displayName: "c", clusterId: DEFAULT_CLUSTER_ID },
    });
    const key = await env.api.json("POST", `/dataApps/${app.dataAppId}/apiKeys`, {
      body: { role: "READ_ONLY" },
    });
    const appPath = `/v1beta1/dataApps/${app.dataAppId}`;
    const pending = [
      await slowBodyRequest(env, "POST", `${appPath}/apiKeys`, JSON.stringify({ role: "READ_ONLY" })),
      await slowBodyRequest(env, "POST", `${appPath}/deployments`, JSON.stringify({ description: "late" })),
      await slowBodyRequest(
        env,
        "PATCH",
        `${appPath}/apiKeys/${key.apiKeyId}`,
        JSON.stringify({ description: "late" }),
      ),
      await slowBodyRequest(env, "PATCH", appPath, JSON.stringify({ description: "late" })),
    ];
    expect((await env.api.request("DELETE", `/dataApps/${app.dataAppId}`)).status).toBe(200);
    const statuses = await Promise.all(pending.map((request) => request.finish()));
    expect(statuses).toEqual([404, 404, 404, 404]);
    const state = JSON.parse(await readFile(join(dir, "state.json"), "utf8")) as Record<string, Json[]>;
    const owned = (records: Json[] | undefined) =>
      (records ?? []).filter((record) => record.dataAppId === app.dataAppId);
    expect(owned(state.apiKeys)).toEqual([]);
    expect(owned(state.deployments)).toEqual([]);
  });
});

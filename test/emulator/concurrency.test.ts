import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_CLUSTER_ID } from "../../src/emulator/index.js";
import { startTestEmulator, type TestEmulator } from "../helpers/start-emulator.js";

type Json = Record<string, unknown>;

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
});

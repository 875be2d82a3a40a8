import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type DataPlaneContext, DEFAULT_CLUSTER_ID, startEmulator } from "../../src/emulator/index.js";
import { DigestFetch } from "../helpers/digest-fetch.js";
import { startTestEmulator } from "../helpers/start-emulator.js";

describe("data plane wiring and key expiry", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it("gives the data plane the clusters (the default one with mysqlUrl), seedSample and the log", async () => {
    let context: DataPlaneContext | undefined;
    let closed = false;
    const lines: string[] = [];
    const env = await startTestEmulator({
      mysqlUrl: "mysql://root@127.0.0.1:3306/sample",
      seedSample: true,
      log: (line) => lines.push(line),
      dataPlaneFactory: async (given) => {
        context = given;
        given.log("data plane up");
        return {
          handle: async (_req, res, url) => {
            res.writeHead(200, { "Content-Type": "text/plain" }).end(url.pathname);
          },
          runTest: async () => ({ status: 200, body: {} }),
          close: async () => {
            closed = true;
          },
        };
      },
    });
    expect(context?.clusters).toEqual([
      { id: DEFAULT_CLUSTER_ID, name: "Cluster0", mysqlUrl: "mysql://root@127.0.0.1:3306/sample" },
    ]);
    expect(context?.seedSample).toBe(true);
    expect(lines).toContain("data plane up");
    const response = await fetch(`${env.emulator.dataApiUrl}/app/dataapp-x/endpoint/a/b?c=1`);
    expect(await response.text()).toBe("/api/v1beta/app/dataapp-x/endpoint/a/b");
    await env.close();
    expect(closed).toBe(true);
  });

  it("releases the data directory when the data plane fails to start", async () => {
    const dir = await mkdtemp(join(tmpdir(), "emulator-dp-"));
    dirs.push(dir);
    await expect(
      startEmulator({
        dataDir: dir,
        log: () => {},
        dataPlaneFactory: () => {
          throw new Error("no database");
        },
      }),
    ).rejects.toThrow(/no database/);
    expect(await readdir(dir)).toEqual(["state.json"]);
  });

  it("shows an expired key as EXPIRE_STATE_EXPIRED and refuses to edit it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "emulator-expired-"));
    dirs.push(dir);
    const first = await startEmulator({ dataDir: dir, log: () => {} });
    const api = new DigestFetch(first.url, first.publicKey, first.privateKey);
    const app = await api.json("POST", "/dataApps", { body: { displayName: "k" } });
    const key = await api.json("POST", `/dataApps/${app.dataAppId}/apiKeys`, {
      body: {
        role: "READ_ONLY",
        apiKeyExpireSetting: { expireOption: "EXPIRE_OPTION_SET_TTL", apiKeyTtl: 1 },
      },
    });
    await first.close();
    // Age the key past its expiry on disk.
    const state = JSON.parse(await readFile(join(dir, "state.json"), "utf8"));
    state.apiKeys[0].expireTime = "2020-01-01T00:00:00Z";
    await writeFile(join(dir, "state.json"), JSON.stringify(state));
    const env = await startTestEmulator({ dataDir: dir });
    try {
      const path = `/dataApps/${app.dataAppId}/apiKeys/${key.apiKeyId}`;
      expect((await env.api.json("GET", path)).expireState).toBe("EXPIRE_STATE_EXPIRED");
      const refused = await env.api.request("PATCH", path, { body: { description: "again" } });
      expect(refused.status).toBe(400);
      expect(refused.json).toMatchObject({ status: "FAILED_PRECONDITION", error: "API_KEY_EXPIRED" });
    } finally {
      await env.close();
    }
  });
});

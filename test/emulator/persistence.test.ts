import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_CLUSTER_ID, startEmulator } from "../../src/emulator/index.js";
import { DigestFetch } from "../helpers/digest-fetch.js";
import { type SpawnedEmulator, spawnEmulator } from "../helpers/spawn-emulator.js";
import { startTestEmulator } from "../helpers/start-emulator.js";

type Json = Record<string, unknown>;
const CLI = join(import.meta.dirname, "../../dist/emulator/cli.js");
const KEYS = ["--public-key", "CRASH001", "--private-key", "0b5e3d1c-1111-4222-8333-944455556666"];

async function listAllApps(api: DigestFetch): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const query = token === undefined ? "" : `?pageToken=${encodeURIComponent(token)}`;
    const page = await api.json<{ dataApps: Json[]; nextPageToken?: string }>("GET", `/dataApps${query}`);
    ids.push(...page.dataApps.map((app) => app.dataAppId as string));
    token = page.nextPageToken;
  } while (token !== undefined);
  return ids;
}

describe("persistence", () => {
  const dirs: string[] = [];
  const spawned: SpawnedEmulator[] = [];
  afterEach(async () => {
    for (const emulator of spawned.splice(0)) await emulator.kill9();
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  const newDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), "emulator-state-"));
    dirs.push(dir);
    return dir;
  };

  it("keeps every acknowledged write across kill -9 during a stream of writes", async () => {
    const dir = await newDir();
    const first = await spawnEmulator(["--data-dir", dir, "--rate-limit-rpm", "1000000", ...KEYS]);
    spawned.push(first);
    const api = new DigestFetch(first.info.url, first.info.publicKey, first.info.privateKey);
    const acknowledged: string[] = [];
    let stop = false;
    const writers = Array.from({ length: 4 }, async (_, writer) => {
      for (let i = 0; !stop; i++) {
        try {
          const response = await api.request("POST", "/dataApps", {
            body: { displayName: `w${writer}_${i}` },
          });
          if (response.status === 200) acknowledged.push((response.json as Json).dataAppId as string);
        } catch {
          return; // the connection died with the process
        }
      }
    });
    const deadline = Date.now() + 15_000;
    while (acknowledged.length < 60 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 5));
    await first.kill9();
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThanOrEqual(60);

    const second = await spawnEmulator(["--data-dir", dir, "--rate-limit-rpm", "1000000", ...KEYS]);
    spawned.push(second);
    const restarted = new DigestFetch(second.info.url, second.info.publicKey, second.info.privateKey);
    const stored = new Set(await listAllApps(restarted));
    const missing = acknowledged.filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
    // The store is readable and writable after the crash.
    expect((await restarted.request("POST", "/dataApps", { body: { displayName: "after" } })).status).toBe(
      200,
    );
    expect(await second.stop()).toBe(0);
  });

  it("restores state after a clean stop, and finishes deployments left PENDING", async () => {
    const dir = await newDir();
    const emulator = await startEmulator({ dataDir: dir, deploymentStepMs: 60_000, log: () => {} });
    const api = new DigestFetch(emulator.url, emulator.publicKey, emulator.privateKey);
    const app = await api.json("POST", "/dataApps", {
      body: { displayName: "kept", clusterId: DEFAULT_CLUSTER_ID },
    });
    const key = await api.json("POST", `/dataApps/${app.dataAppId}/apiKeys`, { body: { role: "READ_ONLY" } });
    await api.json("POST", `/dataApps/${app.dataAppId}/endpoints`, {
      body: {
        displayName: "e",
        path: "/e",
        method: "GET",
        clusterId: DEFAULT_CLUSTER_ID,
        sqlTemplate: "SELECT 1",
      },
    });
    const deployment = await api.json("POST", `/dataApps/${app.dataAppId}/deployments`);
    expect(deployment.status).toBe("PENDING");
    await emulator.close();

    const env = await startTestEmulator({
      dataDir: dir,
      publicKey: emulator.publicKey,
      privateKey: emulator.privateKey,
    });
    try {
      expect(await env.api.json("GET", `/dataApps/${app.dataAppId}`)).toEqual(app);
      expect(
        (await env.api.json("GET", `/dataApps/${app.dataAppId}/apiKeys/${key.apiKeyId}`)).publicKey,
      ).toBe(key.publicKey);
      let status = "";
      for (let attempt = 0; attempt < 100 && status !== "SUCCEEDED"; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        status = (
          await env.api.json("GET", `/dataApps/${app.dataAppId}/deployments/${deployment.deploymentId}`)
        ).status as string;
      }
      expect(status).toBe("SUCCEEDED");
    } finally {
      await env.close();
    }
    const onDisk = JSON.parse(await readFile(join(dir, "state.json"), "utf8")) as { deployments: Json[] };
    expect(onDisk.deployments[0]?.status).toBe("SUCCEEDED");
  });

  it("refuses a corrupt state file with advice, and ignores a half-written temp file", async () => {
    const dir = await newDir();
    const emulator = await startEmulator({ dataDir: dir, log: () => {} });
    const api = new DigestFetch(emulator.url, emulator.publicKey, emulator.privateKey);
    await api.json("POST", "/dataApps", { body: { displayName: "good" } });
    await emulator.close();
    // A crash in the middle of a write leaves only a partial temp file.
    await writeFile(join(dir, "state.json.tmp"), '{"version":1,"dataApps":[{"trunc');
    const reopened = await startTestEmulator({ dataDir: dir });
    try {
      expect(
        ((await reopened.api.json("GET", "/dataApps")).dataApps as Json[]).map((a) => a.displayName),
      ).toEqual(["good"]);
    } finally {
      await reopened.close();
    }
    expect(await readdir(dir)).toEqual(["state.json"]);
    const good = await readFile(join(dir, "state.json"), "utf8");
    await writeFile(join(dir, "state.json"), good.slice(0, good.length / 2));
    await expect(startEmulator({ dataDir: dir, log: () => {} })).rejects.toThrow(/unreadable.*Move it away/s);
    await writeFile(join(dir, "state.json"), JSON.stringify({ version: 1, dataApps: "nope" }));
    await expect(startEmulator({ dataDir: dir, log: () => {} })).rejects.toThrow(/invalid state at/);
    // A refused start leaves the directory unlocked and the file as it was.
    expect((await readdir(dir)).sort()).toEqual(["state.json"]);
  });

  it("never acknowledges a change it could not write", async () => {
    const dir = await newDir();
    const env = await startTestEmulator({ dataDir: dir });
    try {
      await env.api.json("POST", "/dataApps", { body: { displayName: "saved" } });
      await rm(dir, { recursive: true, force: true });
      for (const name of ["lost1", "lost2"]) {
        const refused = await env.api.request("POST", "/dataApps", { body: { displayName: name } });
        expect(refused.status).toBe(500);
        expect(refused.json).toMatchObject({ code: 500, status: "INTERNAL", error: "STATE_NOT_WRITABLE" });
        expect((refused.json as { message: string }).message).toMatch(/this change was not saved/);
      }
      // Nothing refused stays visible.
      const listed = (await env.api.json("GET", "/dataApps")).dataApps as Json[];
      expect(listed.map((app) => app.displayName)).toEqual(["saved"]);
    } finally {
      await env.close();
    }
  });

  it("refuses a second emulator on a directory in use, and takes over the lock of a killed one", async () => {
    const dir = await newDir();
    const first = await spawnEmulator(["--data-dir", dir, ...KEYS]);
    spawned.push(first);
    const second = spawnSync(process.execPath, [CLI, "--data-dir", dir], {
      encoding: "utf8",
      timeout: 10_000,
    });
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`Another emulator \\(pid ${first.process.pid}\\) is using`));
    await first.kill9();
    const third = await spawnEmulator(["--data-dir", dir, ...KEYS]);
    spawned.push(third);
    expect(await third.stop()).toBe(0);
    expect(await readdir(dir)).toEqual(["state.json"]);
  });
});

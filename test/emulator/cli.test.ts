import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DigestFetch } from "../helpers/digest-fetch.js";
import { ensureBuilt, type SpawnedEmulator, spawnEmulator } from "../helpers/spawn-emulator.js";

const CLI = join(import.meta.dirname, "../../dist/emulator/cli.js");

describe("tidb-dataservice-emulator CLI", () => {
  const running: SpawnedEmulator[] = [];
  afterEach(async () => {
    for (const emulator of running.splice(0)) await emulator.kill9();
  });

  it("prints exactly one JSON line when ready, logs on stderr and stops cleanly on SIGTERM", async () => {
    const emulator = await spawnEmulator([]);
    running.push(emulator);
    const { info } = emulator;
    expect(Object.keys(info)).toEqual(["url", "dataApiUrl", "publicKey", "privateKey", "clusters"]);
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1beta1$/);
    expect(info.dataApiUrl).toBe(info.url.replace("/v1beta1", "/api/v1beta"));
    expect(info.publicKey).toMatch(/^[A-Z0-9]{8}$/);
    expect(info.privateKey).toMatch(/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/);
    expect(info.clusters).toEqual(["10000000000000000001"]);
    let stdout = "";
    emulator.process.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const api = new DigestFetch(info.url, info.publicKey, info.privateKey);
    expect((await api.request("GET", "/dataApps")).status).toBe(200);
    expect(emulator.stderr()).toMatch(/listening on/);
    expect(emulator.stderr()).not.toContain(info.privateKey);
    expect(await emulator.stop()).toBe(0);
    expect(stdout).toBe("");
  });

  it("takes keys, clusters with MySQL URLs and a rate limit from flags", async () => {
    const emulator = await spawnEmulator([
      "--public-key",
      "FLAGKEY1",
      "--private-key",
      "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
      "--cluster",
      "1111111111111111111=mysql://root:secret@127.0.0.1:3306/app",
      "--cluster",
      "2222222222222222222",
      "--rate-limit-rpm",
      "7",
    ]);
    running.push(emulator);
    expect(emulator.info).toMatchObject({
      publicKey: "FLAGKEY1",
      privateKey: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
      clusters: ["1111111111111111111", "2222222222222222222"],
    });
    expect(emulator.stderr()).not.toContain("secret");
    const api = new DigestFetch(emulator.info.url, "FLAGKEY1", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
    const response = await api.request("POST", "/dataApps", {
      body: { displayName: "x", clusterId: "2222222222222222222" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-ratelimit-limit-minute")).toBe("7");
  });

  it("rejects bad flags with a usage error and exit code 2", () => {
    ensureBuilt();
    for (const args of [
      ["--bogus"],
      ["--port", "abc"],
      ["--port", "70000"],
      ["--rate-limit-rpm", "0"],
      ["--cluster", "not-a-number"],
      ["--public-key", "ONLYPUB1"],
      ["stray"],
    ]) {
      const result = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", timeout: 10_000 });
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^tidb-dataservice-emulator: .+\n\nUsage: tidb-dataservice-emulator/);
    }
    const help = spawnSync(process.execPath, [CLI, "--help"], { encoding: "utf8", timeout: 10_000 });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--allow-fault-injection/);
  });
});

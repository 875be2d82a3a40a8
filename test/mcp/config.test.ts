import { describe, expect, it } from "vitest";
import { parseCommandLine, sampleDatabaseOf } from "../../src/config.js";
import { sampleDatabaseName } from "../../src/emulator/sample/seed-sample.js";
import { FEATURE_GROUPS } from "../../src/mcp/tool-definition.js";

describe("parseCommandLine", () => {
  it("reads credentials and URLs from the environment, with every feature group by default", () => {
    const command = parseCommandLine([], {
      TIDB_CLOUD_PUBLIC_KEY: "PUB",
      TIDB_CLOUD_PRIVATE_KEY: "secret",
      TIDB_CLOUD_PROJECT_ID: "123",
      TIDB_DATASERVICE_API_URL: "http://127.0.0.1:1",
      TIDB_DATASERVICE_DATA_API_URL: "http://127.0.0.1:2",
      TIDB_DATASERVICE_APP_PUBLIC_KEY: "APPKEY",
      TIDB_DATASERVICE_APP_PRIVATE_KEY: "app-secret",
    });
    expect(command).toEqual({
      kind: "run",
      config: {
        publicKey: "PUB",
        privateKey: "secret",
        projectId: "123",
        apiUrl: "http://127.0.0.1:1",
        dataApiUrl: "http://127.0.0.1:2",
        appPublicKey: "APPKEY",
        appPrivateKey: "app-secret",
        readOnly: false,
        features: [...FEATURE_GROUPS],
        dataAppId: undefined,
      },
    });
  });

  it("takes read-only, features, scoping and local mode from flags", () => {
    const command = parseCommandLine(
      [
        "--read-only",
        "--features",
        "apps, endpoints",
        "--data-app",
        "dataapp-1",
        "--local",
        "--data-dir",
        "/tmp/x",
        "--seed-sample",
      ],
      { TIDB_DATASERVICE_MYSQL_URL: "mysql://root@127.0.0.1:3306" },
    );
    expect(command.kind).toBe("run");
    if (command.kind !== "run") return;
    expect(command.config.readOnly).toBe(true);
    expect(command.config.features).toEqual(["apps", "endpoints"]);
    expect(command.config.dataAppId).toBe("dataapp-1");
    expect(command.config.local).toEqual({
      dataDir: "/tmp/x",
      mysqlUrl: "mysql://root@127.0.0.1:3306",
      seedSample: true,
    });
  });

  it("lets --mysql-url win over the environment", () => {
    const command = parseCommandLine(["--local", "--mysql-url", "mysql://flag"], {
      TIDB_DATASERVICE_MYSQL_URL: "mysql://env",
    });
    expect(command.kind === "run" && command.config.local?.mysqlUrl).toBe("mysql://flag");
  });

  it("rejects unknown groups, unknown flags and local-only flags without --local", () => {
    expect(parseCommandLine(["--features", "apps,bogus"], {})).toMatchObject({
      kind: "error",
      message: expect.stringContaining("bogus"),
    });
    expect(parseCommandLine(["--nope"], {})).toMatchObject({ kind: "error" });
    expect(parseCommandLine(["--seed-sample"], {})).toMatchObject({
      kind: "error",
      message: expect.stringContaining("--local"),
    });
    expect(parseCommandLine(["--data-app", " "], {})).toMatchObject({ kind: "error" });
  });

  it("reads the client's rate-limit knobs and rejects values that are not positive integers", () => {
    const command = parseCommandLine([], {
      TIDB_DATASERVICE_RATE_LIMIT_RPM: "600",
      TIDB_DATASERVICE_MAX_RATE_LIMIT_WAIT_MS: "1500",
    });
    expect(command).toMatchObject({ kind: "run", config: { rateLimitRpm: 600, maxRateLimitWaitMs: 1500 } });
    expect(parseCommandLine([], { TIDB_DATASERVICE_RATE_LIMIT_RPM: "fast" })).toMatchObject({
      kind: "error",
      message: expect.stringContaining("TIDB_DATASERVICE_RATE_LIMIT_RPM"),
    });
    expect(parseCommandLine([], { TIDB_DATASERVICE_MAX_RATE_LIMIT_WAIT_MS: "0" })).toMatchObject({
      kind: "error",
    });
  });

  it("recognises help and version", () => {
    expect(parseCommandLine(["--help"], {})).toEqual({ kind: "help" });
    expect(parseCommandLine(["-v"], {})).toEqual({ kind: "version" });
  });
});

describe("sampleDatabaseOf", () => {
  it("names the database the emulator seeds, so the instructions point at the right tables", () => {
    for (const url of [
      "mysql://root@127.0.0.1:3306",
      "mysql://root@127.0.0.1:3306/",
      "mysql://u:p@h:1/shop_db",
    ]) {
      expect(sampleDatabaseOf(url)).toBe(sampleDatabaseName(url));
    }
  });
});

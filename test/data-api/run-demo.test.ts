import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MARIADB_URL, mariadbAvailable } from "./mariadb.js";

// The demo is the built script a newcomer runs (`npm run demo` builds first), so the test runs dist/ too.
const demoScript = fileURLToPath(new URL("../../dist/demo/run-demo.js", import.meta.url));

function runDemo(mysqlUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [demoScript], {
      env: { ...process.env, TIDB_DATASERVICE_MYSQL_URL: mysqlUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run demo (dist/demo/run-demo.js)", () => {
  it("is built", () => {
    expect(existsSync(demoScript), "run `npx tsc -p tsconfig.build.json` (npm test builds first)").toBe(true);
  });

  it.skipIf(!mariadbAvailable)(
    "walks the whole flow on the local database, rows included",
    async () => {
      const { code, stdout, stderr } = await runDemo(`${MARIADB_URL.replace(/\/$/, "")}/dataservice_sample`);
      expect(stderr).not.toContain("The demo stopped");
      expect(code).toBe(0);
      expect(stdout).toMatch(/lint_sql_template .*a first draft with mistakes\n {2}✓\n {4}Errors found/);
      expect(stdout).toMatch(/lint_sql_template .*the fixed template\n {2}✓\n {4}OK: no errors/);
      expect(stdout).toMatch(/▶ test_endpoint .*\n {2}✓\n {4}Query OK! [1-9]\d* row\(s\)/);
      expect(stdout).toMatch(/▶ call_endpoint .*\n {2}✓\n {4}Query OK! [1-9]\d* row\(s\)/);
      expect(stdout).toContain("<UNTRUSTED-DATA>");
      // The key's secret is printed once, by create_api_key, and masked where the demo passes it on.
      const privateKey = /privateKey: (\S+)/.exec(stdout)?.[1] ?? "";
      expect(privateKey).toMatch(/^[0-9a-f-]{36}$/);
      expect(stdout.split(privateKey)).toHaveLength(2);
      expect(stdout).toMatch(/▶ call_endpoint .*"privateKey":"\*\*\*\*"/);
      expect(stdout).toMatch(
        /resources\/read .*\n {2}✓ OpenAPI 3\.0\.3, paths: \/customers\/\{customer_id\}\/orders/,
      );
    },
    60_000,
  );

  it("without a database says how to get one, still completes the management flow, and hides the password", async () => {
    const { code, stdout } = await runDemo("mysql://root:not-a-real-secret@127.0.0.1:1/x");
    expect(code).toBe(0);
    expect(stdout).toContain("No MySQL-compatible database answers at 127.0.0.1:1");
    expect(stdout).toContain("start MariaDB or MySQL");
    expect(stdout).not.toContain("not-a-real-secret");
    expect(stdout).toContain("▶ test_endpoint skipped");
    expect(stdout).toContain("▶ call_endpoint skipped");
    expect(stdout).toMatch(/▶ deploy_data_app .*\n {2}✓/);
    expect(stdout).toMatch(/▶ create_api_key .*\n {2}✓/);
    expect(stdout).toContain("attach a database");
  }, 60_000);

  it.skipIf(!mariadbAvailable)(
    "stops with exit code 1 and the reason when the database refuses the login",
    async () => {
      const { code, stdout, stderr } = await runDemo("mysql://no_such_user:wrong-password@127.0.0.1:3306/x");
      expect(code).toBe(1);
      expect(stdout).toContain("Access denied");
      expect(stderr).toContain("The demo stopped: create_data_app failed.");
      expect(stdout + stderr).not.toContain("wrong-password");
    },
    60_000,
  );
});

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: endpoint SQL templates use ${name} placeholders.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bindStatement } from "../../src/emulator/data-api/bind-template.js";
import { ClusterDatabases } from "../../src/emulator/data-api/cluster-databases.js";
import { splitStatements } from "../../src/emulator/data-api/sql-statements.js";
import { QueryTimeoutError, SqlError, withConnection } from "../../src/emulator/data-api/statement-runner.js";
import { createTestDatabase, mariadbAvailable, uniqueDatabaseName } from "./mariadb.js";

const SETUP = [
  `CREATE TABLE typed (
     id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
     small SMALLINT NULL,
     flag BIT(3) NULL,
     amount DECIMAL(20,4) NULL,
     ratio DOUBLE NULL,
     day DATE NULL,
     moment TIMESTAMP NULL,
     span TIME NULL,
     label CHAR(4) NULL,
     body MEDIUMTEXT NULL,
     raw VARBINARY(8) NULL,
     colour ENUM('red','green') NULL,
     doc JSON NULL
   )`,
  `INSERT INTO typed VALUES
     (18446744073709551615, -5, b'101', 12345678901234.5678, 0.25, '2024-02-29', '2024-03-01 12:34:56', '-01:02:03', 'ab', 'long text', 'hi', 'green', '{"a": [1, 2]}'),
     (1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
];

describe.skipIf(!mariadbAvailable)("running statements on MariaDB", () => {
  const database = uniqueDatabaseName("runner");
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let databases: ClusterDatabases;

  const run = (sql: string, values: Record<string, unknown> = {}, timeoutMs = 5000) => {
    const lookup = databases.lookup("c1");
    if (!lookup.ok) throw new Error(lookup.message);
    const statements = splitStatements(sql).map((statement) =>
      bindStatement(statement, new Map(Object.entries(values)) as Map<string, string | number | null>),
    );
    return withConnection(lookup.database, timeoutMs, async (runStatement) => {
      const results = [];
      for (const statement of statements) results.push(await runStatement(statement));
      return results;
    });
  };

  beforeAll(async () => {
    db = await createTestDatabase(database, SETUP);
    databases = new ClusterDatabases([{ id: "c1", mysqlUrl: db.url }, { id: "c2" }]);
  });

  afterAll(async () => {
    await databases?.close();
    await db?.drop();
  });

  it("returns every value as exact text and names the column types", async () => {
    const [result] = await run("SELECT * FROM typed ORDER BY id DESC");
    if (result?.kind !== "rows") throw new Error("expected rows");
    expect(result.rows[0]).toEqual({
      id: "18446744073709551615",
      small: "-5",
      flag: "5",
      amount: "12345678901234.5678",
      ratio: "0.25",
      day: "2024-02-29",
      moment: "2024-03-01 12:34:56",
      span: "-01:02:03",
      label: "ab",
      body: "long text",
      raw: "hi",
      colour: "green",
      doc: '{"a": [1, 2]}',
    });
    expect(Object.values(result.rows[1] ?? {}).filter((value) => value !== null)).toEqual(["1"]);
    expect(Object.fromEntries(result.columns.map((column) => [column.col, column.dataType]))).toMatchObject({
      id: "BIGINT",
      small: "SMALLINT",
      flag: "BIT",
      amount: "DECIMAL",
      ratio: "DOUBLE",
      day: "DATE",
      moment: "TIMESTAMP",
      span: "TIME",
      label: "CHAR",
      body: "TEXT",
      raw: "VARBINARY",
      colour: "ENUM",
    });
    expect(result.columns.find((column) => column.col === "id")?.nullable).toBe(false);
    expect(result.columns.find((column) => column.col === "small")?.nullable).toBe(true);
  });

  it("binds a big unsigned id exactly", async () => {
    const [result] = await run("SELECT id FROM typed WHERE id = ${id}", { id: "18446744073709551615" });
    expect(result).toMatchObject({ kind: "rows", rows: [{ id: "18446744073709551615" }] });
  });

  it("reports writes and database errors", async () => {
    const [write] = await run("UPDATE typed SET small = 7 WHERE id = 1");
    expect(write).toEqual({ kind: "write", affectedRows: 1, insertId: 0 });
    await expect(run("SELECT nope FROM typed")).rejects.toSatisfy(
      (error) => error instanceof SqlError && error.errno === 1054,
    );
  });

  it("does not let USE leak into the next call on a pooled connection", async () => {
    const [, inside] = await run("USE information_schema; SELECT DATABASE() AS db");
    expect(inside).toMatchObject({ rows: [{ db: "information_schema" }] });
    for (let call = 0; call < 10; call++) {
      const [after] = await run("SELECT DATABASE() AS db");
      expect(after).toMatchObject({ rows: [{ db: database }] });
    }
  });

  it("rolls back a transaction the template left open", async () => {
    await run("BEGIN; UPDATE typed SET small = 99 WHERE id = 1");
    const [after] = await run("SELECT small FROM typed WHERE id = 1");
    expect(after).toMatchObject({ rows: [{ small: "7" }] });
  });

  it("stops a statement at the deadline", async () => {
    await expect(run("SELECT SLEEP(3)", {}, 300)).rejects.toBeInstanceOf(QueryTimeoutError);
  });

  it("says how to attach a database to a cluster without one", () => {
    const lookup = databases.lookup("c2");
    expect(lookup.ok).toBe(false);
    if (!lookup.ok) expect(lookup.message).toMatch(/--cluster c2=mysql:\/\/user@host:3306\/db/);
    const unknown = databases.lookup("c3");
    if (!unknown.ok) expect(unknown.message).toMatch(/not one of this emulator's clusters/);
  });
});

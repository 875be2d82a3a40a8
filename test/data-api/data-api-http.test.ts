// biome-ignore-all lint/suspicious/noTemplateCurlyInString: endpoint SQL templates use ${name} placeholders.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiKey, DataApiEnv } from "./data-api-env.js";
import { createTestDatabase, mariadbAvailable, uniqueDatabaseName } from "./mariadb.js";

const SETUP = [
  "CREATE TABLE items (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL, price DECIMAL(10,2) NOT NULL, qty INT NOT NULL, active TINYINT(1) NOT NULL, note TEXT NULL, created DATETIME NOT NULL)",
  `INSERT INTO items (name, price, qty, active, note, created) VALUES ${Array.from(
    { length: 30 },
    (_, index) =>
      `('item${index + 1}', ${(index + 1) * 1.5}, ${index + 1}, ${index % 2}, ${index === 0 ? "NULL" : `'note ${index + 1}'`}, '2024-01-${String((index % 28) + 1).padStart(2, "0")} 10:00:00')`,
  ).join(", ")}`,
  "CREATE TABLE log (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, msg VARCHAR(200) NOT NULL)",
];

describe.skipIf(!mariadbAvailable)("data API over HTTP on MariaDB", () => {
  const database = uniqueDatabaseName("http");
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: DataApiEnv;
  let reader: ApiKey;
  let writer: ApiKey;

  const count = async (table: string) => {
    const rows = (await db.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: number }[];
    return Number(rows[0]?.n);
  };

  beforeAll(async () => {
    db = await createTestDatabase(database, SETUP);
    api = await DataApiEnv.start(db.url);
    // This suite makes about a hundred calls with the reader: room enough that no test meets the key's limit.
    reader = await api.createKey("READ_ONLY", { rateLimitRpm: 1000 });
    writer = await api.createKey("READ_AND_WRITE");
    await api.createEndpoint({
      path: "/items/{id}",
      sqlTemplate: "SELECT id, name, price, qty, active, note, created FROM items WHERE id = ${id}",
      params: [{ name: "id", type: "INTEGER", required: true }],
    });
    await api.createEndpoint({ path: "/items/count", sqlTemplate: "SELECT COUNT(*) AS n FROM items" });
    await api.createEndpoint({
      path: "/types",
      sqlTemplate: "SELECT ${s} AS s, ${i} AS i, ${n} AS n, ${b} AS b",
      params: [
        { name: "s", type: "STRING", defaultValue: "fallback" },
        { name: "i", type: "INTEGER", enum: "1,2,3" },
        { name: "n", type: "NUMBER" },
        { name: "b", type: "BOOLEAN", defaultValue: "false" },
      ],
    });
    await api.createEndpoint({
      path: "/types",
      method: "POST",
      sqlTemplate:
        "SELECT ${s} AS s, ${i} AS i, ${n} AS n, ${b} AS b, (SELECT COUNT(*) FROM items WHERE id IN (${ids})) AS listed",
      params: [
        { name: "s", type: "STRING", required: true, enum: "red,green" },
        { name: "i", type: "INTEGER" },
        { name: "n", type: "NUMBER" },
        { name: "b", type: "BOOLEAN" },
        { name: "ids", type: "ARRAY", itemType: "INTEGER" },
      ],
    });
    await api.createEndpoint({
      path: "/items/by_ids",
      sqlTemplate: "SELECT id FROM items WHERE id IN (${ids}) ORDER BY id",
      params: [{ name: "ids", type: "ARRAY", itemType: "INTEGER", required: true }],
    });
    await api.createEndpoint({
      path: "/items/by_names",
      sqlTemplate: "SELECT id FROM items WHERE name IN (${names}) ORDER BY id",
      params: [{ name: "names", type: "ARRAY", itemType: "STRING", required: true }],
    });
    await api.createEndpoint({
      path: "/items/by_name",
      sqlTemplate: "SELECT id, name FROM items WHERE name = ${name} -- ${ignored} stays in the comment",
      params: [{ name: "name", type: "STRING", required: true }],
    });
    await api.createEndpoint({
      path: "/named/{name}",
      sqlTemplate: "SELECT ${name} AS name, (SELECT COUNT(*) FROM items WHERE name = ${name}) AS matches",
      params: [{ name: "name", type: "STRING", required: true }],
    });
    await api.createEndpoint({
      path: "/echo",
      method: "POST",
      sqlTemplate: "SELECT ${s} AS s, (SELECT COUNT(*) FROM items WHERE name IN (${names})) AS listed",
      params: [
        { name: "s", type: "STRING", required: true },
        { name: "names", type: "ARRAY", itemType: "STRING", required: true },
      ],
    });
    await api.createEndpoint({
      path: "/items/cheaper",
      sqlTemplate: "SELECT id FROM items WHERE price < ${max} AND active = ${active} ORDER BY id",
      params: [
        { name: "max", type: "NUMBER", required: true },
        { name: "active", type: "BOOLEAN", required: true },
      ],
    });
    await api.createEndpoint({
      path: "/log",
      method: "POST",
      sqlTemplate: "INSERT INTO log (msg) VALUES (${msg}); SELECT COUNT(*) AS total FROM log",
      params: [{ name: "msg", type: "STRING", required: true }],
    });
    await api.createEndpoint({
      path: "/log",
      method: "DELETE",
      sqlTemplate: "DELETE FROM log WHERE msg IN (${msgs})",
      params: [{ name: "msgs", type: "ARRAY", itemType: "STRING", required: true }],
    });
    await api.createEndpoint({
      path: "/log/sneaky",
      sqlTemplate: "SELECT 1 AS one; /* looks harmless */ DELETE FROM log",
    });
    await api.createEndpoint({
      path: "/items/bulk",
      method: "POST",
      batchOperation: true,
      sqlTemplate:
        "INSERT INTO items (name, price, qty, active, created) VALUES (${name}, ${price}, 1, 1, NOW())",
      params: [
        { name: "name", type: "STRING", required: true },
        { name: "price", type: "NUMBER", required: true },
      ],
    });
    await api.createEndpoint({
      path: "/items/bulk",
      method: "PUT",
      batchOperation: true,
      sqlTemplate: "UPDATE items SET qty = ${qty} WHERE id = ${id}",
      params: [
        { name: "id", type: "INTEGER", required: true },
        { name: "qty", type: "INTEGER", required: true },
      ],
    });
    await api.createEndpoint({
      path: "/slow",
      sqlTemplate: "SELECT SLEEP(2) AS slept",
      settings: { timeout: 500 },
    });
    await api.createEndpoint({
      path: "/slow_for_a_second",
      sqlTemplate: "SELECT SLEEP(3) AS slept",
      settings: { timeout: 1000 },
    });
    await api.createEndpoint({
      path: "/items/all",
      sqlTemplate: "SELECT id FROM items ORDER BY id",
      settings: { rowLimit: 10, paginationEnabled: true },
    });
    await api.createEndpoint({
      path: "/items/cached",
      sqlTemplate: "SELECT qty FROM items WHERE id = ${id}",
      params: [{ name: "id", type: "INTEGER", required: true }],
      settings: { cacheEnabled: true, cacheTtl: 30 },
    });
    await api.createEndpoint({ path: "/broken", sqlTemplate: "SELECT * FROM no_such_table" });
    await api.deploy();
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it("answers with the documented envelope: string values, null for NULL, typed columns", async () => {
    const response = await api.call("GET", "/items/1", reader);
    expect(response.status).toBe(200);
    expect(response.body.type).toBe("sql_endpoint");
    expect(response.body.data.rows).toEqual([
      {
        id: "1",
        name: "item1",
        price: "1.50",
        qty: "1",
        active: "0",
        note: null,
        created: "2024-01-01 10:00:00",
      },
    ]);
    expect(response.body.data.columns).toEqual([
      { col: "id", data_type: "INT", nullable: false },
      { col: "name", data_type: "VARCHAR", nullable: false },
      { col: "price", data_type: "DECIMAL", nullable: false },
      { col: "qty", data_type: "INT", nullable: false },
      { col: "active", data_type: "TINYINT", nullable: false },
      { col: "note", data_type: "TEXT", nullable: true },
      { col: "created", data_type: "DATETIME", nullable: false },
    ]);
    const result = response.body.data.result;
    expect(result).toMatchObject({
      code: 200,
      message: "Query OK!",
      row_count: 1,
      row_affect: 0,
      limit: 100,
    });
    expect(typeof result.start_ms).toBe("number");
    expect(result.end_ms).toBeGreaterThanOrEqual(result.start_ms as number);
    expect(result.latency).toMatch(/^\d+ms$/);
    expect(response.headers.get("x-ratelimit-limit-minute")).toBe("1000");
  });

  it("routes a literal segment before a {param} segment, and answers 404 / 405", async () => {
    expect((await api.call("GET", "/items/count", reader)).body.data.rows).toEqual([{ n: "30" }]);
    const missing = await api.call("GET", "/nothing/here", reader);
    expect(missing.status).toBe(404);
    expect(missing.body.data.result).toMatchObject({ code: 404, message: "endpoint not found" });
    const wrongMethod = await api.call("DELETE", "/items/count", reader);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.data.result).toMatchObject({ code: 405, message: "method not allowed" });
  });

  it("authenticates with Digest as well as Basic, and refuses bad or foreign keys", async () => {
    const digest = await api.call("GET", "/items/2", reader, { auth: "digest" });
    expect(digest.status).toBe(200);
    expect(digest.body.data.rows[0]?.name).toBe("item2");
    const none = await api.call("GET", "/items/2", reader, { auth: "none" });
    expect(none.status).toBe(401);
    expect(none.body.data.result).toMatchObject({ code: 401, message: "auth failed" });
    expect(none.headers.get("www-authenticate")).toContain('Digest realm="tidb.cloud"');
    const wrong = await api.call("GET", "/items/2", { ...reader, privateKey: "not-the-key" });
    expect(wrong.status).toBe(401);
    const other = await api.env.api.json("POST", "/dataApps", { body: { displayName: "other" } });
    const foreign = await api.createKey("READ_AND_WRITE", {}, String(other.dataAppId));
    const refused = await api.call("GET", "/items/2", foreign);
    expect(refused.status).toBe(401);
    expect(refused.body.data.result.code).toBe(401);
  });

  it("coerces STRING, INTEGER, NUMBER and BOOLEAN query values, with defaults and enums", async () => {
    const typed = await api.call("GET", "/types", reader, {
      query: { s: "hello", i: "2", n: "2.5", b: "true" },
    });
    expect(typed.status).toBe(200);
    expect(typed.body.data.rows).toEqual([{ s: "hello", i: "2", n: "2.5", b: "1" }]);
    const defaults = await api.call("GET", "/types", reader, { query: { i: "3" } });
    expect(defaults.body.data.rows).toEqual([{ s: "fallback", i: "3", n: null, b: "0" }]);
    const invalid: Record<string, string>[] = [{ i: "4" }, { i: "x" }, { n: "1e" }, { b: "maybe" }];
    for (const query of invalid) {
      const refused = await api.call("GET", "/types", reader, { query });
      expect(refused.status).toBe(400);
      expect(refused.body.data.result.code).toBe(400);
      expect(refused.body.data.result.message).toMatch(/^param check failed! /);
    }
    const missing = await api.call("GET", "/items/by_ids", reader);
    expect(missing.status).toBe(400);
    expect(missing.body.data.result.message).toBe("param check failed! missing required parameter 'ids'");
  });

  it("takes ARRAY values as a comma list or as repeated keys, and NUMBER / BOOLEAN in WHERE", async () => {
    const comma = await api.call("GET", "/items/by_ids", reader, { query: { ids: "3,1,2" } });
    expect(comma.body.data.rows).toEqual([{ id: "1" }, { id: "2" }, { id: "3" }]);
    const repeated = await api.call("GET", "/items/by_ids", reader, { query: { ids: ["4", "5,6"] } });
    expect(repeated.body.data.rows).toEqual([{ id: "4" }, { id: "5" }, { id: "6" }]);
    const names = await api.call("GET", "/items/by_names", reader, { query: { names: "item7, item9" } });
    expect(names.body.data.rows).toEqual([{ id: "7" }, { id: "9" }]);
    const cheaper = await api.call("GET", "/items/cheaper", reader, { query: { max: "7", active: "true" } });
    expect(cheaper.body.data.rows).toEqual([{ id: "2" }, { id: "4" }]);
  });

  it("takes POST parameters from a JSON body, typed or as strings", async () => {
    const typed = await api.call("POST", "/types", reader, {
      body: { s: "red", i: 7, n: 1.25, b: false, ids: [9, 8] },
    });
    expect(typed.status).toBe(200);
    expect(typed.body.data.rows).toEqual([{ s: "red", i: "7", n: "1.25", b: "0", listed: "2" }]);
    const strings = await api.call("POST", "/types", reader, { body: { s: "green", i: "7", ids: "1,2" } });
    expect(strings.body.data.rows[0]).toMatchObject({ s: "green", i: "7", listed: "2" });
    const notInEnum = await api.call("POST", "/types", reader, { body: { s: "blue" } });
    expect(notInEnum.status).toBe(400);
    const badJson = await api.call("POST", "/types", reader, { rawBody: "{not json" });
    expect(badJson.status).toBe(400);
    expect(badJson.body.data.result.message).toMatch(/^param check failed! /);
  });

  it("keeps injection attempts as data through every parameter type and location", async () => {
    const attacks = ["' OR '1'='1", "item1' -- ", "x'; DROP TABLE items; --", '" OR ""="', "\\' OR 1=1 #"];
    for (const attack of attacks) {
      const echoed = await api.call("GET", "/types", reader, { query: { s: attack, i: "1" } });
      expect(echoed.body.data.rows[0]?.s).toBe(attack);
      // A SQL error is HTTP 200 too, so the result code shows the statement really ran.
      const where = await api.call("GET", "/items/by_name", reader, { query: { name: attack } });
      expect(where.status).toBe(200);
      expect(where.body.data.result.code).toBe(200);
      expect(where.body.data.rows).toEqual([]);
      const listed = await api.call("GET", "/items/by_names", reader, { query: { names: [attack] } });
      expect(listed.body.data.result.code).toBe(200);
      expect(listed.body.data.rows).toEqual([]);
      const body = await api.call("POST", "/echo", reader, { body: { s: attack, names: [attack, "item1"] } });
      expect(body.body.data.rows).toEqual([{ s: attack, listed: "1" }]);
      const path = await api.call("GET", `/named/${encodeURIComponent(attack)}`, reader);
      expect(path.body.data.rows).toEqual([{ name: attack, matches: "0" }]);
    }
    // A JSON array's item stays one value even with a comma in it.
    const joined = await api.call("POST", "/echo", reader, { body: { s: "x", names: ["item1,item2"] } });
    expect(joined.body.data.rows).toEqual([{ s: "x", listed: "0" }]);
    const attempts: Record<string, string>[] = [
      { i: "1 OR 1=1" },
      { i: "1; DROP TABLE items" },
      { n: "1) OR (1=1" },
      { b: "1 OR 1=1" },
    ];
    for (const query of attempts) {
      expect((await api.call("GET", "/types", reader, { query })).status).toBe(400);
    }
    expect((await api.call("GET", "/items/by_ids", reader, { query: { ids: "1) OR (1=1" } })).status).toBe(
      400,
    );
    expect((await api.call("GET", "/items/1%20OR%201%3D1", reader)).status).toBe(400);
    const pathString = await api.call("POST", "/types", reader, {
      body: { s: "red", ids: ["1", "2 OR 1=1"] },
    });
    expect(pathString.status).toBe(400);
    // The placeholder in the comment is not bound and the table is intact.
    expect(await count("items")).toBe(30);
  });

  it("refuses writes with a READ_ONLY key, also when hidden after a SELECT, and runs them with READ_AND_WRITE", async () => {
    const before = await count("log");
    const refused = await api.call("POST", "/log", reader, { body: { msg: "nope" } });
    expect(refused.status).toBe(403);
    expect(refused.body.data.result.message).toMatch(/READ_ONLY/);
    const sneaky = await api.call("GET", "/log/sneaky", reader);
    expect(sneaky.status).toBe(403);
    expect(await count("log")).toBe(before);
    const written = await api.call("POST", "/log", writer, { body: { msg: "hello" } });
    expect(written.status).toBe(200);
    // Several statements run in order; the last one's result is returned.
    expect(written.body.data.rows).toEqual([{ total: String(before + 1) }]);
  });

  it("takes DELETE parameters from the query and reports the rows affected", async () => {
    await db.query("INSERT INTO log (msg) VALUES ('gone1'), ('gone2'), ('kept')");
    const response = await api.call("DELETE", "/log", writer, { query: { msgs: ["gone1", "gone2"] } });
    expect(response.status).toBe(200);
    expect(response.body.data.result).toMatchObject({ code: 200, row_affect: 2, row_count: 0 });
    expect(response.body.data.result.message).toMatch(/^Query OK, 2 rows affected \(\d+\.\d{3} sec\)$/);
    expect(response.body.data.columns).toEqual([]);
    const left = (await db.query("SELECT msg FROM log WHERE msg LIKE 'gone%' OR msg = 'kept'")) as {
      msg: string;
    }[];
    expect(left.map((row) => row.msg)).toEqual(["kept"]);
  });

  it("answers 408 when the endpoint's timeout passes, and kills the query", async () => {
    const started = Date.now();
    const response = await api.call("GET", "/slow", reader);
    expect(response.status).toBe(408);
    expect(response.body.data.result).toMatchObject({ code: 408, message: "request timeout." });
    expect(Date.now() - started).toBeLessThan(1800);
    // The KILL runs from a fresh connection after the answer: poll rather than guess how long it takes.
    const stillSleeping = async () => {
      const rows = (await db.query(
        "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT SLEEP(2)%'",
      )) as { n: number }[];
      return Number(rows[0]?.n);
    };
    let sleeping = await stillSleeping();
    // Polling stops before SLEEP(2) would end by itself, so only the KILL can empty the list.
    while (sleeping > 0 && Date.now() - started < 1800) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      sleeping = await stillSleeping();
    }
    expect(sleeping).toBe(0);
  });

  it("times out calls waiting for a busy pool too, and recovers afterwards", async () => {
    const started = Date.now();
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => api.call("GET", "/slow_for_a_second", reader)),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(12).fill(408));
    // Eight connections serve twelve calls: the four waiting for one time out on the same 1 s deadline.
    // Were the wait not counted, they would answer after 2 s or more; 1.8 s leaves room for a loaded machine.
    expect(Date.now() - started).toBeLessThan(1800);
    expect((await api.call("GET", "/items/3", reader)).body.data.rows[0]?.id).toBe("3");
  });

  it("caps rows at the row limit and pages with page / page_size", async () => {
    const capped = await api.call("GET", "/items/all", reader);
    expect(capped.body.data.rows.map((row) => row.id)).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "10",
    ]);
    expect(capped.body.data.result).toMatchObject({ row_count: 10, limit: 10 });
    const second = await api.call("GET", "/items/all", reader, { query: { page: "2", page_size: "5" } });
    expect(second.body.data.rows.map((row) => row.id)).toEqual(["6", "7", "8", "9", "10"]);
    const last = await api.call("GET", "/items/all", reader, { query: { page: "3" } });
    expect(last.body.data.rows.map((row) => row.id)).toEqual([
      "21",
      "22",
      "23",
      "24",
      "25",
      "26",
      "27",
      "28",
      "29",
      "30",
    ]);
    const tooBig = await api.call("GET", "/items/all", reader, { query: { page_size: "11" } });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.data.result.message).toMatch(/^param check failed! page_size/);
  });

  it("serves a repeated GET from the cache within the TTL", async () => {
    const first = await api.call("GET", "/items/cached", reader, { query: { id: "12" } });
    expect(first.body.data.rows).toEqual([{ qty: "12" }]);
    await db.query("UPDATE items SET qty = 999 WHERE id = 12");
    const cached = await api.call("GET", "/items/cached", reader, { query: { id: "12" } });
    expect(cached.body.data.rows).toEqual([{ qty: "12" }]);
    // Other arguments, and the draft of the same endpoint, are not served from this call's entry.
    const otherId = await api.call("GET", "/items/cached", reader, { query: { id: "13" } });
    expect(otherId.body.data.rows).toEqual([{ qty: "13" }]);
    const draft = await api.call("GET", "/items/cached", reader, { query: { id: "12" }, draft: true });
    expect(draft.body.data.rows).toEqual([{ qty: "999" }]);
    await db.query("UPDATE items SET qty = 12 WHERE id = 12");
  });

  it("runs batch inserts and updates with per-row outcomes", async () => {
    const inserted = await api.call("POST", "/items/bulk", writer, {
      body: {
        items: [
          { name: "bulk1", price: 1 },
          { name: "bulk2", price: "2.5" },
        ],
      },
    });
    expect(inserted.status).toBe(200);
    expect(inserted.body.data.columns).toEqual([]);
    const [first, second] = inserted.body.data.rows;
    expect(first).toMatchObject({ index: "0", message: "Row insert successfully", success: "true" });
    expect(Number(second?.auto_increment_id)).toBe(Number(first?.auto_increment_id) + 1);
    expect(inserted.body.data.result.row_affect).toBe(2);
    const bare = await api.call("POST", "/items/bulk", writer, { body: [{ name: "bulk3", price: 3 }] });
    expect(bare.body.data.rows).toHaveLength(1);
    const updated = await api.call("PUT", "/items/bulk", writer, {
      body: {
        items: [
          { id: 1, qty: 50 },
          { id: 2, qty: 60 },
        ],
      },
    });
    expect(updated.body.data.rows).toEqual([
      { index: "0", message: "Row update successfully", success: "true", auto_increment_id: null },
      { index: "1", message: "Row update successfully", success: "true", auto_increment_id: null },
    ]);
    const badItem = await api.call("POST", "/items/bulk", writer, { body: { items: [{ name: "x" }] } });
    expect(badItem.status).toBe(400);
    expect(badItem.body.data.result.message).toBe(
      "param check failed! item 0: missing required parameter 'price'",
    );
    await db.query("DELETE FROM items WHERE name LIKE 'bulk%'");
    await db.query("UPDATE items SET qty = id WHERE id IN (1, 2)");
  });

  it("reports SQL errors as HTTP 200 with the database error code", async () => {
    const response = await api.call("GET", "/broken", reader);
    expect(response.status).toBe(200);
    expect(response.body.data.result.code).toBe(1146);
    expect(response.body.data.result.message).toMatch(/no_such_table/);
    expect(response.body.data.rows).toEqual([]);
  });

  it("calls the deployed version by default and the draft with endpoint-type: draft", async () => {
    const endpointId = await api.createEndpoint({ path: "/version", sqlTemplate: "SELECT 'v1' AS v" });
    expect((await api.call("GET", "/version", reader)).status).toBe(404);
    expect((await api.call("GET", "/version", reader, { draft: true })).body.data.rows).toEqual([
      { v: "v1" },
    ]);
    await api.deploy();
    await api.updateEndpoint(endpointId, { sqlTemplate: "SELECT 'v2' AS v" });
    expect((await api.call("GET", "/version", reader)).body.data.rows).toEqual([{ v: "v1" }]);
    expect((await api.call("GET", "/version", reader, { draft: true })).body.data.rows).toEqual([
      { v: "v2" },
    ]);
  });

  it("runs the draft for the management test call in the camelCase test shape", async () => {
    const endpointId = await api.createEndpoint({
      path: "/tested/{id}",
      sqlTemplate: "SELECT id, name FROM items WHERE id = ${id}",
      params: [{ name: "id", type: "INTEGER", required: true }],
    });
    const response = await api.test(endpointId, { id: "3" });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      type: "sql_endpoint",
      data: {
        columns: [
          { col: "id", dataType: "INT", nullable: false },
          { col: "name", dataType: "VARCHAR", nullable: false },
        ],
        rows: [{ items: { id: "3", name: "item3" } }],
        result: { code: 200, message: "Query OK!", rowCount: 1, rowAffect: 0, limit: 100 },
      },
    });
    const batchId = await api.createEndpoint({
      path: "/tested_bulk",
      method: "POST",
      batchOperation: true,
      sqlTemplate: "INSERT INTO log (msg) VALUES (${msg})",
      params: [{ name: "msg", type: "STRING", required: true }],
    });
    const batch = await api.test(batchId, { msg: "from the test call" });
    expect(batch.json).toMatchObject({
      data: { rows: [{ items: { index: "0", success: "true" } }], result: { code: 200, rowAffect: 1 } },
    });
    expect(await db.query("SELECT msg FROM log WHERE msg = 'from the test call'")).toHaveLength(1);
    const bad = await api.test(endpointId, { id: "three" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain("param check failed!");
  });
});

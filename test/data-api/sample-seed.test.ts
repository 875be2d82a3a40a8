// biome-ignore-all lint/suspicious/noTemplateCurlyInString: endpoint SQL templates use ${name} placeholders.
import mysql from "mysql2/promise";
import { afterAll, describe, expect, it } from "vitest";
import { SAMPLE_COUNTS, sampleTables } from "../../src/emulator/sample/sample-data.js";
import {
  SAMPLE_DATABASE,
  sampleDatabaseName,
  seedSampleDataset,
} from "../../src/emulator/sample/seed-sample.js";
import { DataApiEnv } from "./data-api-env.js";
import { databaseUrl, MARIADB_URL, mariadbAvailable, uniqueDatabaseName } from "./mariadb.js";

describe("the sample dataset", () => {
  it("is generated deterministically with a few thousand rows", () => {
    const first = sampleTables();
    expect(sampleTables()).toEqual(first);
    expect(first.map((table) => table.name)).toEqual(["customers", "products", "orders", "order_items"]);
    const total = first.reduce((sum, table) => sum + table.rows.length, 0);
    expect(total).toBeGreaterThan(3000);
    expect(first[2]?.rows).toHaveLength(SAMPLE_COUNTS.orders);
    const productNames = first[1]?.rows.map((row) => row[2]) ?? [];
    expect(new Set(productNames).size).toBe(SAMPLE_COUNTS.products);
  });

  it("goes into the URL's database, or dataservice_sample when the URL names none", () => {
    expect(sampleDatabaseName("mysql://root@127.0.0.1:3306/shop")).toBe("shop");
    expect(sampleDatabaseName("mysql://root@127.0.0.1:3306")).toBe(SAMPLE_DATABASE);
    expect(sampleDatabaseName("mysql://root@127.0.0.1:3306/")).toBe(SAMPLE_DATABASE);
  });

  describe.skipIf(!mariadbAvailable)("on MariaDB", () => {
    const database = uniqueDatabaseName("sample");
    afterAll(async () => {
      const admin = await mysql.createConnection({ uri: MARIADB_URL });
      await admin.query(`DROP DATABASE IF EXISTS ${mysql.escapeId(database)}`);
      await admin.end();
    });

    it("loads once, is a no-op the second time, and reloads a damaged copy", async () => {
      const url = databaseUrl(database);
      const first = await seedSampleDataset(url);
      expect(first).toMatchObject({ database, loaded: true });
      const second = await seedSampleDataset(url);
      expect(second.loaded).toBe(false);
      const admin = await mysql.createConnection({ uri: url });
      try {
        const [rows] = await admin.query("SELECT COUNT(*) AS n FROM order_items");
        const expectedItems = sampleTables()[3]?.rows.length;
        expect(Number((rows as { n: number }[])[0]?.n)).toBe(expectedItems);
        await admin.query("DELETE FROM sample_dataset_info");
        await admin.query("DELETE FROM customers WHERE id < 10");
      } finally {
        await admin.end();
      }
      expect((await seedSampleDataset(url)).loaded).toBe(true);
      const check = await mysql.createConnection({ uri: url });
      const [customers] = await check.query("SELECT COUNT(*) AS n FROM customers");
      await check.end();
      expect(Number((customers as { n: number }[])[0]?.n)).toBe(SAMPLE_COUNTS.customers);
    });

    it("is loaded by the emulator with seedSample and served through an endpoint", async () => {
      const api = await DataApiEnv.start(databaseUrl(database), { seedSample: true });
      try {
        await api.createEndpoint({
          path: "/customers/{id}/orders",
          sqlTemplate:
            "SELECT o.id, o.status, o.total FROM orders o WHERE o.customer_id = ${id} ORDER BY o.id",
          params: [{ name: "id", type: "INTEGER", required: true }],
        });
        const key = await api.createKey("READ_ONLY");
        const response = await api.call("GET", "/customers/1/orders", key, { draft: true });
        expect(response.status).toBe(200);
        expect(response.body.data.rows.length).toBeGreaterThan(0);
        expect(response.body.data.columns.map((column) => column.col)).toEqual(["id", "status", "total"]);
      } finally {
        await api.close();
      }
    });
  });
});

import mysql from "mysql2/promise";
import { describeMysqlUrl } from "../data-api/cluster-databases.js";
import { SAMPLE_COUNTS, SAMPLE_SEED, sampleTables } from "./sample-data.js";

export const SAMPLE_DATABASE = "dataservice_sample";
/** Bump when the schema or the generator changes, so existing copies are reloaded. */
const SAMPLE_VERSION = 1;
const INFO_TABLE = "sample_dataset_info";
const INSERT_CHUNK = 500;

export interface SeedResult {
  database: string;
  /** False when the same version was already loaded (a no-op). */
  loaded: boolean;
  rows: number;
}

/** The database the sample goes into: the one named in the URL, else `dataservice_sample`. */
export function sampleDatabaseName(mysqlUrl: string): string {
  const path = new URL(mysqlUrl).pathname.replace(/^\//, "");
  return path === "" ? SAMPLE_DATABASE : decodeURIComponent(path);
}

/**
 * Loads customers, products, orders and order_items (deterministic rows) into
 * the sample database. Idempotent: when the same version is there already it
 * does nothing; an older or partial copy is dropped and reloaded.
 */
export async function seedSampleDataset(mysqlUrl: string): Promise<SeedResult> {
  const database = sampleDatabaseName(mysqlUrl);
  const url = new URL(mysqlUrl);
  url.pathname = "/";
  let connection: mysql.Connection;
  try {
    connection = await mysql.createConnection({ uri: url.toString(), connectTimeout: 5000 });
  } catch (error) {
    throw new Error(
      `Cannot load the sample dataset: cannot connect to ${describeMysqlUrl(mysqlUrl)} (${(error as Error).message}). Start the database or drop --seed-sample.`,
    );
  }
  try {
    // Two emulators seeding the same database at once take turns.
    await connection.query("SELECT GET_LOCK(?, 30)", [`seed:${database}`]);
    await connection.query(`CREATE DATABASE IF NOT EXISTS ${mysql.escapeId(database)}`);
    await connection.query(`USE ${mysql.escapeId(database)}`);
    const tables = sampleTables();
    const total = tables.reduce((sum, table) => sum + table.rows.length, 0);
    if (await isLoaded(connection)) return { database, loaded: false, rows: total };
    await connection.query(
      `DROP TABLE IF EXISTS ${INFO_TABLE}, ${tables.map((table) => table.name).join(", ")}`,
    );
    for (const table of tables) {
      await connection.query(table.createSql);
      for (let start = 0; start < table.rows.length; start += INSERT_CHUNK) {
        const chunk = table.rows.slice(start, start + INSERT_CHUNK);
        await connection.query(`INSERT INTO ${table.name} (${table.columns.join(", ")}) VALUES ?`, [chunk]);
      }
    }
    await connection.query(
      `CREATE TABLE ${INFO_TABLE} (version INT NOT NULL, seed INT NOT NULL, customers INT NOT NULL, products INT NOT NULL, orders INT NOT NULL)`,
    );
    await connection.query(`INSERT INTO ${INFO_TABLE} VALUES (?, ?, ?, ?, ?)`, [
      SAMPLE_VERSION,
      SAMPLE_SEED,
      SAMPLE_COUNTS.customers,
      SAMPLE_COUNTS.products,
      SAMPLE_COUNTS.orders,
    ]);
    return { database, loaded: true, rows: total };
  } finally {
    await connection.query("SELECT RELEASE_LOCK(?)", [`seed:${database}`]).catch(() => undefined);
    await connection.end();
  }
}

async function isLoaded(connection: mysql.Connection): Promise<boolean> {
  try {
    const [rows] = await connection.query(`SELECT version, seed FROM ${INFO_TABLE}`);
    const info = (rows as { version: number; seed: number }[])[0];
    return info?.version === SAMPLE_VERSION && info.seed === SAMPLE_SEED;
  } catch {
    return false;
  }
}

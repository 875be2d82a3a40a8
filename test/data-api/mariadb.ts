import mysql from "mysql2/promise";

export const MARIADB_URL = process.env.TIDB_DATASERVICE_TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306";

async function probe(): Promise<string | undefined> {
  try {
    const connection = await mysql.createConnection({ uri: MARIADB_URL, connectTimeout: 3000 });
    await connection.end();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const problem = await probe();
if (problem !== undefined) {
  const message = `MariaDB at ${MARIADB_URL} is not reachable (${problem}); the data API tests need it.`;
  if (process.env.CI === "true") throw new Error(`${message} Under CI=true this is a failure.`);
  console.warn(`SKIPPED: ${message} Start MariaDB on 127.0.0.1:3306 (root, empty password) to run them.`);
}

/** True when the machine's MariaDB answers; false means skip (outside CI). */
export const mariadbAvailable = problem === undefined;

/** A database name unique to one test file and run. */
export function uniqueDatabaseName(label: string): string {
  return `dsapi_${label}_${process.pid}_${Date.now().toString(36)}`;
}

export function databaseUrl(database: string): string {
  return `${MARIADB_URL.replace(/\/$/, "")}/${database}`;
}

/** Creates a database, runs the setup SQL statements in it, and returns a way to drop it. */
export async function createTestDatabase(
  database: string,
  setup: string[],
): Promise<{
  url: string;
  query: (sql: string, values?: unknown[]) => Promise<unknown>;
  drop: () => Promise<void>;
}> {
  const admin = await mysql.createConnection({ uri: MARIADB_URL });
  await admin.query(`CREATE DATABASE ${mysql.escapeId(database)}`);
  await admin.query(`USE ${mysql.escapeId(database)}`);
  for (const sql of setup) await admin.query(sql);
  return {
    url: databaseUrl(database),
    query: async (sql, values) => (await admin.query(sql, values))[0],
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${mysql.escapeId(database)}`);
      await admin.end();
    },
  };
}

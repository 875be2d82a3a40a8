import mysql, { type Pool } from "mysql2/promise";
import type { ClusterConfig } from "../data-plane.js";

export interface ClusterDatabase {
  clusterId: string;
  pool: Pool;
  /** The database named in the URL, if any: the one every pooled connection is in. */
  defaultDatabase?: string;
  /** host:port/db without credentials, for messages and logs. */
  label: string;
  /** Stops the statement running on a connection, from a connection of its own. */
  killQuery(threadId: number): Promise<void>;
}

export type DatabaseLookup = { ok: true; database: ClusterDatabase } | { ok: false; message: string };

/** The options every connection to a cluster's database uses: values come back as exact text. */
function connectionOptions(mysqlUrl: string): mysql.PoolOptions {
  return {
    uri: mysqlUrl,
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    decimalNumbers: false,
    jsonStrings: true,
    multipleStatements: false,
    connectTimeout: 5000,
  };
}

/** The URL without its password, safe for messages. */
export function describeMysqlUrl(mysqlUrl: string): string {
  try {
    const url = new URL(mysqlUrl);
    const user = url.username === "" ? "" : `${decodeURIComponent(url.username)}@`;
    return `${user}${url.hostname}:${url.port === "" ? "3306" : url.port}${url.pathname === "/" ? "" : url.pathname}`;
  } catch {
    return "(an unparsable mysql URL)";
  }
}

function missingDatabaseMessage(clusterId: string, configured: boolean): string {
  const attach = `Start the emulator with --cluster ${clusterId}=mysql://user@host:3306/db (or --mysql-url mysql://user@host:3306/db, or TIDB_DATASERVICE_MYSQL_URL, for the default cluster) to run endpoints on a MySQL-compatible database.`;
  return configured
    ? `cluster ${clusterId} has no database attached. ${attach}`
    : `cluster ${clusterId} is not one of this emulator's clusters. ${attach}`;
}

/** One lazily created mysql2 pool per cluster that has a database URL. */
export class ClusterDatabases {
  private readonly databases = new Map<string, ClusterDatabase>();

  constructor(private readonly clusters: readonly ClusterConfig[]) {}

  lookup(clusterId: string): DatabaseLookup {
    const existing = this.databases.get(clusterId);
    if (existing !== undefined) return { ok: true, database: existing };
    const cluster = this.clusters.find((candidate) => candidate.id === clusterId);
    if (cluster?.mysqlUrl === undefined) {
      return { ok: false, message: missingDatabaseMessage(clusterId, cluster !== undefined) };
    }
    const options = connectionOptions(cluster.mysqlUrl);
    // Few prepared statements per connection: ARRAY sizes make many distinct texts, and the server caps the total.
    const pool = mysql.createPool({
      ...options,
      connectionLimit: 8,
      maxIdle: 8,
      idleTimeout: 60_000,
      maxPreparedStatements: 64,
    });
    const path = new URL(cluster.mysqlUrl).pathname.replace(/^\//, "");
    const database: ClusterDatabase = {
      clusterId,
      pool,
      ...(path === "" ? {} : { defaultDatabase: decodeURIComponent(path) }),
      label: describeMysqlUrl(cluster.mysqlUrl),
      killQuery: async (threadId) => {
        const killer = await mysql.createConnection(options);
        try {
          await killer.query(`KILL QUERY ${Number(threadId)}`);
        } finally {
          await killer.end();
        }
      },
    };
    this.databases.set(clusterId, database);
    return { ok: true, database };
  }

  async close(): Promise<void> {
    const pools = [...this.databases.values()].map((database) => database.pool.end());
    this.databases.clear();
    await Promise.allSettled(pools);
  }
}

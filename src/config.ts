import { parseArgs } from "node:util";
import { FEATURE_GROUPS, type FeatureGroup } from "./mcp/tool-definition.js";

/** The global data API host; it redirects to the app's region. A regional URL avoids the redirect. */
export const DEFAULT_DATA_API_URL = "https://data.tidbcloud.com/api/v1beta";

/** Where --seed-sample puts the sample tables: the URL's database, else the emulator's default. */
export function sampleDatabaseOf(mysqlUrl: string): string {
  try {
    const path = new URL(mysqlUrl).pathname.replace(/^\//, "");
    return path === "" ? "dataservice_sample" : decodeURIComponent(path);
  } catch {
    return "dataservice_sample";
  }
}

export interface LocalModeConfig {
  dataDir?: string;
  mysqlUrl?: string;
  seedSample: boolean;
}

export interface CliConfig {
  publicKey?: string;
  privateKey?: string;
  projectId?: string;
  apiUrl?: string;
  dataApiUrl?: string;
  appPublicKey?: string;
  appPrivateKey?: string;
  /** Client-side request budget per minute (the service allows 100 per organization key). */
  rateLimitRpm?: number;
  /** How long one call may wait out 429s before the tool reports when to retry. */
  maxRateLimitWaitMs?: number;
  readOnly: boolean;
  features: FeatureGroup[];
  dataAppId?: string;
  /** Present with --local: run the embedded emulator and point the client at it. */
  local?: LocalModeConfig;
}

export type CliCommand =
  | { kind: "run"; config: CliConfig }
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "error"; message: string };

export const HELP_TEXT = `tidb-dataservice-mcp: MCP server (stdio) for TiDB Cloud Data Service

Usage: tidb-dataservice-mcp [options]

Options:
  --read-only           expose only tools that read; mutating calls are refused
  --features <groups>   comma list of: ${FEATURE_GROUPS.join(", ")} (default: all)
  --data-app <id>       scope every tool to one Data App (dataAppId is injected)
  --local               start the embedded emulator and use it instead of TiDB Cloud
  --data-dir <dir>      (--local) where the emulator keeps its state
  --mysql-url <url>     (--local) database that endpoints run on (or TIDB_DATASERVICE_MYSQL_URL)
  --seed-sample         (--local) load the sample shop dataset into that database
  -h, --help            show this help
  -v, --version         show the version

Environment:
  TIDB_CLOUD_PUBLIC_KEY, TIDB_CLOUD_PRIVATE_KEY   organization API key (required unless --local)
  TIDB_CLOUD_PROJECT_ID                           project whose Data Apps are managed (needed to list and create them)
  TIDB_DATASERVICE_API_URL                        management API base URL override
  TIDB_DATASERVICE_DATA_API_URL                   data API base URL (call_endpoint), e.g.
                                                  https://us-east-1.data.tidbcloud.com/api/v1beta
  TIDB_DATASERVICE_APP_PUBLIC_KEY, TIDB_DATASERVICE_APP_PRIVATE_KEY   default Data App key for call_endpoint
  TIDB_DATASERVICE_RATE_LIMIT_RPM                 client-side requests per minute (default 100, the service's limit)
  TIDB_DATASERVICE_MAX_RATE_LIMIT_WAIT_MS         how long a call waits out 429s before reporting (default 30000)
`;

type Env = Record<string, string | undefined>;

/** Reads flags and environment; flags win. Pure, so it is tested without spawning. */
export function parseCommandLine(argv: readonly string[], env: Env): CliCommand {
  let values: ReturnType<typeof parseFlags>["values"];
  try {
    values = parseFlags(argv).values;
  } catch (error) {
    return {
      kind: "error",
      message: `${error instanceof Error ? error.message : String(error)}. See --help.`,
    };
  }
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };

  let features: FeatureGroup[] = [...FEATURE_GROUPS];
  if (values.features !== undefined) {
    const requested = values.features
      .split(",")
      .map((group) => group.trim())
      .filter((group) => group !== "");
    const unknown = requested.filter((group) => !(FEATURE_GROUPS as readonly string[]).includes(group));
    if (unknown.length > 0 || requested.length === 0) {
      return {
        kind: "error",
        message: `--features: unknown group(s) ${unknown.join(", ") || "(none given)"}; valid: ${FEATURE_GROUPS.join(", ")}.`,
      };
    }
    features = requested as FeatureGroup[];
  }
  if (values["data-app"] !== undefined && values["data-app"].trim() === "") {
    return { kind: "error", message: "--data-app needs a Data App id." };
  }
  const localOnly = ["data-dir", "mysql-url", "seed-sample"] as const;
  if (!values.local) {
    const misplaced = localOnly.filter((flag) => values[flag] !== undefined);
    if (misplaced.length > 0) {
      return { kind: "error", message: `--${misplaced.join(", --")} only apply with --local.` };
    }
  }

  const rateLimitRpm = positiveInteger(env.TIDB_DATASERVICE_RATE_LIMIT_RPM);
  const maxRateLimitWaitMs = positiveInteger(env.TIDB_DATASERVICE_MAX_RATE_LIMIT_WAIT_MS);
  for (const [name, value] of [
    ["TIDB_DATASERVICE_RATE_LIMIT_RPM", rateLimitRpm],
    ["TIDB_DATASERVICE_MAX_RATE_LIMIT_WAIT_MS", maxRateLimitWaitMs],
  ] as const) {
    if (value === null) return { kind: "error", message: `${name} must be a positive integer.` };
  }

  const config: CliConfig = {
    publicKey: nonEmpty(env.TIDB_CLOUD_PUBLIC_KEY),
    privateKey: nonEmpty(env.TIDB_CLOUD_PRIVATE_KEY),
    projectId: nonEmpty(env.TIDB_CLOUD_PROJECT_ID),
    apiUrl: nonEmpty(env.TIDB_DATASERVICE_API_URL),
    dataApiUrl: nonEmpty(env.TIDB_DATASERVICE_DATA_API_URL),
    appPublicKey: nonEmpty(env.TIDB_DATASERVICE_APP_PUBLIC_KEY),
    appPrivateKey: nonEmpty(env.TIDB_DATASERVICE_APP_PRIVATE_KEY),
    ...(rateLimitRpm ? { rateLimitRpm } : {}),
    ...(maxRateLimitWaitMs ? { maxRateLimitWaitMs } : {}),
    readOnly: values["read-only"] ?? false,
    features,
    dataAppId: values["data-app"]?.trim(),
  };
  if (values.local) {
    config.local = {
      dataDir: values["data-dir"],
      mysqlUrl: values["mysql-url"] ?? nonEmpty(env.TIDB_DATASERVICE_MYSQL_URL),
      seedSample: values["seed-sample"] ?? false,
    };
  }
  return { kind: "run", config };
}

function parseFlags(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      "read-only": { type: "boolean" },
      features: { type: "string" },
      "data-app": { type: "string" },
      local: { type: "boolean" },
      "data-dir": { type: "string" },
      "mysql-url": { type: "string" },
      "seed-sample": { type: "boolean" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "v" },
    },
  });
}

/** undefined when unset, null when set but not a positive integer. */
function positiveInteger(value: string | undefined): number | undefined | null {
  const text = nonEmpty(value);
  if (text === undefined) return undefined;
  return /^[1-9][0-9]*$/.test(text) ? Number(text) : null;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

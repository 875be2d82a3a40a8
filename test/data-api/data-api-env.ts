import { createDataPlane } from "../../src/emulator/data-api/index.js";
import type { DataPlaneFactory } from "../../src/emulator/data-plane.js";
import { DEFAULT_CLUSTER_ID, type EmulatorOptions } from "../../src/emulator/index.js";
import { DigestFetch } from "../helpers/digest-fetch.js";
import { startTestEmulator, type TestEmulator } from "../helpers/start-emulator.js";

export interface EndpointSpec {
  path: string;
  method?: string;
  sqlTemplate: string;
  params?: Record<string, unknown>[];
  settings?: Record<string, unknown>;
  batchOperation?: boolean;
  clusterId?: string;
}

export interface ApiKey {
  publicKey: string;
  privateKey: string;
  apiKeyId: string;
}

export interface Envelope {
  type: string;
  data: {
    columns: { col: string; data_type: string; nullable: boolean }[];
    rows: Record<string, string | null>[];
    result: {
      code: number;
      message: string;
      start_ms: number | "";
      end_ms: number | "";
      latency: string;
      row_count: number;
      row_affect: number;
      limit: number;
    };
  };
}

export interface DataApiResponse {
  status: number;
  headers: Headers;
  body: Envelope;
}

export interface CallOptions {
  query?: Record<string, string | string[]>;
  body?: unknown;
  rawBody?: string;
  draft?: boolean;
  key?: ApiKey;
  auth?: "basic" | "digest" | "none";
}

/** An emulator with this project's data plane, one Data App linked to the default cluster, and helpers to author and call endpoints. */
export class DataApiEnv {
  private constructor(
    readonly env: TestEmulator,
    readonly dataAppId: string,
    readonly clusterId: string,
  ) {}

  static async start(
    mysqlUrl: string | undefined,
    options: EmulatorOptions = {},
    factory: DataPlaneFactory = createDataPlane,
  ) {
    const env = await startTestEmulator({ mysqlUrl, dataPlaneFactory: factory, ...options });
    const app = await env.api.json("POST", "/dataApps", { body: { displayName: "dataapi-tests" } });
    const dataAppId = String(app.dataAppId);
    const clusterId = options.clusters?.[0]?.id ?? DEFAULT_CLUSTER_ID;
    await env.api.json("POST", `/dataApps/${dataAppId}/dataSources`, { body: { clusterId } });
    return new DataApiEnv(env, dataAppId, clusterId);
  }

  async createEndpoint(spec: EndpointSpec): Promise<string> {
    const created = await this.env.api.json("POST", `/dataApps/${this.dataAppId}/endpoints`, {
      body: {
        displayName: spec.path.replace(/[{}]/g, "").slice(0, 32) || "root",
        path: spec.path,
        method: spec.method ?? "GET",
        clusterId: spec.clusterId ?? this.clusterId,
        sqlTemplate: spec.sqlTemplate,
        tag: "Default",
        params: spec.params ?? [],
        settings: {
          timeout: 5000,
          rowLimit: 100,
          paginationEnabled: false,
          cacheEnabled: false,
          ...spec.settings,
        },
        batchOperation: spec.batchOperation ?? false,
      },
    });
    return String(created.endpointId);
  }

  async updateEndpoint(endpointId: string, patch: Record<string, unknown>): Promise<void> {
    await this.env.api.json("PATCH", `/dataApps/${this.dataAppId}/endpoints/${endpointId}`, { body: patch });
  }

  async deploy(): Promise<void> {
    const deployment = await this.env.api.json("POST", `/dataApps/${this.dataAppId}/deployments`, {
      body: { description: "test" },
    });
    for (let attempt = 0; attempt < 200; attempt++) {
      const current = await this.env.api.json(
        "GET",
        `/dataApps/${this.dataAppId}/deployments/${deployment.deploymentId}`,
      );
      if (current.status === "SUCCEEDED") return;
      if (current.status === "FAILED") throw new Error(`deployment failed: ${JSON.stringify(current)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error("deployment did not finish");
  }

  async linkCluster(clusterId: string): Promise<void> {
    await this.env.api.json("POST", `/dataApps/${this.dataAppId}/dataSources`, { body: { clusterId } });
  }

  async createKey(
    role: "READ_ONLY" | "READ_AND_WRITE",
    extra: Record<string, unknown> = {},
    dataAppId = this.dataAppId,
  ): Promise<ApiKey> {
    const key = await this.env.api.json("POST", `/dataApps/${dataAppId}/apiKeys`, {
      body: { role, ...extra },
    });
    return {
      publicKey: String(key.publicKey),
      privateKey: String(key.privateKey),
      apiKeyId: String(key.apiKeyId),
    };
  }

  async test(endpointId: string, args: Record<string, string>) {
    return this.env.api.request("POST", `/dataApps/${this.dataAppId}/endpoints/${endpointId}/test`, {
      body: { args: [{ items: args }] },
    });
  }

  async call(method: string, path: string, key: ApiKey, options: CallOptions = {}): Promise<DataApiResponse> {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(options.query ?? {})) {
      for (const item of Array.isArray(value) ? value : [value]) search.append(name, item);
    }
    const query = search.toString();
    const target = `/app/${this.dataAppId}/endpoint${path}${query === "" ? "" : `?${query}`}`;
    const headers: Record<string, string> = {};
    if (options.draft === true) headers["endpoint-type"] = "draft";
    const usedKey = options.key ?? key;
    if (options.auth === "digest") {
      const digest = new DigestFetch(
        this.env.emulator.dataApiUrl,
        usedKey.publicKey,
        usedKey.privateKey,
        "MD5",
      );
      const response = await digest.request(method, target, {
        headers,
        body: options.body,
        rawBody: options.rawBody,
      });
      return { status: response.status, headers: response.headers, body: response.json as Envelope };
    }
    if (options.auth !== "none") {
      headers.Authorization = `Basic ${Buffer.from(`${usedKey.publicKey}:${usedKey.privateKey}`).toString("base64")}`;
    }
    let body: string | undefined = options.rawBody;
    if (body === undefined && options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(this.env.emulator.dataApiUrl + target, { method, headers, body });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: JSON.parse(text) as Envelope,
    };
  }

  close(): Promise<void> {
    return this.env.close();
  }
}

import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import type { DataServiceApi } from "./api.js";
import { collectAllPages } from "./collect-pages.js";
import { errorFromResponse } from "./error-mapping.js";
import { DataServiceError } from "./errors.js";
import type {
  ApiKey,
  ApiSpec,
  ApiSpecFormat,
  CreateApiKeyInput,
  CreateDataAppInput,
  CreateEndpointInput,
  DataApp,
  DataSource,
  Deployment,
  Endpoint,
  EndpointRunResult,
  ListOptions,
  Page,
  RequestOptions,
  UpdateApiKeyInput,
  UpdateDataAppInput,
  UpdateEndpointInput,
} from "./model.js";
import {
  normaliseApiKey,
  normaliseDataApp,
  normaliseDataSource,
  normaliseDeployment,
  normaliseEndpoint,
  normalisePage,
  normaliseRunResult,
} from "./normalise.js";
import type { HttpResponse, RequestExecutor } from "./request-executor.js";

type Query = Record<string, string | number | undefined>;

interface CallSpec {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  path: string;
  query?: Query;
  body?: unknown;
  accept?: string;
  options?: RequestOptions;
}

const segment = encodeURIComponent;
const MAX_DATA_SOURCE_PAGES = 20;

function queryString(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== "") params.set(name, String(value));
  }
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}

function listQuery(list: ListOptions | undefined): Query {
  return { pageSize: list?.pageSize, pageToken: list?.pageToken };
}

/** Drops undefined fields so that PATCH bodies carry only what the caller set. */
function compact<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

/** The typed management operations over one RequestExecutor. */
export class ManagementApi implements DataServiceApi {
  constructor(
    private readonly executor: RequestExecutor,
    /** The base path of the API, e.g. `/v1beta1`. */
    private readonly basePath: string,
    private readonly projectId: string | undefined,
  ) {}

  private async call(spec: CallSpec): Promise<HttpResponse> {
    const target = `${this.basePath}${spec.path}${queryString(spec.query)}`;
    const response = await this.executor.send({
      method: spec.method,
      target,
      body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      headers: spec.accept ? { accept: spec.accept } : undefined,
      signal: spec.options?.signal,
    });
    // The first attempt of a retried DELETE may have run before its response was lost: gone is what was asked for.
    if (spec.method === "DELETE" && response.status === 404 && response.afterPossiblyAppliedAttempt) {
      return response;
    }
    if (response.status < 200 || response.status >= 300) {
      throw errorFromResponse({
        method: spec.method,
        path: `${this.basePath}${spec.path}`,
        status: response.status,
        headers: response.headers,
        bodyText: response.bodyText,
        surface: "management",
      });
    }
    return response;
  }

  private async json(spec: CallSpec): Promise<unknown> {
    const response = await this.call(spec);
    if (response.bodyText.trim() === "") return {};
    try {
      return JSON.parse(response.bodyText);
    } catch {
      throw new DataServiceError({
        kind: "invalid_response",
        message: `The service answered ${spec.method} ${this.basePath}${spec.path} with a body that is not JSON. Check the base URL points at the Data Service API.`,
        status: response.status,
        method: spec.method,
        path: `${this.basePath}${spec.path}`,
      });
    }
  }

  async listDataApps(list?: ListOptions, options?: RequestOptions): Promise<Page<DataApp>> {
    const body = await this.json({
      method: "GET",
      path: "/dataApps",
      query: { projectId: this.projectId, ...listQuery(list) },
      options,
    });
    return normalisePage(body, "dataApps", normaliseDataApp);
  }

  async createDataApp(input: CreateDataAppInput, options?: RequestOptions): Promise<DataApp> {
    const body = await this.json({
      method: "POST",
      path: "/dataApps",
      query: { projectId: this.projectId },
      body: compact(input),
      options,
    });
    return normaliseDataApp(body);
  }

  async getDataApp(dataAppId: string, options?: RequestOptions): Promise<DataApp> {
    return normaliseDataApp(
      await this.json({ method: "GET", path: `/dataApps/${segment(dataAppId)}`, options }),
    );
  }

  async updateDataApp(
    dataAppId: string,
    input: UpdateDataAppInput,
    options?: RequestOptions,
  ): Promise<DataApp> {
    const body = await this.json({
      method: "PATCH",
      path: `/dataApps/${segment(dataAppId)}`,
      body: compact(input),
      options,
    });
    return normaliseDataApp(body);
  }

  async deleteDataApp(dataAppId: string, options?: RequestOptions): Promise<void> {
    await this.call({ method: "DELETE", path: `/dataApps/${segment(dataAppId)}`, options });
  }

  /** All data sources: the official API pages them, so follow nextPageToken (a Data App links few clusters). */
  async listDataSources(dataAppId: string, options?: RequestOptions): Promise<DataSource[]> {
    return collectAllPages(async (pageToken) => {
      const body = await this.json({
        method: "GET",
        path: `/dataApps/${segment(dataAppId)}/dataSources`,
        query: { pageToken },
        options,
      });
      return normalisePage(body, "dataSources", normaliseDataSource);
    }, MAX_DATA_SOURCE_PAGES);
  }

  async createDataSource(
    dataAppId: string,
    clusterId: string,
    options?: RequestOptions,
  ): Promise<DataSource> {
    const body = await this.json({
      method: "POST",
      path: `/dataApps/${segment(dataAppId)}/dataSources`,
      body: { clusterId },
      options,
    });
    return normaliseDataSource(body);
  }

  async getDataSource(dataAppId: string, clusterId: string, options?: RequestOptions): Promise<DataSource> {
    const body = await this.json({
      method: "GET",
      path: `/dataApps/${segment(dataAppId)}/dataSources/${segment(clusterId)}`,
      options,
    });
    return normaliseDataSource(body);
  }

  async deleteDataSource(dataAppId: string, clusterId: string, options?: RequestOptions): Promise<void> {
    await this.call({
      method: "DELETE",
      path: `/dataApps/${segment(dataAppId)}/dataSources/${segment(clusterId)}`,
      options,
    });
  }

  async listEndpoints(
    dataAppId: string,
    list?: ListOptions,
    options?: RequestOptions,
  ): Promise<Page<Endpoint>> {
    const body = await this.json({
      method: "GET",
      path: `/dataApps/${segment(dataAppId)}/endpoints`,
      query: listQuery(list),
      options,
    });
    return normalisePage(body, "endpoints", (item) => normaliseEndpoint(item, dataAppId));
  }

  async createEndpoint(
    dataAppId: string,
    input: CreateEndpointInput,
    options?: RequestOptions,
  ): Promise<Endpoint> {
    const body = await this.json({
      method: "POST",
      path: `/dataApps/${segment(dataAppId)}/endpoints`,
      body: compact(input),
      options,
    });
    return normaliseEndpoint(body, dataAppId);
  }

  private endpointPath(dataAppId: string, endpointId: string): string {
    return `/dataApps/${segment(dataAppId)}/endpoints/${segment(endpointId)}`;
  }

  async getEndpoint(dataAppId: string, endpointId: string, options?: RequestOptions): Promise<Endpoint> {
    const body = await this.json({ method: "GET", path: this.endpointPath(dataAppId, endpointId), options });
    return normaliseEndpoint(body, dataAppId);
  }

  async updateEndpoint(
    dataAppId: string,
    endpointId: string,
    input: UpdateEndpointInput,
    options?: RequestOptions,
  ): Promise<Endpoint> {
    const body = await this.json({
      method: "PATCH",
      path: this.endpointPath(dataAppId, endpointId),
      body: compact(input),
      options,
    });
    return normaliseEndpoint(body, dataAppId);
  }

  async deleteEndpoint(dataAppId: string, endpointId: string, options?: RequestOptions): Promise<void> {
    await this.call({ method: "DELETE", path: this.endpointPath(dataAppId, endpointId), options });
  }

  async testEndpoint(
    dataAppId: string,
    endpointId: string,
    args: Record<string, string>,
    options?: RequestOptions,
  ): Promise<EndpointRunResult> {
    const body = await this.json({
      method: "POST",
      path: `${this.endpointPath(dataAppId, endpointId)}/test`,
      body: { args: [{ items: args }] },
      options,
    });
    return normaliseRunResult(body);
  }

  async listApiKeys(dataAppId: string, list?: ListOptions, options?: RequestOptions): Promise<Page<ApiKey>> {
    const body = await this.json({
      method: "GET",
      path: `/dataApps/${segment(dataAppId)}/apiKeys`,
      query: listQuery(list),
      options,
    });
    return normalisePage(body, "apiKeys", normaliseApiKey);
  }

  async createApiKey(dataAppId: string, input: CreateApiKeyInput, options?: RequestOptions): Promise<ApiKey> {
    const { ttlMinutes, ...rest } = input;
    const body = await this.json({
      method: "POST",
      path: `/dataApps/${segment(dataAppId)}/apiKeys`,
      body: compact({
        ...rest,
        apiKeyExpireSetting:
          ttlMinutes === undefined
            ? undefined
            : { expireOption: "EXPIRE_OPTION_SET_TTL", apiKeyTtl: ttlMinutes },
      }),
      options,
    });
    return normaliseApiKey(body);
  }

  private apiKeyPath(dataAppId: string, apiKeyId: string): string {
    return `/dataApps/${segment(dataAppId)}/apiKeys/${segment(apiKeyId)}`;
  }

  async getApiKey(dataAppId: string, apiKeyId: string, options?: RequestOptions): Promise<ApiKey> {
    return normaliseApiKey(
      await this.json({ method: "GET", path: this.apiKeyPath(dataAppId, apiKeyId), options }),
    );
  }

  async updateApiKey(
    dataAppId: string,
    apiKeyId: string,
    input: UpdateApiKeyInput,
    options?: RequestOptions,
  ): Promise<ApiKey> {
    const body = await this.json({
      method: "PATCH",
      path: this.apiKeyPath(dataAppId, apiKeyId),
      body: compact(input),
      options,
    });
    return normaliseApiKey(body);
  }

  async deleteApiKey(dataAppId: string, apiKeyId: string, options?: RequestOptions): Promise<void> {
    await this.call({ method: "DELETE", path: this.apiKeyPath(dataAppId, apiKeyId), options });
  }

  async listDeployments(
    dataAppId: string,
    list?: ListOptions,
    options?: RequestOptions,
  ): Promise<Page<Deployment>> {
    const body = await this.json({
      method: "GET",
      path: `/dataApps/${segment(dataAppId)}/deployments`,
      query: listQuery(list),
      options,
    });
    return normalisePage(body, "deployments", (item) => normaliseDeployment(item, dataAppId));
  }

  async createDeployment(
    dataAppId: string,
    description?: string,
    options?: RequestOptions,
  ): Promise<Deployment> {
    const body = await this.json({
      method: "POST",
      path: `/dataApps/${segment(dataAppId)}/deployments`,
      body: description === undefined ? {} : { description },
      options,
    });
    return normaliseDeployment(body, dataAppId);
  }

  async getDeployment(
    dataAppId: string,
    deploymentId: string,
    options?: RequestOptions,
  ): Promise<Deployment> {
    const body = await this.json({
      method: "GET",
      path: `/dataApps/${segment(dataAppId)}/deployments/${segment(deploymentId)}`,
      options,
    });
    return normaliseDeployment(body, dataAppId);
  }

  async getApiSpec(dataAppId: string, format: ApiSpecFormat, options?: RequestOptions): Promise<ApiSpec> {
    const response = await this.call({
      method: "GET",
      path: `/dataApps/${segment(dataAppId)}/apiSpec`,
      query: { format: format.toUpperCase() },
      accept: format === "yaml" ? "application/yaml" : "application/json",
      options,
    });
    return { format, content: apiSpecContent(response.bodyText, format) };
  }
}

/**
 * The emulator answers with the document itself (JSON object or YAML text);
 * the official API wraps it as `{name, content}`. Either way the caller gets
 * the document as text in the format it asked for.
 */
function apiSpecContent(bodyText: string, format: ApiSpecFormat): string {
  let document: unknown;
  try {
    document = JSON.parse(bodyText);
  } catch {
    document = undefined;
  }
  if (typeof document === "object" && document !== null && !Array.isArray(document)) {
    const { content } = document as Record<string, unknown>;
    if (typeof content === "string" && !("openapi" in document)) return convertSpecText(content, format);
    return format === "json" ? JSON.stringify(document, null, 2) : stringifyYaml(document);
  }
  return convertSpecText(bodyText, format);
}

function convertSpecText(text: string, format: ApiSpecFormat): string {
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch {
    throw new DataServiceError({
      kind: "invalid_response",
      message:
        "The service returned an API spec that is neither JSON nor YAML. Report this with the Data App id.",
    });
  }
  const isJsonText = text.trimStart().startsWith("{");
  if (format === "json") return isJsonText ? text : JSON.stringify(parsed, null, 2);
  return isJsonText ? stringifyYaml(parsed) : text;
}

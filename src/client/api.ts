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

/**
 * Every management operation, typed and normalised. Tools depend on this
 * interface, never on HTTP, so they can be exercised against any backend.
 */
export interface DataServiceApi {
  listDataApps(list?: ListOptions, options?: RequestOptions): Promise<Page<DataApp>>;
  createDataApp(input: CreateDataAppInput, options?: RequestOptions): Promise<DataApp>;
  getDataApp(dataAppId: string, options?: RequestOptions): Promise<DataApp>;
  updateDataApp(dataAppId: string, input: UpdateDataAppInput, options?: RequestOptions): Promise<DataApp>;
  deleteDataApp(dataAppId: string, options?: RequestOptions): Promise<void>;

  listDataSources(dataAppId: string, options?: RequestOptions): Promise<DataSource[]>;
  createDataSource(dataAppId: string, clusterId: string, options?: RequestOptions): Promise<DataSource>;
  getDataSource(dataAppId: string, clusterId: string, options?: RequestOptions): Promise<DataSource>;
  deleteDataSource(dataAppId: string, clusterId: string, options?: RequestOptions): Promise<void>;

  listEndpoints(dataAppId: string, list?: ListOptions, options?: RequestOptions): Promise<Page<Endpoint>>;
  createEndpoint(dataAppId: string, input: CreateEndpointInput, options?: RequestOptions): Promise<Endpoint>;
  getEndpoint(dataAppId: string, endpointId: string, options?: RequestOptions): Promise<Endpoint>;
  updateEndpoint(
    dataAppId: string,
    endpointId: string,
    input: UpdateEndpointInput,
    options?: RequestOptions,
  ): Promise<Endpoint>;
  deleteEndpoint(dataAppId: string, endpointId: string, options?: RequestOptions): Promise<void>;
  /** Runs the endpoint's draft with the given arguments (all values as strings). */
  testEndpoint(
    dataAppId: string,
    endpointId: string,
    args: Record<string, string>,
    options?: RequestOptions,
  ): Promise<EndpointRunResult>;

  listApiKeys(dataAppId: string, list?: ListOptions, options?: RequestOptions): Promise<Page<ApiKey>>;
  createApiKey(dataAppId: string, input: CreateApiKeyInput, options?: RequestOptions): Promise<ApiKey>;
  getApiKey(dataAppId: string, apiKeyId: string, options?: RequestOptions): Promise<ApiKey>;
  updateApiKey(
    dataAppId: string,
    apiKeyId: string,
    input: UpdateApiKeyInput,
    options?: RequestOptions,
  ): Promise<ApiKey>;
  deleteApiKey(dataAppId: string, apiKeyId: string, options?: RequestOptions): Promise<void>;

  listDeployments(dataAppId: string, list?: ListOptions, options?: RequestOptions): Promise<Page<Deployment>>;
  createDeployment(dataAppId: string, description?: string, options?: RequestOptions): Promise<Deployment>;
  getDeployment(dataAppId: string, deploymentId: string, options?: RequestOptions): Promise<Deployment>;

  getApiSpec(dataAppId: string, format: ApiSpecFormat, options?: RequestOptions): Promise<ApiSpec>;
}

export interface DataApiCall {
  dataAppId: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** The endpoint path with path parameters filled in, e.g. `/customers/42/orders`. */
  path: string;
  /** Query parameters (GET, DELETE) or JSON body fields (POST, PUT). */
  params?: Record<string, unknown>;
  /** Call the draft version (`endpoint-type: draft`) instead of the deployed one. */
  draft?: boolean;
  publicKey: string;
  privateKey: string;
}

export interface DataApiResponse {
  httpStatus: number;
  body: EndpointRunResult;
}

/** Calls deployed endpoints through the data API with a Data App key. */
export interface DataApiCaller {
  call(call: DataApiCall, options?: RequestOptions): Promise<DataApiResponse>;
}

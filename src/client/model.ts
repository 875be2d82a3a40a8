// The normalised model every tool sees. The client maps both the user's spec
// (`createTime`, `{code,status,error,message}`) and the official v1beta1 API
// (`createdAt`, `{code,message,details}`) onto these shapes in one place.

export const HTTP_METHODS = ["GET", "POST", "PUT", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export const PARAM_TYPES = ["STRING", "INTEGER", "NUMBER", "BOOLEAN", "ARRAY"] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

export const ARRAY_ITEM_TYPES = ["STRING", "INTEGER", "NUMBER"] as const;
export type ArrayItemType = (typeof ARRAY_ITEM_TYPES)[number];

export const API_KEY_ROLES = ["READ_ONLY", "READ_AND_WRITE"] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

export const DEPLOYMENT_STATUSES = ["PENDING", "RUNNING", "SUCCEEDED", "FAILED"] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

export interface DataApp {
  dataAppId: string;
  displayName: string;
  description?: string;
  region?: string;
  projectId?: string;
  clusterIds?: string[];
  createTime?: string;
  updateTime?: string;
}

export interface DataSource {
  clusterId: string;
  clusterName?: string;
  clusterType?: string;
  clusterRegion?: string;
  createTime?: string;
}

export interface EndpointSettings {
  /** Milliseconds, 1 to 60000. */
  timeout?: number;
  /** 1 to 2000 (1 to 100 with batchOperation). */
  rowLimit?: number;
  cacheEnabled?: boolean;
  /** Seconds, 30 to 600. */
  cacheTtl?: number;
  paginationEnabled?: boolean;
}

export interface EndpointParam {
  name: string;
  type: ParamType;
  itemType?: ArrayItemType;
  required?: boolean;
  defaultValue?: string;
  description?: string;
  /** Comma-separated allowed values, STRING / INTEGER / NUMBER only. */
  enum?: string;
}

export interface Endpoint {
  endpointId: string;
  dataAppId: string;
  displayName: string;
  description?: string;
  path: string;
  method: HttpMethod;
  clusterId: string;
  sqlTemplate: string;
  tag?: string;
  settings: EndpointSettings;
  params: EndpointParam[];
  batchOperation?: boolean;
  status?: "draft" | "deployed";
  createTime?: string;
  updateTime?: string;
}

export interface CreateDataAppInput {
  displayName: string;
  description?: string;
  clusterId?: string;
}

export interface UpdateDataAppInput {
  displayName?: string;
  description?: string;
}

export interface CreateEndpointInput {
  displayName: string;
  description?: string;
  path: string;
  method: HttpMethod;
  clusterId: string;
  sqlTemplate: string;
  tag?: string;
  settings?: EndpointSettings;
  params?: EndpointParam[];
  batchOperation?: boolean;
}

export type UpdateEndpointInput = Partial<CreateEndpointInput>;

export interface ApiKey {
  apiKeyId: string;
  publicKey: string;
  /** Present only in the response to the create call. */
  privateKey?: string;
  /** The masked form shown after creation (all but the last 4 characters hidden). */
  maskedPrivateKey?: string;
  description?: string;
  role: ApiKeyRole;
  rateLimitRpm: number;
  expireState?: "EXPIRE_STATE_NEVER_EXPIRE" | "EXPIRE_STATE_EXPIRED" | "EXPIRE_STATE_NOT_EXPIRE";
  expireTime?: string;
  createTime?: string;
}

export interface CreateApiKeyInput {
  role: ApiKeyRole;
  description?: string;
  rateLimitRpm?: number;
  /** Minutes until the key expires (1 to 525600); omitted means never. */
  ttlMinutes?: number;
}

export interface UpdateApiKeyInput {
  description?: string;
  role?: ApiKeyRole;
  rateLimitRpm?: number;
}

export interface DeployedEndpointRef {
  endpointId: string;
  method: HttpMethod;
  path: string;
}

export interface Deployment {
  deploymentId: string;
  dataAppId: string;
  status: DeploymentStatus;
  description?: string;
  /** Why a FAILED deployment failed. */
  statusErrorMessage?: string;
  createTime?: string;
  finishTime?: string;
  endpoints?: DeployedEndpointRef[];
}

export interface Page<T> {
  items: T[];
  nextPageToken?: string;
}

export interface ListOptions {
  pageSize?: number;
  pageToken?: string;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface ResultColumn {
  name: string;
  dataType: string;
  nullable: boolean;
}

/** The outcome of running an endpoint, from the management test call or the data API. */
export interface EndpointRunResult {
  type: string;
  columns: ResultColumn[];
  /** Row values are strings, as the service returns them (null for SQL NULL). */
  rows: Record<string, string | null>[];
  result: {
    /** 200 on success, otherwise the HTTP-style or database error code. */
    code: number;
    message: string;
    latency: string;
    rowCount: number;
    rowAffect: number;
    limit: number;
    startMs?: number;
    endMs?: number;
  };
}

export type ApiSpecFormat = "json" | "yaml";

export interface ApiSpec {
  format: ApiSpecFormat;
  /** The OpenAPI 3.0 document as text, in the requested format. */
  content: string;
}

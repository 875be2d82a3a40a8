import type { ApiKeyRole, ArrayItemType, DeploymentStatus, HttpMethod, ParamType } from "../client/model.js";

// The emulator's stored state. Every record carries `seq`, a global creation
// counter, so lists keep creation order and page tokens can point after an item.

export interface DataAppRecord {
  seq: number;
  dataAppId: string;
  displayName: string;
  description: string;
  createTime: string;
  updateTime: string;
}

export interface DataSourceRecord {
  seq: number;
  dataAppId: string;
  clusterId: string;
  createTime: string;
}

export interface EndpointParamRecord {
  name: string;
  type: ParamType;
  /** Set for ARRAY only. */
  itemType?: ArrayItemType;
  required: boolean;
  defaultValue: string;
  description: string;
  /** Comma-separated allowed values; empty means any value of the type. */
  enum: string;
}

export interface EndpointSettingsRecord {
  timeout: number;
  rowLimit: number;
  cacheEnabled: boolean;
  cacheTtl: number;
  paginationEnabled: boolean;
}

/** The user-editable fields of an endpoint. */
export interface EndpointFields {
  displayName: string;
  description: string;
  path: string;
  method: HttpMethod;
  clusterId: string;
  sqlTemplate: string;
  tag: string;
  settings: EndpointSettingsRecord;
  params: EndpointParamRecord[];
  batchOperation: boolean;
}

export interface EndpointRecord extends EndpointFields {
  seq: number;
  endpointId: string;
  dataAppId: string;
  /** Bumped by every update; an endpoint is deployed when the live snapshot holds this revision. */
  revision: number;
  createTime: string;
  updateTime: string;
}

export interface ApiKeyRecord {
  seq: number;
  apiKeyId: string;
  dataAppId: string;
  publicKey: string;
  privateKey: string;
  description: string;
  role: ApiKeyRole;
  rateLimitRpm: number;
  /** Minutes of the TTL the key was given; absent means it never expires. */
  ttlMinutes?: number;
  /** ISO 8601; absent means the key never expires. */
  expireTime?: string;
  createTime: string;
  updateTime: string;
}

export interface DeploymentRecord {
  seq: number;
  deploymentId: string;
  dataAppId: string;
  description: string;
  status: DeploymentStatus;
  statusErrorMessage: string;
  createTime: string;
  finishTime?: string;
  /** The endpoints as they were when the deployment was created. */
  snapshot: EndpointRecord[];
}

export interface EmulatorState {
  version: 1;
  nextSeq: number;
  nextEndpointId: number;
  nextApiKeyId: number;
  nextDeploymentId: number;
  dataApps: DataAppRecord[];
  dataSources: DataSourceRecord[];
  endpoints: EndpointRecord[];
  apiKeys: ApiKeyRecord[];
  deployments: DeploymentRecord[];
  /** dataAppId -> the endpoints of its last SUCCEEDED deployment (minus endpoints deleted since). */
  liveEndpoints: Record<string, EndpointRecord[]>;
}

export function emptyState(): EmulatorState {
  return {
    version: 1,
    nextSeq: 1,
    nextEndpointId: 1874778,
    nextApiKeyId: 100000,
    nextDeploymentId: 5000,
    dataApps: [],
    dataSources: [],
    endpoints: [],
    apiKeys: [],
    deployments: [],
    liveEndpoints: {},
  };
}

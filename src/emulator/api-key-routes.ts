import { API_KEY_ROLES } from "../client/model.js";
import { ApiError, invalidArgument, notFound } from "./api-error.js";
import { requireApp } from "./app-lookup.js";
import { newPrivateKey, newPublicKey } from "./ids.js";
import {
  type JsonObject,
  optionalEnum,
  optionalInteger,
  optionalString,
  requireObject,
} from "./input-fields.js";
import { listBody } from "./page-token.js";
import type { ApiKeyRecord } from "./records.js";
import type { Route } from "./router.js";
import { isoTime, type Services } from "./services.js";
import { apiKeyView, expireState } from "./views.js";

const KEYS = "/v1beta1/dataApps/{dataAppId}/apiKeys";
const KEY = "/v1beta1/dataApps/{dataAppId}/apiKeys/{apiKeyId}";
const EXPIRE_OPTIONS = ["EXPIRE_OPTION_NEVER_EXPIRE", "EXPIRE_OPTION_SET_TTL"] as const;
const MAX_TTL_MINUTES = 525600;

/** `apiKeyExpireSetting`: undefined when absent, null for never, else minutes. */
function readExpireSetting(body: JsonObject): number | null | undefined {
  if (body.apiKeyExpireSetting === undefined || body.apiKeyExpireSetting === null) return undefined;
  const setting = requireObject(body.apiKeyExpireSetting, "apiKeyExpireSetting");
  const option = optionalEnum(setting, "expireOption", EXPIRE_OPTIONS) ?? "EXPIRE_OPTION_NEVER_EXPIRE";
  const ttl = optionalInteger(
    setting,
    "apiKeyTtl",
    { min: 1, max: MAX_TTL_MINUTES },
    "apiKeyExpireSetting.apiKeyTtl",
  );
  if (option === "EXPIRE_OPTION_NEVER_EXPIRE") return null;
  if (ttl === undefined) {
    throw invalidArgument(
      `apiKeyExpireSetting.apiKeyTtl (minutes, 1 to ${MAX_TTL_MINUTES}) is required with EXPIRE_OPTION_SET_TTL.`,
      "MISSING_FIELD",
    );
  }
  return ttl;
}

function applyExpiry(key: ApiKeyRecord, ttlMinutes: number | null, now: number): void {
  if (ttlMinutes === null) {
    delete key.ttlMinutes;
    delete key.expireTime;
  } else {
    key.ttlMinutes = ttlMinutes;
    key.expireTime = isoTime(now + ttlMinutes * 60_000);
  }
}

export function apiKeyRoutes(services: Services): Route[] {
  const { store } = services;
  const findKey = (dataAppId: string, apiKeyId: string) => {
    const key = store.state.apiKeys.find(
      (candidate) => candidate.dataAppId === dataAppId && candidate.apiKeyId === apiKeyId,
    );
    if (key === undefined) {
      throw notFound(
        "API key",
        apiKeyId,
        `List the keys of ${dataAppId} with GET .../apiKeys to find its id.`,
      );
    }
    return key;
  };
  return [
    {
      method: "GET",
      pattern: KEYS,
      handler: async ({ params, url }) => {
        const app = requireApp(store, params.dataAppId ?? "");
        const keys = store.state.apiKeys.filter((key) => key.dataAppId === app.dataAppId);
        const page = services.pageTokens.paginate(`apiKeys:${app.dataAppId}`, keys, url.searchParams);
        const now = services.now();
        return { status: 200, body: listBody("apiKeys", page, (key) => apiKeyView(key, false, now)) };
      },
    },
    {
      method: "POST",
      pattern: KEYS,
      handler: async ({ params, readJson }) => {
        const app = requireApp(store, params.dataAppId ?? "");
        const body = requireObject(await readJson(), "The request body");
        const role = optionalEnum(body, "role", API_KEY_ROLES);
        if (role === undefined) {
          throw invalidArgument(`role is required: one of ${API_KEY_ROLES.join(", ")}.`, "MISSING_FIELD");
        }
        const description = optionalString(body, "description", { max: 255 }) ?? "";
        const rateLimitRpm = optionalInteger(body, "rateLimitRpm", { min: 1, max: 1000 }) ?? 100;
        const ttlMinutes = readExpireSetting(body);
        const now = services.now();
        const key: ApiKeyRecord = {
          seq: store.nextSeq(),
          apiKeyId: String(store.state.nextApiKeyId++),
          dataAppId: app.dataAppId,
          publicKey: newPublicKey(),
          privateKey: newPrivateKey(),
          description,
          role,
          rateLimitRpm,
          createTime: isoTime(now),
          updateTime: isoTime(now),
        };
        if (ttlMinutes !== undefined) applyExpiry(key, ttlMinutes, now);
        store.state.apiKeys.push(key);
        await store.commit();
        // The only response that carries the full private key.
        return { status: 200, body: apiKeyView(key, true, now) };
      },
    },
    {
      method: "GET",
      pattern: KEY,
      handler: async ({ params }) => {
        const app = requireApp(store, params.dataAppId ?? "");
        return {
          status: 200,
          body: apiKeyView(findKey(app.dataAppId, params.apiKeyId ?? ""), false, services.now()),
        };
      },
    },
    {
      method: "PATCH",
      pattern: KEY,
      handler: async ({ params, readJson }) => {
        const app = requireApp(store, params.dataAppId ?? "");
        const key = findKey(app.dataAppId, params.apiKeyId ?? "");
        const body = requireObject(await readJson(), "The request body");
        const description = optionalString(body, "description", { max: 255 });
        const role = optionalEnum(body, "role", API_KEY_ROLES);
        const rateLimitRpm = optionalInteger(body, "rateLimitRpm", { min: 1, max: 1000 });
        const ttlMinutes = readExpireSetting(body);
        const now = services.now();
        if (expireState(key, now) === "EXPIRE_STATE_EXPIRED") {
          throw new ApiError(
            400,
            "FAILED_PRECONDITION",
            "API_KEY_EXPIRED",
            `API key ${key.apiKeyId} has expired and can no longer be edited. Create a new key instead.`,
          );
        }
        if (description !== undefined) key.description = description;
        if (role !== undefined) key.role = role;
        if (rateLimitRpm !== undefined) key.rateLimitRpm = rateLimitRpm;
        if (ttlMinutes !== undefined) applyExpiry(key, ttlMinutes, now);
        key.updateTime = isoTime(now);
        await store.commit();
        return { status: 200, body: apiKeyView(key, false, now) };
      },
    },
    {
      method: "DELETE",
      pattern: KEY,
      handler: async ({ params }) => {
        const app = requireApp(store, params.dataAppId ?? "");
        const key = findKey(app.dataAppId, params.apiKeyId ?? "");
        store.state.apiKeys = store.state.apiKeys.filter((candidate) => candidate !== key);
        await store.commit();
        return { status: 200, body: {} };
      },
    },
  ];
}

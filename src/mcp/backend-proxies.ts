import type { DataApiCaller, DataServiceApi } from "../client/api.js";
import { DataServiceError } from "../client/errors.js";
import { CREDENTIALS_HELP } from "./error-mapping.js";

/**
 * Stands in for the client when no credentials were given: the server still
 * starts and lists its tools, and every call explains how to configure it.
 */
export function createNotConfiguredApi(): DataServiceApi {
  return new Proxy({} as DataServiceApi, {
    get(_target, property) {
      if (property === "then") return undefined;
      return () =>
        Promise.reject(
          new DataServiceError({
            kind: "not_configured",
            message: `No TiDB Cloud credentials (needed for ${String(property)}). ${CREDENTIALS_HELP}`,
          }),
        );
    },
  });
}

/**
 * An API whose backend is created on first use (loading the HTTP client, or
 * waiting for the in-process emulator), so start-up and tools/list do not pay for it.
 */
export function deferDataServiceApi(ready: () => Promise<DataServiceApi>): DataServiceApi {
  return new Proxy({} as DataServiceApi, {
    get(_target, property) {
      if (property === "then") return undefined;
      return async (...args: unknown[]) => {
        const api = await ready();
        const method = (api as unknown as Record<string | symbol, (...a: unknown[]) => unknown>)[property];
        if (typeof method !== "function")
          throw new TypeError(`DataServiceApi has no operation ${String(property)}`);
        return method.apply(api, args);
      };
    },
  });
}

export function deferDataApiCaller(ready: () => Promise<DataApiCaller>): DataApiCaller {
  return {
    async call(call, options) {
      return (await ready()).call(call, options);
    },
  };
}

/** Runs `create` once, on the first call, and shares its promise afterwards. */
export function once<T>(create: () => Promise<T>): { get(): Promise<T>; started(): boolean } {
  let value: Promise<T> | undefined;
  return {
    get() {
      value ??= create();
      return value;
    },
    started: () => value !== undefined,
  };
}

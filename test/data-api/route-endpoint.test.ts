import { describe, expect, it } from "vitest";
import { routeEndpoint } from "../../src/emulator/data-api/route-endpoint.js";
import type { EndpointRecord } from "../../src/emulator/records.js";

function endpoint(endpointId: string, method: EndpointRecord["method"], path: string): EndpointRecord {
  return {
    seq: Number(endpointId),
    endpointId,
    dataAppId: "dataapp-x",
    displayName: path,
    description: "",
    path,
    method,
    clusterId: "1",
    sqlTemplate: "SELECT 1",
    tag: "Default",
    settings: { timeout: 1000, rowLimit: 10, cacheEnabled: false, cacheTtl: 0, paginationEnabled: false },
    params: [],
    batchOperation: false,
    revision: 1,
    createTime: "",
    updateTime: "",
  };
}

const endpoints = [
  endpoint("1", "GET", "/users/{id}"),
  endpoint("2", "GET", "/users/me"),
  endpoint("3", "POST", "/users"),
  endpoint("4", "GET", "/users/{id}/orders/{orderId}"),
  endpoint("5", "GET", "/{tenant}/users/me"),
  endpoint("6", "GET", "/acme/users/{id}"),
];

describe("endpoint routing", () => {
  it("matches {param} segments and decodes them", () => {
    const result = routeEndpoint(endpoints, "GET", "/users/a%20b/orders/7");
    expect(result).toEqual({
      kind: "found",
      endpoint: endpoints[3],
      pathParams: new Map([
        ["id", "a b"],
        ["orderId", "7"],
      ]),
    });
  });

  it("prefers a literal segment over a parameter, wherever it sits", () => {
    const me = routeEndpoint(endpoints, "GET", "/users/me");
    expect(me.kind === "found" && me.endpoint.endpointId).toBe("2");
    const other = routeEndpoint(endpoints, "GET", "/users/42");
    expect(other.kind === "found" && other.endpoint.endpointId).toBe("1");
    const acme = routeEndpoint(endpoints, "GET", "/acme/users/me");
    expect(acme.kind === "found" && acme.endpoint.endpointId).toBe("6");
  });

  it("answers method-not-allowed for a known path and not-found otherwise", () => {
    expect(routeEndpoint(endpoints, "DELETE", "/users/me").kind).toBe("method-not-allowed");
    expect(routeEndpoint(endpoints, "GET", "/users").kind).toBe("method-not-allowed");
    expect(routeEndpoint(endpoints, "GET", "/nothing").kind).toBe("not-found");
    expect(routeEndpoint(endpoints, "GET", "/users/").kind).toBe("not-found");
    expect(routeEndpoint(endpoints, "GET", "/users/%E0%A4%A").kind).toBe("not-found");
  });
});

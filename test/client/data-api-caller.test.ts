import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDataApiCaller, DataServiceError } from "../../src/client/index.js";
import { DigestAuthenticator } from "../../src/emulator/digest-auth.js";

const PUBLIC_KEY = "DATAKEY1";
const PRIVATE_KEY = "0b8f7c3e-data-app-private";

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  endpointType: string | undefined;
  body: string;
}

function envelope(status: number, rows: Record<string, string | null>[], message = "ok") {
  return {
    type: "sql_endpoint",
    data: {
      columns: Object.keys(rows[0] ?? {}).map((col) => ({ col, data_type: "VARCHAR", nullable: true })),
      rows,
      result: {
        code: status,
        message,
        start_ms: 1,
        end_ms: 2,
        latency: "1ms",
        row_count: rows.length,
        row_affect: 0,
        limit: 100,
      },
    },
  };
}

/** A small data API: Digest (or Basic only), query or JSON params echoed back as a row. */
function startDataApi(
  scheme: "digest" | "basic",
): Promise<{ server: Server; baseUrl: string; seen: Seen[] }> {
  const digest = new DigestAuthenticator({ nonceTtlMs: 60_000 });
  const seen: Seen[] = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    seen.push({
      method: req.method ?? "",
      url: req.url ?? "",
      authorization: req.headers.authorization,
      endpointType: req.headers["endpoint-type"] as string | undefined,
      body,
    });
    const send = (status: number, payload: unknown, headers: Record<string, string | string[]> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(payload));
    };
    const authorised =
      scheme === "basic"
        ? req.headers.authorization ===
          `Basic ${Buffer.from(`${PUBLIC_KEY}:${PRIVATE_KEY}`).toString("base64")}`
        : digest.verify(req.headers.authorization, req.method ?? "", req.url ?? "", (user) =>
            user === PUBLIC_KEY ? PRIVATE_KEY : undefined,
          ).ok;
    if (!authorised) {
      const challenge = scheme === "basic" ? 'Basic realm="tidb.cloud"' : digest.challenges();
      send(401, { message: "unauthorized" }, { "www-authenticate": challenge });
      return;
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname.endsWith("/limited")) {
      send(
        429,
        {
          type: "",
          data: {
            columns: [],
            rows: [],
            result: { code: 49900007, message: "API key rate limit exceeded." },
          },
        },
        {
          "x-ratelimit-reset": "17",
          "x-ratelimit-remaining-minute": "0",
        },
      );
      return;
    }
    if (url.pathname.endsWith("/unavailable")) {
      // A gateway error after the endpoint may already have run its SQL.
      send(503, { message: "upstream unavailable" });
      return;
    }
    if (url.pathname.endsWith("/bad")) {
      send(400, envelope(400, [], "param check failed! id is required"));
      return;
    }
    const params =
      req.method === "GET" || req.method === "DELETE"
        ? Object.fromEntries(url.searchParams)
        : JSON.parse(body || "{}");
    send(200, envelope(200, [{ path: url.pathname, params: JSON.stringify(params) }]));
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, baseUrl: `http://127.0.0.1:${port}/api/v1beta`, seen });
    });
  });
}

const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe("createDataApiCaller with Digest", () => {
  let api: Awaited<ReturnType<typeof startDataApi>>;
  let caller: ReturnType<typeof createDataApiCaller>;
  beforeAll(async () => {
    api = await startDataApi("digest");
    caller = createDataApiCaller({ baseUrl: api.baseUrl });
  });
  afterAll(async () => {
    await caller.close();
    await closeServer(api.server);
  });

  const call = { dataAppId: "dataapp-abc", publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY };

  it("sends GET params in the query (arrays as a comma list), the draft header, and normalises the envelope", async () => {
    const response = await caller.call({
      ...call,
      method: "GET",
      path: "/users/42",
      params: { ids: [1, 2, 3], name: "a b" },
      draft: true,
    });
    expect(response.httpStatus).toBe(200);
    expect(response.body.rows[0]).toEqual({
      path: "/api/v1beta/app/dataapp-abc/endpoint/users/42",
      params: JSON.stringify({ ids: "1,2,3", name: "a b" }),
    });
    expect(response.body.columns[0]).toEqual({ name: "path", dataType: "VARCHAR", nullable: true });
    expect(response.body.result).toMatchObject({ code: 200, rowCount: 1, startMs: 1, endMs: 2 });
    expect(api.seen.at(-1)?.endpointType).toBe("draft");
    expect(api.seen.at(-1)?.authorization).toMatch(/^Digest /);
  });

  it("sends POST params as a JSON body and reuses the challenge: one request per call", async () => {
    const before = api.seen.length;
    for (let index = 0; index < 3; index++) {
      await caller.call({ ...call, method: "POST", path: "/orders", params: { qty: 2, tags: ["x"] } });
    }
    expect(api.seen.length - before).toBe(3);
    expect(JSON.parse(api.seen.at(-1)?.body ?? "")).toEqual({ qty: 2, tags: ["x"] });
    expect(api.seen.at(-1)?.endpointType).toBeUndefined();
  });

  it("returns the endpoint's own failure envelope with its HTTP status", async () => {
    const response = await caller.call({ ...call, method: "GET", path: "/bad" });
    expect(response.httpStatus).toBe(400);
    expect(response.body.result.code).toBe(400);
    expect(response.body.result.message).toContain("param check failed");
  });

  it("turns a 429 into rate_limited with retryAfterSeconds", async () => {
    const error = await caller
      .call({ ...call, method: "GET", path: "/limited" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DataServiceError);
    expect((error as DataServiceError).kind).toBe("rate_limited");
    expect((error as DataServiceError).retryAfterSeconds).toBe(17);
  });

  it("does not repeat a PUT or DELETE endpoint call after a 5xx: its SQL may already have run", async () => {
    for (const method of ["PUT", "DELETE", "POST"] as const) {
      const before = api.seen.length;
      const error = await caller
        .call({ ...call, method, path: "/unavailable", params: { id: 1 } })
        .catch((caught: unknown) => caught);
      expect((error as DataServiceError).kind).toBe("server_error");
      expect(api.seen.slice(before).filter((seen) => seen.url.includes("/unavailable"))).toHaveLength(1);
    }
  });

  it("encodes a stray % in an endpoint path instead of throwing", async () => {
    const response = await caller.call({ ...call, method: "GET", path: "/discount/100%" });
    expect(response.body.rows[0]?.path).toBe("/api/v1beta/app/dataapp-abc/endpoint/discount/100%25");
  });

  it("turns a wrong key into unauthorized without echoing it", async () => {
    const error = await caller
      .call({ ...call, privateKey: "wrong-private", method: "GET", path: "/users" })
      .catch((caught: unknown) => caught);
    expect((error as DataServiceError).kind).toBe("unauthorized");
    expect((error as DataServiceError).message).not.toContain("wrong-private");
  });
});

describe("createDataApiCaller with Basic", () => {
  let api: Awaited<ReturnType<typeof startDataApi>>;
  beforeAll(async () => {
    api = await startDataApi("basic");
  });
  afterAll(() => closeServer(api.server));

  it("falls back to Basic when that is all the server challenges with", async () => {
    const caller = createDataApiCaller({ baseUrl: api.baseUrl });
    const before = api.seen.length;
    const first = await caller.call({
      dataAppId: "a",
      method: "GET",
      path: "/x",
      publicKey: PUBLIC_KEY,
      privateKey: PRIVATE_KEY,
    });
    await caller.call({
      dataAppId: "a",
      method: "GET",
      path: "/x",
      publicKey: PUBLIC_KEY,
      privateKey: PRIVATE_KEY,
    });
    expect(first.httpStatus).toBe(200);
    expect(api.seen.length - before).toBe(3);
    await caller.close();
  });

  it("sends Basic up front when configured", async () => {
    const caller = createDataApiCaller({ baseUrl: api.baseUrl, auth: "basic" });
    const before = api.seen.length;
    await caller.call({
      dataAppId: "a",
      method: "DELETE",
      path: "/x",
      params: { id: 1 },
      publicKey: PUBLIC_KEY,
      privateKey: PRIVATE_KEY,
    });
    expect(api.seen.length - before).toBe(1);
    expect(api.seen.at(-1)?.url).toBe("/api/v1beta/app/a/endpoint/x?id=1");
    await caller.close();
  });
});

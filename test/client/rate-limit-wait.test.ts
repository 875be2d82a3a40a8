import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDataServiceClient, DataServiceError } from "../../src/client/index.js";

describe("waiting out 429s that ask for no wait", () => {
  let server: Server;
  let baseUrl: string;
  let requests = 0;
  beforeAll(async () => {
    // A gateway at the very end of its window: 429 with Retry-After 0, again and again.
    server = createServer((req, res) => {
      requests++;
      req.resume();
      res.writeHead(429, {
        "content-type": "application/json",
        "retry-after": "0",
        "x-ratelimit-remaining-minute": "0",
        "x-ratelimit-reset": "0",
      });
      res.end(JSON.stringify({ code: 429, status: "RESOURCE_EXHAUSTED", message: "rate limit exceeded" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1beta1`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("still spends its bounded wait instead of hammering the server in a loop", async () => {
    const client = createDataServiceClient({
      baseUrl,
      publicKey: "p",
      privateKey: "s",
      maxRateLimitWaitMs: 1500,
    });
    requests = 0;
    const outcome = await Promise.race([
      client.listDataApps().then(
        () => "resolved",
        (error: unknown) => error,
      ),
      new Promise((resolve) => setTimeout(() => resolve("still looping"), 3000)),
    ]);
    await client.close();
    expect(outcome).toBeInstanceOf(DataServiceError);
    expect((outcome as DataServiceError).kind).toBe("rate_limited");
    expect(requests).toBeLessThanOrEqual(3);
  });
});

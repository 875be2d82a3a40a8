import {
  createDataServiceClient,
  type DataServiceClient,
  type DataServiceClientConfig,
} from "../../src/client/index.js";
import {
  type EmulatorOptions,
  type RunningEmulator,
  type StatsSnapshot,
  startEmulator,
} from "../../src/emulator/index.js";

export interface FaultSpec {
  count: number;
  status?: 429 | 500 | 502 | 503 | 504;
  latencyMs?: number;
  reset?: true;
  /** Run the operation, then drop the connection instead of answering. */
  resetAfter?: true;
  match?: { method?: string; pathPrefix?: string };
}

/** An in-process emulator with fault injection, plus clients of it and its control routes. */
export class EmulatorHarness {
  private readonly clients: DataServiceClient[] = [];

  private constructor(readonly emulator: RunningEmulator) {}

  static async start(options: EmulatorOptions = {}): Promise<EmulatorHarness> {
    const emulator = await startEmulator({
      allowFaultInjection: true,
      deploymentStepMs: 20,
      rateLimitRpm: 1_000_000,
      log: () => {},
      ...options,
    });
    return new EmulatorHarness(emulator);
  }

  get origin(): string {
    return new URL(this.emulator.url).origin;
  }

  client(overrides: Partial<DataServiceClientConfig> = {}): DataServiceClient {
    const client = createDataServiceClient({
      baseUrl: this.emulator.url,
      publicKey: this.emulator.publicKey,
      privateKey: this.emulator.privateKey,
      rateLimitRpm: 1_000_000,
      retry: { baseDelayMs: 10, maxDelayMs: 50 },
      ...overrides,
    });
    this.clients.push(client);
    return client;
  }

  async stats(): Promise<StatsSnapshot> {
    return (await (await fetch(`${this.origin}/_emulator/stats`)).json()) as StatsSnapshot;
  }

  async resetStats(): Promise<void> {
    await this.control("POST", "/_emulator/stats/reset");
  }

  async fault(fault: FaultSpec): Promise<void> {
    await this.control("POST", "/_emulator/faults", fault);
  }

  async clearFaults(): Promise<void> {
    await this.control("DELETE", "/_emulator/faults");
  }

  private async control(method: string, path: string, body?: unknown): Promise<void> {
    const response = await fetch(`${this.origin}${path}`, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${method} ${path} failed: ${response.status} ${await response.text()}`);
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.close()));
    await this.emulator.close();
  }
}

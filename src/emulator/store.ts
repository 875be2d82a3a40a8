import type { EmulatorStoreView } from "./data-plane.js";
import { type EmulatorState, emptyState } from "./records.js";
import { StateFile } from "./state-file.js";
import { parseState } from "./state-schema.js";

/**
 * The emulator's state in memory, persisted to `dataDir` when given. Handlers
 * validate first, then mutate synchronously, then await `commit()` before they
 * answer: mutations are serialised by the event loop and a response is only
 * sent once its change is durable.
 */
export class Store implements EmulatorStoreView {
  private constructor(
    public state: EmulatorState,
    private readonly file: StateFile | undefined,
  ) {}

  static async open(dataDir: string | undefined): Promise<Store> {
    if (dataDir === undefined) return new Store(emptyState(), undefined);
    let store: Store | undefined;
    const { file, state } = await StateFile.open(
      dataDir,
      () => JSON.stringify(store?.state),
      (text) => {
        if (store !== undefined) store.state = parseState(JSON.parse(text));
      },
    );
    store = new Store(state ?? emptyState(), file);
    if (state === undefined) await store.commit();
    return store;
  }

  commit(): Promise<void> {
    return this.file === undefined ? Promise.resolve() : this.file.save();
  }

  /** Waits for pending writes and releases the data directory. */
  async close(): Promise<void> {
    await this.file?.close();
  }

  nextSeq(): number {
    return this.state.nextSeq++;
  }

  getApp(dataAppId: string) {
    return this.state.dataApps.find((app) => app.dataAppId === dataAppId);
  }

  listDraftEndpoints(dataAppId: string) {
    return this.state.endpoints.filter((endpoint) => endpoint.dataAppId === dataAppId);
  }

  listLiveEndpoints(dataAppId: string) {
    return this.state.liveEndpoints[dataAppId] ?? [];
  }

  listLinkedClusterIds(dataAppId: string): string[] {
    return this.state.dataSources
      .filter((source) => source.dataAppId === dataAppId)
      .map((source) => source.clusterId);
  }

  findApiKeyByPublicKey(publicKey: string) {
    return this.state.apiKeys.find((key) => key.publicKey === publicKey);
  }
}

import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import { DigestFetch } from "./digest-fetch.js";

export interface TestEmulator {
  emulator: RunningEmulator;
  /** A digest client with the emulator's organisation key. */
  api: DigestFetch;
  /** The emulator's origin, e.g. http://127.0.0.1:PORT */
  origin: string;
  close(): Promise<void>;
}

/** Starts an in-process emulator on a free port: quiet, fast deployment steps, and a rate limit tests do not hit unless they set one. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({
    deploymentStepMs: 20,
    rateLimitRpm: 1_000_000,
    log: () => {},
    ...options,
  });
  return {
    emulator,
    api: new DigestFetch(emulator.url, emulator.publicKey, emulator.privateKey),
    origin: new URL(emulator.url).origin,
    close: () => emulator.close(),
  };
}

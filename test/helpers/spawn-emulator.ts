import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const CLI = join(ROOT, "dist/emulator/cli.js");

export interface EmulatorInfo {
  url: string;
  dataApiUrl: string;
  publicKey: string;
  privateKey: string;
  clusters: string[];
}

export interface SpawnedEmulator {
  info: EmulatorInfo;
  process: ChildProcess;
  /** Everything the emulator wrote on stderr so far. */
  stderr(): string;
  /** SIGTERM, then waits for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, then waits for the exit. */
  kill9(): Promise<void>;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const BUILD_LOCK = join(ROOT, ".tmp/emulator-build.lock");
let built = false;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isStale(): boolean {
  return !existsSync(CLI) || statSync(CLI).mtimeMs < newestMtime(join(ROOT, "src/emulator"));
}

/**
 * Builds dist/ with tsc when the emulator's sources are newer than
 * dist/emulator/cli.js. Test files run in parallel workers, so a lock
 * directory keeps two workers from writing dist/ at the same time.
 */
export function ensureBuilt(): void {
  if (built) return;
  mkdirSync(dirname(BUILD_LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      // Another worker is building; a lock older than two minutes belongs to a dead one.
      if (existsSync(BUILD_LOCK) && Date.now() - statSync(BUILD_LOCK).mtimeMs > 120_000) {
        rmSync(BUILD_LOCK, { recursive: true, force: true });
      }
      sleepSync(100);
    }
  }
  try {
    if (isStale()) {
      try {
        execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "pipe" });
      } catch {
        // tsc exits non-zero on type errors elsewhere in the tree but still emits.
      }
      if (!existsSync(CLI)) throw new Error(`building the emulator did not produce ${CLI}`);
    }
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
  built = true;
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/** Spawns `node dist/emulator/cli.js ...args` and resolves once it printed its JSON line. */
export async function spawnEmulator(args: string[], env: NodeJS.ProcessEnv = {}): Promise<SpawnedEmulator> {
  ensureBuilt();
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    stderr += chunk;
  });
  const lines = createInterface({ input: child.stdout! });
  const info = await new Promise<EmulatorInfo>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the emulator did not print its JSON line within 15 s; stderr:\n${stderr}`));
    }, 15_000);
    lines.once("line", (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line) as EmulatorInfo);
      } catch {
        reject(new Error(`the emulator printed a line that is not JSON: ${line}`));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited with ${code} before it was ready; stderr:\n${stderr}`));
    });
  });
  return {
    info,
    process: child,
    stderr: () => stderr,
    stop: async () => {
      child.kill("SIGTERM");
      return waitForExit(child);
    },
    kill9: async () => {
      child.kill("SIGKILL");
      await waitForExit(child);
    },
  };
}

import { mkdir, open, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ApiError } from "./api-error.js";
import type { EmulatorState } from "./records.js";
import { parseState } from "./state-schema.js";

const STATE_FILE = "state.json";
const TEMP_FILE = "state.json.tmp";
const LOCK_FILE = "emulator.pid";

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** One emulator per directory: a second one would overwrite the first one's writes. */
async function acquireLock(dir: string): Promise<void> {
  const lockPath = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lockPath, String(process.pid), { flag: "wx" });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = Number.parseInt(await readFile(lockPath, "utf8").catch(() => ""), 10);
    if (Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) {
      throw new Error(
        `Another emulator (pid ${owner}) is using ${dir}. Stop it, or use another --data-dir. If no emulator runs, delete ${lockPath}.`,
      );
    }
    // Left behind by an emulator that was killed: take it over.
    await rm(lockPath, { force: true });
  }
  throw new Error(`Could not lock ${dir}; delete ${lockPath} if no emulator uses the directory.`);
}

interface PendingBatch {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The state on disk. A save writes a temp file, fsyncs it, renames it over the
 * state file and fsyncs the directory, so a crash at any moment leaves either
 * the previous or the new state. Saves requested while a write runs are
 * grouped into the next write (group commit); each promise resolves only once
 * a write that includes its mutation is durable.
 */
export class StateFile {
  private writing = false;
  private pending: PendingBatch | undefined;
  /** Set by the first failed write: from then on nothing is acknowledged that is not on disk. */
  private failure: ApiError | undefined;
  /** The text of the last state known to be on disk. */
  private durableText: string | undefined;

  private constructor(
    readonly dir: string,
    private readonly serialize: () => string,
    private readonly restore: (text: string) => void,
    durableText: string | undefined,
  ) {
    this.durableText = durableText;
  }

  static async open(
    dir: string,
    serialize: () => string,
    restore: (text: string) => void,
  ): Promise<{ file: StateFile; state: EmulatorState | undefined }> {
    await mkdir(dir, { recursive: true });
    await acquireLock(dir);
    try {
      return await StateFile.load(dir, serialize, restore);
    } catch (error) {
      await rm(join(dir, LOCK_FILE), { force: true });
      throw error;
    }
  }

  private static async load(
    dir: string,
    serialize: () => string,
    restore: (text: string) => void,
  ): Promise<{ file: StateFile; state: EmulatorState | undefined }> {
    // A leftover temp file is a write that never completed: it was never acknowledged.
    await rm(join(dir, TEMP_FILE), { force: true });
    let text: string | undefined;
    try {
      text = await readFile(join(dir, STATE_FILE), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    let state: EmulatorState | undefined;
    if (text !== undefined) {
      try {
        state = parseState(JSON.parse(text));
      } catch (error) {
        throw new Error(
          `The emulator state file ${join(dir, STATE_FILE)} is unreadable (${(error as Error).message}). ` +
            "Move it away to start with an empty state, or point --data-dir at another directory.",
        );
      }
    }
    return { file: new StateFile(dir, serialize, restore, text), state };
  }

  save(): Promise<void> {
    if (this.failure !== undefined) {
      // The caller's change cannot be written: take it back out of memory.
      if (this.durableText !== undefined) this.restore(this.durableText);
      return Promise.reject(this.failure);
    }
    let batch = this.pending;
    if (batch === undefined) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      batch = { promise, resolve, reject };
      this.pending = batch;
      this.startNextWrite();
    }
    return batch.promise;
  }

  private startNextWrite(): void {
    if (this.writing || this.pending === undefined) return;
    const batch = this.pending;
    this.pending = undefined;
    this.writing = true;
    const text = this.serialize();
    this.writeAtomically(text)
      .then(
        () => {
          this.durableText = text;
          batch.resolve();
        },
        (error: unknown) => {
          this.failure = new ApiError(
            500,
            "INTERNAL",
            "STATE_NOT_WRITABLE",
            `The emulator could not write its state to ${this.dir} (${(error as Error).message}); this change was not saved. Fix the disk or the directory, then restart the emulator.`,
          );
          // Memory goes back to what is on disk, so nothing refused stays visible.
          if (this.durableText !== undefined) this.restore(this.durableText);
          batch.reject(this.failure);
          // Changes queued behind the failed write were never written either.
          this.pending?.reject(this.failure);
          this.pending = undefined;
        },
      )
      .finally(() => {
        this.writing = false;
        this.startNextWrite();
      });
  }

  /** Waits for pending writes, then releases the directory. */
  async close(): Promise<void> {
    await this.flush();
    await rm(join(this.dir, LOCK_FILE), { force: true });
  }

  /** Resolves once no write is running or queued. */
  async flush(): Promise<void> {
    while (this.writing || this.pending !== undefined) {
      await (this.pending?.promise.catch(() => {}) ?? new Promise((resolve) => setTimeout(resolve, 5)));
    }
  }

  private async writeAtomically(text: string): Promise<void> {
    const tempPath = join(this.dir, TEMP_FILE);
    const handle = await open(tempPath, "w");
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, join(this.dir, STATE_FILE));
    const dirHandle = await open(this.dir, "r");
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
  }
}

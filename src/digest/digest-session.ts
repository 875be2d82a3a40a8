import {
  buildDigestAuthorization,
  type DigestCredentials,
  type DigestRequestTarget,
  newClientNonce,
} from "./authorization.js";
import { type AuthChallenge, chooseDigestChallenge, type DigestChallenge } from "./challenge.js";
import { parseAuthParams } from "./compute.js";

/**
 * The client side of one Digest protection space: the cached challenge and its
 * nonce count. Reusing the nonce with an incrementing `nc` makes a warm call
 * cost one HTTP request instead of two. `nc` is taken synchronously, so calls
 * running concurrently never share a value; only the first call without a
 * challenge probes the server, the others wait for it (single flight).
 */
export class DigestSession {
  private challenge: DigestChallenge | undefined;
  private nonceCount = 0;
  private probe: { promise: Promise<void>; settle: () => void } | undefined;

  constructor(private readonly credentials: DigestCredentials) {}

  /** The `Authorization` value for the next request, or undefined while no challenge is known. */
  authorize(target: DigestRequestTarget, cnonce: string = newClientNonce()): string | undefined {
    if (this.challenge === undefined) return undefined;
    this.nonceCount++;
    return buildDigestAuthorization(this.challenge, this.credentials, target, this.nonceCount, cnonce);
  }

  /** Adopts the strongest supported challenge of a 401; undefined when none is usable. */
  adopt(challenges: readonly AuthChallenge[]): DigestChallenge | undefined {
    const chosen = chooseDigestChallenge(challenges);
    if (chosen === undefined) return undefined;
    // The same nonce again (servers may keep one for a while): its used nc values stay used.
    if (chosen.nonce !== this.challenge?.nonce) this.nonceCount = 0;
    this.challenge = chosen;
    this.finishProbe();
    return chosen;
  }

  /** `Authentication-Info: nextnonce=...` (RFC 7616 section 3.5) moves to the next nonce. */
  observeAuthenticationInfo(value: string | undefined): void {
    if (value === undefined || this.challenge === undefined) return;
    const nextNonce = parseAuthParams(value).get("nextnonce");
    if (nextNonce === undefined || nextNonce === "" || nextNonce === this.challenge.nonce) return;
    this.challenge = { ...this.challenge, nonce: nextNonce, stale: false };
    this.nonceCount = 0;
  }

  /** Forgets the challenge, so that the next call probes again. */
  forget(): void {
    this.challenge = undefined;
    this.nonceCount = 0;
  }

  /**
   * True when the caller should send the unauthenticated probe; false when a
   * challenge is known or another call is already probing.
   */
  claimProbe(): boolean {
    if (this.challenge !== undefined || this.probe !== undefined) return false;
    let settle: () => void = () => {};
    const promise = new Promise<void>((resolve) => {
      settle = resolve;
    });
    this.probe = { promise, settle };
    return true;
  }

  /** Ends a probe (whatever its outcome) and wakes the calls waiting for it. */
  finishProbe(): void {
    const probe = this.probe;
    this.probe = undefined;
    probe?.settle();
  }

  /** Resolves when no probe is in flight; rejects with the signal's reason if it aborts first. */
  async probeSettled(signal?: AbortSignal): Promise<void> {
    const probe = this.probe;
    if (probe === undefined) return;
    if (signal === undefined) return probe.promise;
    signal.throwIfAborted();
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      probe.promise.then(() => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      });
    });
  }

  get probing(): boolean {
    return this.probe !== undefined;
  }
}

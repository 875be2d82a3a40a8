import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import {
  computeDigestResponse,
  type DigestAlgorithm,
  normaliseAlgorithm,
  parseAuthParams,
  quoteAuthValue,
} from "../digest/compute.js";

const DIGEST_REALM = "tidb.cloud";
const OFFERED_ALGORITHMS: readonly DigestAlgorithm[] = ["SHA-256", "MD5"];

export type DigestFailure =
  | "missing"
  | "malformed"
  | "unknown_user"
  | "bad_nonce"
  | "wrong_uri"
  | "bad_response"
  | "stale"
  | "replayed_nc";

export type DigestVerdict = { ok: true; username: string } | { ok: false; reason: DigestFailure };

export interface DigestAuthOptions {
  nonceTtlMs: number;
  now?: () => number;
}

/** Constant-time string comparison (false for different lengths). */
export function safeEqual(left: string, right: string): boolean {
  const a = Buffer.from(left);
  const b = Buffer.from(right);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * RFC 7616 server side. Nonces are `timestamp.random.hmac`, so any nonce this
 * process issued can be checked without storing it; expired ones get
 * `stale=true`. Each nonce keeps the set of `nc` values seen: a repeat is a
 * replay, while out-of-order values (concurrent clients) are fine.
 */
export class DigestAuthenticator {
  private readonly secret = randomBytes(32);
  private readonly opaque = randomBytes(16).toString("hex");
  private readonly seenNc = new Map<string, { issuedAt: number; values: Set<number> }>();
  private readonly now: () => number;
  private lastSweep = 0;

  constructor(private readonly options: DigestAuthOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The WWW-Authenticate header values, SHA-256 first. */
  challenges(stale = false): string[] {
    const nonce = this.issueNonce();
    return OFFERED_ALGORITHMS.map(
      (algorithm) =>
        `Digest realm=${quoteAuthValue(DIGEST_REALM)}, qop="auth", algorithm=${algorithm}, nonce=${quoteAuthValue(nonce)}, opaque=${quoteAuthValue(this.opaque)}${stale ? ", stale=true" : ""}`,
    );
  }

  verify(
    authorization: string | undefined,
    method: string,
    requestTarget: string,
    passwordFor: (username: string) => string | undefined,
  ): DigestVerdict {
    if (authorization === undefined || authorization.trim() === "") return { ok: false, reason: "missing" };
    const match = /^\s*Digest\s+(.*)$/is.exec(authorization);
    if (match === null) return { ok: false, reason: "malformed" };
    const params = parseAuthParams(match[1] ?? "");
    const username = params.get("username");
    const realm = params.get("realm");
    const nonce = params.get("nonce");
    const uri = params.get("uri");
    const response = params.get("response");
    const qop = params.get("qop");
    const nc = params.get("nc");
    const cnonce = params.get("cnonce");
    const algorithm = normaliseAlgorithm(params.get("algorithm"));
    if (
      username === undefined ||
      nonce === undefined ||
      uri === undefined ||
      response === undefined ||
      nc === undefined ||
      cnonce === undefined ||
      qop !== "auth" ||
      realm !== DIGEST_REALM ||
      algorithm === undefined ||
      !OFFERED_ALGORITHMS.includes(algorithm) ||
      !/^[0-9a-fA-F]{8}$/.test(nc) ||
      params.get("opaque") !== this.opaque
    ) {
      return { ok: false, reason: "malformed" };
    }
    const issuedAt = this.nonceIssuedAt(nonce);
    if (issuedAt === undefined) return { ok: false, reason: "bad_nonce" };
    if (uri !== requestTarget) return { ok: false, reason: "wrong_uri" };
    const password = passwordFor(username);
    if (password === undefined) return { ok: false, reason: "unknown_user" };
    const expected = computeDigestResponse({
      algorithm,
      username,
      realm,
      password,
      method,
      uri,
      nonce,
      nc,
      cnonce,
      qop: "auth",
    });
    if (!safeEqual(expected, response.toLowerCase())) return { ok: false, reason: "bad_response" };
    const now = this.now();
    if (now - issuedAt > this.options.nonceTtlMs) return { ok: false, reason: "stale" };
    this.sweep(now);
    let seen = this.seenNc.get(nonce);
    if (seen === undefined) {
      seen = { issuedAt, values: new Set() };
      this.seenNc.set(nonce, seen);
    }
    const count = Number.parseInt(nc, 16);
    if (seen.values.has(count)) return { ok: false, reason: "replayed_nc" };
    seen.values.add(count);
    return { ok: true, username };
  }

  private issueNonce(): string {
    const payload = `${this.now().toString(36)}.${randomBytes(9).toString("base64url")}`;
    return `${payload}.${this.sign(payload)}`;
  }

  private sign(payload: string): string {
    return createHmac("sha256", this.secret).update(payload).digest("base64url").slice(0, 22);
  }

  private nonceIssuedAt(nonce: string): number | undefined {
    const lastDot = nonce.lastIndexOf(".");
    if (lastDot <= 0) return undefined;
    const payload = nonce.slice(0, lastDot);
    if (!safeEqual(this.sign(payload), nonce.slice(lastDot + 1))) return undefined;
    const issuedAt = Number.parseInt(payload.split(".")[0] ?? "", 36);
    return Number.isFinite(issuedAt) ? issuedAt : undefined;
  }

  /** Forgets the nc sets of expired nonces: a replay with them is refused as stale anyway. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.options.nonceTtlMs) return;
    this.lastSweep = now;
    for (const [nonce, seen] of this.seenNc) {
      if (now - seen.issuedAt > this.options.nonceTtlMs) this.seenNc.delete(nonce);
    }
  }
}

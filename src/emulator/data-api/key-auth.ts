import type { IncomingMessage } from "node:http";
import type { EmulatorStoreView } from "../data-plane.js";
import { DigestAuthenticator, safeEqual } from "../digest-auth.js";
import type { ApiKeyRecord } from "../records.js";

export type KeyAuthResult =
  | { ok: true; key: ApiKeyRecord }
  /** `stale`: a good Digest answer to an expired nonce; the client should retry with the new one. */
  | { ok: false; stale: boolean };

/** Data App API key authentication: HTTP Basic (RFC 7617) or Digest (RFC 7616, realm "tidb.cloud"). */
export class DataApiKeyAuth {
  private readonly digest: DigestAuthenticator;

  constructor(
    private readonly store: EmulatorStoreView,
    nonceTtlMs = 300_000,
  ) {
    this.digest = new DigestAuthenticator({ nonceTtlMs });
  }

  authenticate(req: IncomingMessage): KeyAuthResult {
    const header = req.headers.authorization;
    if (header === undefined) return { ok: false, stale: false };
    const basic = /^\s*Basic\s+(\S+)\s*$/i.exec(header);
    if (basic !== null) return this.basic(basic[1] ?? "");
    // The key looked up for the password is the one a good answer authenticates.
    let key: ApiKeyRecord | undefined;
    const verdict = this.digest.verify(header, req.method ?? "GET", req.url ?? "/", (publicKey) => {
      key = this.store.findApiKeyByPublicKey(publicKey);
      return key?.privateKey;
    });
    if (!verdict.ok) return { ok: false, stale: verdict.reason === "stale" };
    return key === undefined ? { ok: false, stale: false } : { ok: true, key };
  }

  /** WWW-Authenticate values for a 401: Digest challenges (SHA-256, MD5), then Basic. */
  challenges(stale: boolean): string[] {
    return [...this.digest.challenges(stale), 'Basic realm="tidb.cloud", charset="UTF-8"'];
  }

  private basic(encoded: string): KeyAuthResult {
    const decoded = Buffer.from(encoded, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon <= 0) return { ok: false, stale: false };
    const key = this.store.findApiKeyByPublicKey(decoded.slice(0, colon));
    if (key === undefined || !safeEqual(key.privateKey, decoded.slice(colon + 1))) {
      return { ok: false, stale: false };
    }
    return { ok: true, key };
  }
}

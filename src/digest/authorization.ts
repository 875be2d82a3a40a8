import { randomBytes } from "node:crypto";
import type { DigestChallenge } from "./challenge.js";
import { computeDigestResponse, digestHash, quoteAuthValue } from "./compute.js";

export interface DigestCredentials {
  username: string;
  password: string;
}

export interface DigestRequestTarget {
  method: string;
  /** The exact request-target on the wire: path plus query. */
  uri: string;
  /** Needed only when the challenge forces qop=auth-int. */
  body?: string;
}

/** `nc` as RFC 7616 wants it: 8 lower-case hex digits. */
export function formatNonceCount(count: number): string {
  return count.toString(16).padStart(8, "0");
}

/** 16 bytes from the CSPRNG, hex: never `Math.random`. */
export function newClientNonce(): string {
  return randomBytes(16).toString("hex");
}

/**
 * The `Authorization` value for one request (RFC 7616 section 3.4). Quotes
 * exactly the fields the RFC says to quote and writes `response` last, which
 * some servers expect.
 */
export function buildDigestAuthorization(
  challenge: DigestChallenge,
  credentials: DigestCredentials,
  target: DigestRequestTarget,
  nonceCount: number,
  cnonce: string = newClientNonce(),
): string {
  const nc = formatNonceCount(nonceCount);
  const response = computeDigestResponse({
    algorithm: challenge.algorithm,
    username: credentials.username,
    realm: challenge.realm,
    password: credentials.password,
    method: target.method,
    uri: target.uri,
    nonce: challenge.nonce,
    nc,
    cnonce,
    qop: challenge.qop,
    body: target.body,
  });
  const username = challenge.userhash
    ? digestHash(challenge.algorithm, `${credentials.username}:${challenge.realm}`)
    : credentials.username;
  const parts = [
    `username=${quoteAuthValue(username)}`,
    `realm=${quoteAuthValue(challenge.realm)}`,
    `nonce=${quoteAuthValue(challenge.nonce)}`,
    `uri=${quoteAuthValue(target.uri)}`,
    `algorithm=${challenge.algorithm}`,
    `qop=${challenge.qop}`,
    `nc=${nc}`,
    `cnonce=${quoteAuthValue(cnonce)}`,
  ];
  if (challenge.opaque !== undefined) parts.push(`opaque=${quoteAuthValue(challenge.opaque)}`);
  if (challenge.userhash) parts.push("userhash=true");
  parts.push(`response=${quoteAuthValue(response)}`);
  return `Digest ${parts.join(", ")}`;
}

/** `Basic` credentials, for the data API when it asks for them. */
export function buildBasicAuthorization(credentials: DigestCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, "utf8").toString("base64")}`;
}

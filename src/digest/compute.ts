import { createHash } from "node:crypto";

// RFC 7616 section 3.4: the pieces both the client and the emulator compute.

export const DIGEST_ALGORITHMS = ["SHA-256", "SHA-256-sess", "MD5", "MD5-sess"] as const;
export type DigestAlgorithm = (typeof DIGEST_ALGORITHMS)[number];
export type DigestQop = "auth" | "auth-int";

/** Strongest first: the order in which a client prefers what a server offers. */
export const ALGORITHM_STRENGTH: readonly DigestAlgorithm[] = ["SHA-256-sess", "SHA-256", "MD5-sess", "MD5"];

export function normaliseAlgorithm(value: string | undefined): DigestAlgorithm | undefined {
  if (value === undefined || value === "") return "MD5";
  const upper = value.toUpperCase();
  return DIGEST_ALGORITHMS.find((algorithm) => algorithm.toUpperCase() === upper);
}

function hashName(algorithm: DigestAlgorithm): "sha256" | "md5" {
  return algorithm.startsWith("SHA-256") ? "sha256" : "md5";
}

export function digestHash(algorithm: DigestAlgorithm, data: string | Uint8Array): string {
  return createHash(hashName(algorithm)).update(data).digest("hex");
}

export interface DigestResponseInput {
  algorithm: DigestAlgorithm;
  username: string;
  realm: string;
  password: string;
  method: string;
  /** The exact request-target sent on the wire: path plus query. */
  uri: string;
  nonce: string;
  nc: string;
  cnonce: string;
  qop: DigestQop;
  /** The request body, needed only for qop=auth-int. */
  body?: string | Uint8Array;
}

export function computeDigestResponse(input: DigestResponseInput): string {
  const { algorithm } = input;
  let ha1 = digestHash(algorithm, `${input.username}:${input.realm}:${input.password}`);
  if (algorithm.endsWith("-sess")) ha1 = digestHash(algorithm, `${ha1}:${input.nonce}:${input.cnonce}`);
  const a2 =
    input.qop === "auth-int"
      ? `${input.method}:${input.uri}:${digestHash(algorithm, input.body ?? "")}`
      : `${input.method}:${input.uri}`;
  const ha2 = digestHash(algorithm, a2);
  return digestHash(algorithm, `${ha1}:${input.nonce}:${input.nc}:${input.cnonce}:${input.qop}:${ha2}`);
}

/** Splits a comma-separated list of `name=value` / `name="quoted value"` pairs, tolerant of odd spacing. */
export function parseAuthParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  let index = 0;
  const length = text.length;
  while (index < length) {
    while (index < length && (text[index] === "," || text[index] === " " || text[index] === "\t")) index++;
    const nameStart = index;
    while (index < length && /[!#$%&'*+\-.^_`|~0-9A-Za-z]/.test(text[index] ?? "")) index++;
    const name = text.slice(nameStart, index).toLowerCase();
    while (index < length && (text[index] === " " || text[index] === "\t")) index++;
    if (name === "" || text[index] !== "=") {
      // Not an auth-param: skip to the next comma.
      while (index < length && text[index] !== ",") index++;
      continue;
    }
    index++;
    while (index < length && (text[index] === " " || text[index] === "\t")) index++;
    let value = "";
    if (text[index] === '"') {
      index++;
      while (index < length && text[index] !== '"') {
        if (text[index] === "\\" && index + 1 < length) index++;
        value += text[index];
        index++;
      }
      index++;
    } else {
      const valueStart = index;
      while (index < length && text[index] !== "," && text[index] !== " " && text[index] !== "\t") index++;
      value = text.slice(valueStart, index);
    }
    if (!params.has(name)) params.set(name, value);
  }
  return params;
}

export function quoteAuthValue(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

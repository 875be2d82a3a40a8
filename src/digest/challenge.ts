import {
  ALGORITHM_STRENGTH,
  type DigestAlgorithm,
  type DigestQop,
  normaliseAlgorithm,
  quoteAuthValue,
} from "./compute.js";

// RFC 9110 section 11.6.1 / RFC 7616 section 3.3: a `WWW-Authenticate` field
// holds one or more challenges, comma-joined, each `scheme [token68 | params]`,
// and a response may carry several such fields.

export interface AuthChallenge {
  /** The scheme as sent (compare case-insensitively). */
  scheme: string;
  /** Parameter names lower-cased, in order of first appearance; a repeated name keeps its first value. */
  params: Map<string, string>;
  token68?: string;
}

const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/;

function isWhitespace(char: string | undefined): boolean {
  return char === " " || char === "\t";
}

class Cursor {
  index = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.index >= this.text.length;
  }

  peek(offset = 0): string | undefined {
    return this.text[this.index + offset];
  }

  skipWhitespace(): void {
    while (isWhitespace(this.peek())) this.index++;
  }

  readWhile(pattern: RegExp): string {
    const start = this.index;
    while (!this.done && pattern.test(this.peek() ?? "")) this.index++;
    return this.text.slice(start, this.index);
  }

  /** After the opening quote: reads to the closing quote, undoing backslash escapes. */
  readQuoted(): string {
    let value = "";
    while (!this.done && this.peek() !== '"') {
      if (this.peek() === "\\" && this.index + 1 < this.text.length) this.index++;
      value += this.peek();
      this.index++;
    }
    this.index++;
    return value;
  }

  skipToComma(): void {
    while (!this.done && this.peek() !== ",") {
      if (this.peek() === '"') {
        this.index++;
        this.readQuoted();
      } else {
        this.index++;
      }
    }
  }
}

/**
 * Parses `WWW-Authenticate` values into challenges. Lenient: never throws, skips
 * what it cannot read, and accepts quoted or bare values with odd spacing.
 */
export function parseChallenges(headerValues: string | readonly string[] | undefined): AuthChallenge[] {
  if (headerValues === undefined) return [];
  const values = typeof headerValues === "string" ? [headerValues] : headerValues;
  const challenges: AuthChallenge[] = [];
  for (const value of values) {
    if (typeof value === "string") parseInto(value, challenges);
  }
  return challenges;
}

function parseInto(text: string, challenges: AuthChallenge[]): void {
  const cursor = new Cursor(text);
  let current: AuthChallenge | undefined;
  while (!cursor.done) {
    while (!cursor.done && (cursor.peek() === "," || isWhitespace(cursor.peek()))) cursor.index++;
    if (cursor.done) break;
    const itemStart = cursor.index;
    const token = cursor.readWhile(TOKEN_CHAR);
    if (token === "") {
      // Junk such as a stray quoted string or `=x`: skip the whole item.
      cursor.index = itemStart;
      cursor.skipToComma();
      continue;
    }
    const afterToken = cursor.index;
    cursor.skipWhitespace();
    const takingParams = current?.token68 === undefined ? current : undefined;
    if (takingParams !== undefined && cursor.peek() === "=" && readParam(cursor, token, takingParams))
      continue;
    if (cursor.peek() === "=") {
      // `name=` with no challenge to take it (none yet, or one with a token68), or not a well-formed param.
      cursor.index = afterToken;
      cursor.skipToComma();
      continue;
    }
    // A token not followed by `=` starts a new challenge.
    current = { scheme: token, params: new Map() };
    challenges.push(current);
    if (isWhitespace(text[afterToken])) readToken68(cursor, current);
  }
}

/** Reads `= value` for param `name`; false when this is not an auth-param (e.g. a token68 `abc=`). */
function readParam(cursor: Cursor, name: string, challenge: AuthChallenge): boolean {
  const start = cursor.index;
  cursor.index++;
  cursor.skipWhitespace();
  let value: string;
  if (cursor.peek() === '"') {
    cursor.index++;
    value = cursor.readQuoted();
  } else {
    value = cursor.readWhile(TOKEN_CHAR);
    if (value === "" && !(cursor.done || cursor.peek() === "," || isWhitespace(cursor.peek()))) {
      cursor.index = start;
      return false;
    }
  }
  const key = name.toLowerCase();
  if (!challenge.params.has(key)) challenge.params.set(key, value);
  cursor.skipWhitespace();
  if (!cursor.done && cursor.peek() !== ",") cursor.skipToComma();
  return true;
}

/** `Basic abc123==`: a token68 right after the scheme, ended by a comma or the end. */
function readToken68(cursor: Cursor, challenge: AuthChallenge): void {
  const start = cursor.index;
  const body = cursor.readWhile(TOKEN68_CHAR);
  const padding = cursor.readWhile(/=/);
  cursor.skipWhitespace();
  if (body !== "" && (cursor.done || cursor.peek() === ",")) {
    challenge.token68 = body + padding;
    return;
  }
  cursor.index = start;
}

/** Renders challenges as one header value; `parseChallenges` reads it back unchanged. */
export function formatChallenges(challenges: readonly AuthChallenge[]): string {
  return challenges
    .map((challenge) => {
      if (challenge.token68 !== undefined) return `${challenge.scheme} ${challenge.token68}`;
      const params = [...challenge.params].map(([name, value]) => `${name}=${quoteAuthValue(value)}`);
      return params.length === 0 ? challenge.scheme : `${challenge.scheme} ${params.join(", ")}`;
    })
    .join(", ");
}

export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque?: string;
  domain?: string;
  algorithm: DigestAlgorithm;
  /** The qop this client will use: `auth` when offered, `auth-int` only when it is the only one. */
  qop: DigestQop;
  stale: boolean;
  userhash: boolean;
  charset?: string;
}

/** Reads one Digest challenge; undefined when it lacks a nonce or offers nothing this client supports. */
export function toDigestChallenge(challenge: AuthChallenge): DigestChallenge | undefined {
  if (challenge.scheme.toLowerCase() !== "digest") return undefined;
  const { params } = challenge;
  const nonce = params.get("nonce");
  if (nonce === undefined || nonce === "") return undefined;
  const algorithm = normaliseAlgorithm(params.get("algorithm"));
  if (algorithm === undefined) return undefined;
  const offered = (params.get("qop") ?? "")
    .split(",")
    .map((qop) => qop.trim().toLowerCase())
    .filter((qop) => qop !== "");
  // RFC 2069 challenges without qop are legacy; RFC 7616 requires qop.
  let qop: DigestQop;
  if (offered.includes("auth")) qop = "auth";
  else if (offered.includes("auth-int")) qop = "auth-int";
  else return undefined;
  const digest: DigestChallenge = {
    realm: params.get("realm") ?? "",
    nonce,
    algorithm,
    qop,
    stale: (params.get("stale") ?? "").toLowerCase() === "true",
    userhash: (params.get("userhash") ?? "").toLowerCase() === "true",
  };
  const opaque = params.get("opaque");
  if (opaque !== undefined) digest.opaque = opaque;
  const domain = params.get("domain");
  if (domain !== undefined) digest.domain = domain;
  const charset = params.get("charset");
  if (charset !== undefined) digest.charset = charset;
  return digest;
}

/** The strongest supported Digest challenge among those offered (ties: the server's order). */
export function chooseDigestChallenge(challenges: readonly AuthChallenge[]): DigestChallenge | undefined {
  let best: DigestChallenge | undefined;
  for (const challenge of challenges) {
    const digest = toDigestChallenge(challenge);
    if (digest === undefined) continue;
    if (best === undefined || strength(digest.algorithm) < strength(best.algorithm)) best = digest;
  }
  return best;
}

function strength(algorithm: DigestAlgorithm): number {
  return ALGORITHM_STRENGTH.indexOf(algorithm);
}

export function hasScheme(challenges: readonly AuthChallenge[], scheme: string): boolean {
  const wanted = scheme.toLowerCase();
  return challenges.some((challenge) => challenge.scheme.toLowerCase() === wanted);
}

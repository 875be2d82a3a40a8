import { buildDigestAuthorization } from "../../src/digest/authorization.js";
import {
  type DigestChallenge,
  parseChallenges as parseAuthChallenges,
  toDigestChallenge,
} from "../../src/digest/challenge.js";
import type { DigestAlgorithm } from "../../src/digest/compute.js";

// A small test-only Digest client for the emulator tests: it caches the last
// challenge, counts nc per nonce and re-challenges once on 401. It builds on
// the RFC 7616 pieces of src/digest; the production client lives in src/client.

export interface DigestResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
}

export interface DigestRequestOptions {
  /** Serialised as JSON with Content-Type: application/json. */
  body?: unknown;
  /** Sent as is (for malformed JSON tests). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export type Challenge = DigestChallenge;

/** The Digest challenges of the WWW-Authenticate headers, in the server's order. */
export function parseChallenges(headers: Headers): Challenge[] {
  return parseAuthChallenges(headers.get("www-authenticate") ?? undefined)
    .map(toDigestChallenge)
    .filter((challenge) => challenge !== undefined);
}

export function authorizationHeader(
  challenge: Challenge,
  username: string,
  password: string,
  method: string,
  uri: string,
  nc: number,
): string {
  return buildDigestAuthorization(challenge, { username, password }, { method, uri }, nc);
}

export class DigestFetch {
  private challenge: Challenge | undefined;
  private nc = 0;
  /** Every HTTP response this client received, including 401 challenges. */
  responses = 0;

  constructor(
    /** e.g. http://127.0.0.1:PORT/v1beta1 */
    readonly baseUrl: string,
    readonly username: string,
    readonly password: string,
    readonly algorithm: DigestAlgorithm = "SHA-256",
  ) {}

  async request(method: string, path: string, options: DigestRequestOptions = {}): Promise<DigestResponse> {
    const url = new URL(this.baseUrl + path);
    const uri = url.pathname + url.search;
    for (let attempt = 0; attempt < 2; attempt++) {
      const headers: Record<string, string> = { ...options.headers };
      if (this.challenge !== undefined) {
        this.nc++;
        headers.Authorization = authorizationHeader(
          this.challenge,
          this.username,
          this.password,
          method,
          uri,
          this.nc,
        );
      }
      let body: string | undefined;
      if (options.rawBody !== undefined) body = options.rawBody;
      else if (options.body !== undefined) body = JSON.stringify(options.body);
      if (body !== undefined) headers["Content-Type"] ??= "application/json";
      const response = await fetch(url, { method, headers, body });
      this.responses++;
      const text = await response.text();
      if (response.status === 401 && attempt === 0) {
        this.adopt(response.headers);
        continue;
      }
      let json: unknown;
      try {
        json = text === "" ? undefined : JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.status, headers: response.headers, text, json };
    }
    throw new Error("unreachable");
  }

  /** Shorthand: the JSON body of a request that must answer `expectedStatus`. */
  async json<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: DigestRequestOptions = {},
    expectedStatus = 200,
  ): Promise<T> {
    const response = await this.request(method, path, options);
    if (response.status !== expectedStatus) {
      throw new Error(
        `${method} ${path}: expected ${expectedStatus}, got ${response.status}: ${response.text}`,
      );
    }
    return response.json as T;
  }

  private adopt(headers: Headers): void {
    const challenge = parseChallenges(headers).find((candidate) => candidate.algorithm === this.algorithm);
    if (challenge === undefined)
      throw new Error(`no ${this.algorithm} challenge in ${headers.get("www-authenticate")}`);
    this.challenge = challenge;
    this.nc = 0;
  }
}

import type { Dispatcher } from "undici";
import { buildBasicAuthorization, type DigestCredentials } from "../digest/authorization.js";
import { hasScheme, parseChallenges } from "../digest/challenge.js";
import { DigestSession } from "../digest/digest-session.js";
import { type Clock, sleep, systemClock } from "./clock.js";
import { DataServiceError } from "./errors.js";
import type { ClientLogger } from "./log-event.js";
import {
  backoffDelayMs,
  firstHeader,
  isRetryableNetworkError,
  isRetryableStatus,
  NEVER_SENT_CODES,
  parseNonNegativeInteger,
  type RetryOptions,
  rateLimitDelayMs,
} from "./retry-policy.js";
import type { Throttle } from "./throttle.js";

export type Headers = Record<string, string | string[] | undefined>;

export interface HttpRequest {
  method: string;
  /** Path plus query, relative to the origin, exactly as sent on the wire. */
  target: string;
  body?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  bodyText: string;
  /** True when an earlier attempt of this call may have reached the server and run (a broken connection or a 5xx before this retry). */
  afterPossiblyAppliedAttempt?: boolean;
}

/** How requests prove who they are: Digest (with a Basic fallback if that is all the server offers) or Basic. */
export type AuthMode = "digest" | "basic";

export interface RequestExecutorOptions {
  origin: string;
  dispatcher: Dispatcher;
  credentials: DigestCredentials;
  auth: AuthMode;
  timeoutMs: number;
  retry: RetryOptions;
  /** Total time a call may spend waiting out 429s before it gives up. */
  maxRateLimitWaitMs: number;
  throttle?: Throttle;
  log?: ClientLogger;
  clock?: Clock;
  random?: () => number;
}

const MAX_STALE_RECHALLENGES = 2;
const MIN_RATE_LIMIT_WAIT_MS = 1000;

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && code !== "UND_ERR_ABORTED") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function pathOf(target: string): string {
  const query = target.indexOf("?");
  return query < 0 ? target : target.slice(0, query);
}

/**
 * Sends one logical call: waits for the throttle, signs with Digest, follows
 * challenges, waits out 429s and retries what is safe to retry. Returns the
 * final response whatever its status; throws DataServiceError only when no
 * response arrived (network, timeout, aborted).
 */
export class RequestExecutor {
  private readonly digest: DigestSession;
  private mode: AuthMode;
  private readonly clock: Clock;
  private readonly random: () => number;

  constructor(private readonly options: RequestExecutorOptions) {
    this.digest = new DigestSession(options.credentials);
    this.mode = options.auth;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const { signal } = request;
    const method = request.method.toUpperCase();
    const path = pathOf(request.target);
    let retries = 0;
    let staleRechallenges = 0;
    let rateLimitWaitedMs = 0;
    let possiblyApplied = false;
    /** True when this call's previous response was the 401 that gave the current challenge. */
    let challengeIsFresh = false;
    for (let attempt = 1; ; attempt++) {
      throwIfAborted(signal, method, path);
      if (this.mode === "digest") await this.wait(this.digest.probeSettled(signal), signal, method, path);
      const permit = this.options.throttle
        ? await this.wait(this.options.throttle.acquire(signal), signal, method, path)
        : undefined;
      let authorization: string | undefined;
      let probing = false;
      if (this.mode === "basic") {
        authorization = buildBasicAuthorization(this.options.credentials);
      } else {
        authorization = this.digest.authorize({ method, uri: request.target, body: request.body });
        if (authorization === undefined) {
          if (!this.digest.claimProbe()) {
            // Another call started probing while we waited for the throttle.
            permit?.cancel();
            attempt--;
            continue;
          }
          probing = true;
        }
      }
      const usedFreshChallenge = challengeIsFresh;
      challengeIsFresh = false;
      const started = this.clock.now();
      let response: HttpResponse;
      try {
        response = await this.exchange(request, method, authorization);
      } catch (error) {
        permit?.release();
        if (probing) this.digest.finishProbe();
        const code = errorCode(error);
        const failure = this.networkError(error, signal, method, path);
        this.options.log?.({
          type: "request",
          method,
          path,
          attempt,
          durationMs: this.clock.now() - started,
          error: code ?? failure.kind,
        });
        if (failure.kind === "network" && retries < this.options.retry.maxRetries) {
          if (isRetryableNetworkError(method, code, this.options.retry.idempotentMethods)) {
            possiblyApplied ||= !NEVER_SENT_CODES.has(code ?? "");
            await this.backoff(retries++, `network error ${code}`, signal, method, path);
            continue;
          }
        }
        throw failure;
      }
      permit?.release();
      this.options.log?.({
        type: "request",
        method,
        path,
        attempt,
        status: response.status,
        durationMs: this.clock.now() - started,
      });
      this.options.throttle?.observe({
        remaining: parseNonNegativeInteger(response.headers["x-ratelimit-remaining-minute"]),
        resetSeconds: parseNonNegativeInteger(response.headers["x-ratelimit-reset"]),
      });

      if (response.status === 401 && this.mode === "digest") {
        const verdict = this.answerChallenge(response, { probing, usedFreshChallenge, staleRechallenges });
        if (verdict === "final") return response;
        if (verdict === "stale") staleRechallenges++;
        challengeIsFresh = verdict !== "basic";
        continue;
      }
      if (probing) this.digest.finishProbe();
      this.digest.observeAuthenticationInfo(firstHeader(response.headers["authentication-info"]));

      if (response.status === 429) {
        const delay = this.rateLimitDelay(response.headers, retries);
        if (rateLimitWaitedMs + delay > this.options.maxRateLimitWaitMs) return response;
        rateLimitWaitedMs += delay;
        this.options.log?.({ type: "rate_limit_wait", method, path, delayMs: delay });
        // Hold every call of this client, not only this one: they share the key's limit.
        this.options.throttle?.pauseUntil(this.clock.now() + delay);
        if (this.options.throttle === undefined)
          await this.wait(sleep(this.clock, delay, signal), signal, method, path);
        continue;
      }
      if (
        isRetryableStatus(method, response.status, this.options.retry.idempotentMethods) &&
        retries < this.options.retry.maxRetries
      ) {
        possiblyApplied = true;
        await this.backoff(retries++, `HTTP ${response.status}`, signal, method, path);
        continue;
      }
      return possiblyApplied ? { ...response, afterPossiblyAppliedAttempt: true } : response;
    }
  }

  /**
   * A 401 in Digest mode. The probe's 401 brings the first challenge. After a
   * signed request: a stale nonce is not a credentials problem (re-sign, at most
   * twice); a cached nonce may have been forgotten by the server (a restart), so
   * one try with a fresh one; a fresh nonce that fails is final.
   */
  private answerChallenge(
    response: HttpResponse,
    state: { probing: boolean; usedFreshChallenge: boolean; staleRechallenges: number },
  ): "retry" | "stale" | "basic" | "final" {
    const challenges = parseChallenges(response.headers["www-authenticate"]);
    const adopted = this.digest.adopt(challenges);
    if (state.probing) this.digest.finishProbe();
    if (adopted === undefined) {
      if (state.probing && hasScheme(challenges, "basic")) {
        this.mode = "basic";
        return "basic";
      }
      return "final";
    }
    this.options.log?.({ type: "challenge", algorithm: adopted.algorithm, stale: adopted.stale });
    if (state.probing) return "retry";
    if (adopted.stale && state.staleRechallenges < MAX_STALE_RECHALLENGES) return "stale";
    return state.usedFreshChallenge ? "final" : "retry";
  }

  private rateLimitDelay(headers: Headers, retries: number): number {
    const asked = rateLimitDelayMs(headers, Date.now());
    // The headers count whole seconds, so 0 means "within the second": waiting nothing
    // would resend at once, again and again, without ever using up the bounded wait.
    const base = Math.max(
      MIN_RATE_LIMIT_WAIT_MS,
      asked ?? backoffDelayMs(retries + 1, this.options.retry, this.random) + 1000,
    );
    // A little jitter so that clients sharing a key do not come back in lock-step.
    return base + Math.round(this.random() * Math.min(250, base * 0.1));
  }

  private async backoff(
    retry: number,
    reason: string,
    signal: AbortSignal | undefined,
    method: string,
    path: string,
  ): Promise<void> {
    const delay = backoffDelayMs(retry, this.options.retry, this.random);
    this.options.log?.({ type: "retry", method, path, reason, delayMs: delay });
    await this.wait(sleep(this.clock, delay, signal), signal, method, path);
  }

  /** Awaits `promise`, turning the caller's abort into an `aborted` DataServiceError. */
  private async wait<T>(
    promise: Promise<T>,
    signal: AbortSignal | undefined,
    method: string,
    path: string,
  ): Promise<T> {
    try {
      return await promise;
    } catch (error) {
      if (signal?.aborted) throw abortedError(method, path, signal.reason);
      throw error;
    }
  }

  private async exchange(
    request: HttpRequest,
    method: string,
    authorization: string | undefined,
  ): Promise<HttpResponse> {
    const headers: Record<string, string> = { accept: "application/json", ...request.headers };
    if (authorization !== undefined) headers.authorization = authorization;
    if (request.body !== undefined) headers["content-type"] ??= "application/json";
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    try {
      const response = await this.options.dispatcher.request({
        origin: this.options.origin,
        path: request.target,
        method: method as Dispatcher.HttpMethod,
        headers,
        body: request.body,
        signal,
      });
      const bodyText = await response.body.text();
      return { status: response.statusCode, headers: response.headers, bodyText };
    } catch (error) {
      if (timeout.aborted && !request.signal?.aborted) throw new ExchangeTimeout();
      throw error;
    }
  }

  private networkError(
    error: unknown,
    signal: AbortSignal | undefined,
    method: string,
    path: string,
  ): DataServiceError {
    if (error instanceof DataServiceError) return error;
    if (signal?.aborted) return abortedError(method, path, signal.reason);
    const code = errorCode(error);
    if (
      error instanceof ExchangeTimeout ||
      code === "UND_ERR_HEADERS_TIMEOUT" ||
      code === "UND_ERR_BODY_TIMEOUT"
    ) {
      return new DataServiceError({
        kind: "timeout",
        message: `No response from ${this.options.origin} within ${this.options.timeoutMs} ms (${method} ${path}). The service may be slow or unreachable: try again, or raise the timeout.`,
        method,
        path,
      });
    }
    return new DataServiceError({
      kind: "network",
      message: `Could not reach ${this.options.origin} (${code ?? "connection failed"}) for ${method} ${path}. Check the base URL and your network, then try again.`,
      method,
      path,
      cause: code === undefined ? undefined : { code },
    });
  }
}

/** The per-request timeout fired (as opposed to the caller cancelling). */
class ExchangeTimeout extends Error {
  override readonly name = "ExchangeTimeout";
}

function abortedError(method: string, path: string, reason: unknown): DataServiceError {
  return new DataServiceError({
    kind: "aborted",
    message: `The call ${method} ${path} was cancelled.`,
    method,
    path,
    cause: reason,
  });
}

function throwIfAborted(signal: AbortSignal | undefined, method: string, path: string): void {
  if (signal?.aborted) throw abortedError(method, path, signal.reason);
}

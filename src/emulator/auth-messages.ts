import type { DigestFailure } from "./digest-auth.js";

/** Why a request was refused, in words a user can act on. Never mentions the keys themselves. */
export const AUTH_FAILURE_MESSAGES: Record<DigestFailure, { error: string; message: string }> = {
  missing: {
    error: "AUTH_REQUIRED",
    message:
      "Authentication required: use HTTP Digest (RFC 7616) with the organisation public key as user name and the private key as password, e.g. curl --digest -u PUBLIC:PRIVATE URL.",
  },
  malformed: {
    error: "INVALID_AUTHORIZATION",
    message:
      "The Authorization header is not a valid Digest answer to this server's challenge (realm tidb.cloud, qop auth, algorithm SHA-256 or MD5, opaque echoed). Answer a challenge from WWW-Authenticate.",
  },
  bad_nonce: {
    error: "INVALID_NONCE",
    message: "The nonce was not issued by this server (it may have restarted). Answer the new challenge.",
  },
  wrong_uri: {
    error: "URI_MISMATCH",
    message: "The digest uri does not match the request target. Use the exact path and query of the request.",
  },
  unknown_user: {
    error: "INVALID_CREDENTIALS",
    message: "Invalid credentials: check the public key and private key.",
  },
  bad_response: {
    error: "INVALID_CREDENTIALS",
    message: "Invalid credentials: check the public key and private key.",
  },
  stale: {
    error: "STALE_NONCE",
    message: "The nonce has expired (stale=true); the credentials were right. Answer the new challenge.",
  },
  replayed_nc: {
    error: "REPLAYED_NONCE_COUNT",
    message:
      "This nc was already used with this nonce (replay). Send a new nc value for every request on a nonce.",
  },
};

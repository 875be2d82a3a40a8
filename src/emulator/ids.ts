import { randomBytes, randomUUID } from "node:crypto";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UPPER_ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

function randomFrom(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let text = "";
  // 256 is not a multiple of 36 or 62; the slight bias is irrelevant for identifiers.
  for (const byte of bytes) text += alphabet[byte % alphabet.length];
  return text;
}

/** `dataapp-` plus 8 alphanumerics, as the real service names apps. */
export function newDataAppId(): string {
  return `dataapp-${randomFrom(ALPHANUMERIC, 8)}`;
}

/** 8 uppercase alphanumerics. */
export function newPublicKey(): string {
  return randomFrom(UPPER_ALPHANUMERIC, 8);
}

/** UUID-like, 8-4-4-4-12 hex. */
export function newPrivateKey(): string {
  return randomUUID();
}

export function maskSecret(secret: string): string {
  if (secret.length <= 4) return "*".repeat(secret.length);
  return `${"*".repeat(secret.length - 4)}${secret.slice(-4)}`;
}

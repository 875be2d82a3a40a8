import type { ApiKey } from "../client/model.js";

/** The form of a key every list and get shows: never the private key itself. */
export function maskApiKey(key: ApiKey): ApiKey {
  const { privateKey, ...rest } = key;
  if (rest.maskedPrivateKey === undefined && privateKey !== undefined) {
    rest.maskedPrivateKey = `${"*".repeat(Math.max(privateKey.length - 4, 4))}${privateKey.slice(-4)}`;
  }
  return rest;
}

// Checks that a push came from the Backbeat server: x-backbeat-signature is
// `sha256=<hex HMAC-SHA256 of the exact body>` keyed with the client's signing secret.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-backbeat-signature";

export function sign(rawBody: string | Buffer, signingSecret: string): string {
  return `sha256=${createHmac("sha256", signingSecret).update(rawBody).digest("hex")}`;
}

/** Timing-safe, so the comparison does not leak how much of a forged signature was right. */
export function verifySignature(
  rawBody: string | Buffer,
  header: string | string[] | null | undefined,
  signingSecret: string,
): boolean {
  if (typeof header !== "string" || signingSecret === "") return false;
  const expected = Buffer.from(sign(rawBody, signingSecret));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// One signed JSON POST with a timeout. Never called inside a database transaction.
import { createHmac } from "node:crypto";

export const SIGNATURE_HEADER = "x-backbeat-signature";

export type PostResult =
  { kind: "ok"; status: number } | { kind: "http_error"; status: number } | { kind: "network_error"; message: string };

/** HMAC-SHA256 of the exact body bytes, hex, as `sha256=<hex>`: clients verify the sender with it. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** `headers`: more headers (e.g. the W3C `traceparent` of the delivery's span). */
export async function postJson(
  url: string,
  payload: unknown,
  secret: string,
  timeoutMs: number,
  headers: Record<string, string> = {},
): Promise<PostResult> {
  const body = JSON.stringify(payload);
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json", [SIGNATURE_HEADER]: signBody(body, secret) },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined); // drain, so the connection can be reused
    return res.ok ? { kind: "ok", status: res.status } : { kind: "http_error", status: res.status };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const message = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
    return { kind: "network_error", message };
  }
}

// What the explorer's GraphQL relay (src/app/api/graphql/route.ts) refuses before it forwards anything. The relay
// adds the operator's session token from the httpOnly cookie, so a request another site makes the browser send
// would run as the operator (CSRF): only JSON POSTs whose Origin is the dashboard itself get through, and the body
// is bounded so a huge request never reaches the server.

/** The explorer's requests are a query and its variables; GraphiQL's introspection query is about 3 KB. */
export const MAX_RELAY_BODY_BYTES = 256 * 1024;

export type Refusal = { status: 401 | 403 | 413 | 415; code: string; message: string };

const refused = (status: Refusal["status"], code: string, message: string): Refusal => ({ status, code, message });

/** The host the browser addressed: a reverse proxy in front of the dashboard names it in X-Forwarded-Host. */
function requestedHost(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return forwarded || headers.get("host");
}

/** True when the browser says the request comes from a page of the dashboard itself. */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  const host = requestedHost(headers);
  if (!origin || origin === "null" || !host) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  if (originHost.toLowerCase() !== host.toLowerCase()) return false;
  // Browsers also say where a request comes from in Sec-Fetch-Site; when it is there it must agree.
  const site = headers.get("sec-fetch-site");
  return site === null || site === "same-origin";
}

/** Why this request may not be relayed (checked from its headers alone), or null when it may. */
export function relayRefusal(headers: Headers, signedIn: boolean): Refusal | null {
  if (!signedIn) return refused(401, "UNAUTHENTICATED", "Signed out: sign in to the dashboard again.");
  if (!isSameOrigin(headers))
    return refused(403, "FORBIDDEN", "Only the dashboard's own pages may use this endpoint (Origin must match).");
  const mediaType = headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json")
    return refused(415, "BAD_REQUEST", "Send the GraphQL request as JSON (Content-Type: application/json).");
  const length = Number(headers.get("content-length") ?? "0");
  if (length > MAX_RELAY_BODY_BYTES) return tooLarge();
  return null;
}

export function tooLarge(): Refusal {
  return refused(413, "BAD_REQUEST", `The request is larger than ${MAX_RELAY_BODY_BYTES / 1024} KiB.`);
}

/**
 * The body as text, or null once it passes `limit` bytes (a chunked body has no Content-Length to check first):
 * reading stops there, so an endless body costs no more than the limit.
 */
export async function readBoundedText(body: ReadableStream<Uint8Array> | null, limit: number): Promise<string | null> {
  if (!body) return "";
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
}

// The GraphQL explorer's endpoint (/explorer): relays the browser's query to the server with the operator's
// session token from the httpOnly cookie, server-side, so browser JavaScript never holds the token. The server
// checks the token and the role on every operation, exactly as for the dashboard's own queries. What may come
// through (a same-origin JSON POST of bounded size) is decided in src/lib/graphql-relay-guard.ts. Queries and
// mutations only: the explorer has no subscription transport.
import type { NextRequest } from "next/server";
import { graphqlHttpUrl } from "@/lib/config";
import { MAX_RELAY_BODY_BYTES, readBoundedText, relayRefusal, tooLarge, type Refusal } from "@/lib/graphql-relay-guard";
import { SESSION_COOKIE } from "@/lib/session-cookie";

export const dynamic = "force-dynamic";

/** A query the server has not answered by then is given up (the explorer shows the error). */
const UPSTREAM_TIMEOUT_MS = 60_000;

/** A GraphQL-shaped error body, so the explorer shows it like any other error. */
function errorResponse(status: number, code: string, message: string): Response {
  return Response.json({ errors: [{ message, extensions: { code } }] }, { status, headers: NO_STORE });
}

const refusalResponse = ({ status, code, message }: Refusal) => errorResponse(status, code, message);

const NO_STORE = { "cache-control": "no-store" };

export async function POST(request: NextRequest): Promise<Response> {
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  const refusal = relayRefusal(request.headers, !!token);
  if (refusal) return refusalResponse(refusal);
  const body = await readBoundedText(request.body, MAX_RELAY_BODY_BYTES);
  if (body === null) return refusalResponse(tooLarge());

  let upstream: Response;
  try {
    upstream = await fetch(graphqlHttpUrl(), {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", authorization: `Bearer ${token}` },
      body,
      cache: "no-store",
      signal: AbortSignal.any([request.signal, AbortSignal.timeout(UPSTREAM_TIMEOUT_MS)]),
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    return errorResponse(502, "NETWORK", `The Backbeat server did not answer: ${cause}`);
  }
  // The server's answer as it is (its status and body): GraphQL errors keep their extensions.code.
  return new Response(upstream.body, {
    status: upstream.status,
    headers: { "content-type": upstream.headers.get("content-type") ?? "application/json", ...NO_STORE },
  });
}

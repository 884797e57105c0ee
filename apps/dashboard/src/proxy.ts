// Nothing is visible signed out: every page and route handler except /signin needs the session cookie.
// This only checks that the cookie is there; the server checks the token itself on every GraphQL call (an
// expired one sends the visitor back to /signin from gql()).
import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE } from "./lib/session-cookie";

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (request.cookies.get(SESSION_COOKIE)?.value) return withoutEmptyFilters(request) ?? NextResponse.next();
  if (pathname.startsWith("/api/")) {
    return NextResponse.json({ error: "signed out" }, { status: 401 });
  }
  const signIn = new URL("/signin", request.url);
  if (pathname !== "/") signIn.searchParams.set("next", pathname + search);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Everything but the sign-in page and Next's own static assets.
  matcher: ["/((?!signin|_next/static|_next/image|favicon\\.ico|icon\\.svg).*)"],
};

/** Search forms submit every field; drop the empty ones so the URL says only the filters in use. */
function withoutEmptyFilters(request: NextRequest): NextResponse | null {
  if (request.method !== "GET" || request.nextUrl.pathname.startsWith("/api/")) return null;
  const url = request.nextUrl.clone();
  const empty = [...url.searchParams.entries()].filter(([, value]) => value === "").map(([key]) => key);
  if (empty.length === 0) return null;
  for (const key of empty) url.searchParams.delete(key);
  return NextResponse.redirect(url);
}

// Where to go after signing in: `next` comes from the URL, so it must stay on this dashboard. A prefix check is
// not enough: browsers drop tabs and newlines and read "\" as "/", so "/\t/evil.example" leads off-site.

const BASE = "http://dashboard.invalid";

/** The same-origin path (with query and hash) that `next` resolves to, or "/" for anything else. */
export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return "/";
  }
  // "/..//x" resolves to the path "//x", which a browser would read as the host x.
  if (url.origin !== BASE || url.pathname.startsWith("//")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

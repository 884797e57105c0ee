// Filters live in the URL: these read Next's searchParams and build links that keep them.

export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a query parameter, trimmed; undefined when absent or empty. */
export function param(params: SearchParams, name: string): string | undefined {
  const raw = params[name];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value : undefined;
}

/** The listed parameters that are set, as an object (undefined ones left out). */
export function pick(params: SearchParams, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = param(params, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** `path?query` from an object of parameters (unset ones dropped). */
export function hrefWith(path: string, query: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== "") search.set(key, value);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * A `datetime-local` value (no zone; the form says UTC) or a full ISO string → ISO-8601 UTC, or undefined when
 * it is not a date (the server would refuse it; the form shows what it got).
 */
export function utcIso(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`;
  const date = new Date(withZone);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

// Dates and JSON as operators read them. Dates are shown in UTC, the same on the server and in the browser
// (no hydration mismatch, and matches the server's logs).

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** "in 4 min" / "3 min ago", relative to `now`. */
export function relativeTime(iso: string, now: number): string {
  const ms = new Date(iso).getTime() - now;
  const abs = Math.abs(ms);
  const [amount, unit] =
    abs < 60_000
      ? [Math.round(abs / 1000), "s"]
      : abs < 3_600_000
        ? [Math.round(abs / 60_000), "min"]
        : abs < 86_400_000
          ? [Math.round(abs / 3_600_000), "h"]
          : [Math.round(abs / 86_400_000), "d"];
  return ms >= 0 ? `in ${amount} ${unit}` : `${amount} ${unit} ago`;
}

export function compactJson(value: unknown): string {
  return JSON.stringify(value) ?? "null";
}

export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? "null";
}

/**
 * A workflow's subject in a list cell, short enough to sit beside a name: `order: 1042, customer: "ada"` for
 * an object (its keys in order, no braces), cut at `max` characters with "…" (the full JSON goes in a title).
 */
export function shortSubject(subject: unknown, max = 48): string {
  const text =
    subject !== null && typeof subject === "object" && !Array.isArray(subject)
      ? Object.entries(subject)
          .map(([key, value]) => `${key}: ${compactJson(value)}`)
          .join(", ")
      : compactJson(subject);
  if (text === "") return "{}";
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text;
}

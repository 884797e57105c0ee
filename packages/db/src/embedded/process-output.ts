// The line of a PostgreSQL program's output that says what went wrong, without its time and process id:
// a port that cannot be bound first (its FATAL line only says "could not create any TCP/IP sockets"),
// else the first FATAL, ERROR or PANIC line, else the last line.
export function failureLine(output: string): string {
  const lines = output
    .split("\n")
    .map((line) => line.replace(/^\d{4}-\d\d-\d\d [\d:.]+ \w+ \[\d+\] (LOG: +)?/, "").trim())
    .filter(Boolean);
  const found =
    lines.find((line) => line.includes("could not bind")) ??
    lines.find((line) => /^(FATAL|ERROR|PANIC):/.test(line) || line.startsWith("initdb: error"));
  return (found ?? lines.at(-1) ?? "no output").replace(/\s+/g, " ");
}

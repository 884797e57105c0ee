// The line of a PostgreSQL program's output that says what went wrong: its first FATAL or ERROR line,
// else its last line.
export function failureLine(output: string): string {
  const lines = output
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const fatal = lines.find((line) => /\b(FATAL|ERROR|PANIC):/.test(line) || line.startsWith("initdb: error"));
  return fatal ?? lines.at(-1) ?? "no output";
}

// Structured JSON logs, one line per event.

export type LogLevel = "debug" | "info" | "warn" | "error";
export type Logger = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => void;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function jsonLogger(
  minLevel: LogLevel = "info",
  write: (line: string) => void = (l) => process.stdout.write(l + "\n"),
): Logger {
  return (level, msg, fields) => {
    if (ORDER[level] < ORDER[minLevel]) return;
    write(
      JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }, (_k, v: unknown) =>
        typeof v === "bigint" ? v.toString() : v,
      ),
    );
  };
}

export const silentLogger: Logger = () => {};

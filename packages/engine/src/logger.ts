// Structured JSON logs, one line per event, written by pino. The rest of the code sees only the
// `Logger` function (level, message, fields), so tests can inject their own and nothing depends
// on pino's API. Lines keep the shape they always had: `{"level":"info","time":"<ISO>","msg":…,
// …fields}` (level as a word, no pid/hostname), plus `traceId` and `spanId` inside a recorded span.
import { trace } from "@opentelemetry/api";
import { pino, stdTimeFunctions } from "pino";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type Logger = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => void;

/**
 * A pino logger writing lines at `minLevel` and above: to stdout (synchronously, so nothing is lost
 * at process.exit), or to `write` (one line, without its newline) when given.
 */
export function jsonLogger(minLevel: LogLevel = "info", write?: (line: string) => void): Logger {
  const options = {
    level: minLevel,
    base: null,
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    // With tracing on, a line written inside a span names it, so logs and traces meet.
    mixin: traceFields,
  };
  const destination = write
    ? { write: (line: string) => write(line.trimEnd()) }
    : pino.destination({ dest: 1, sync: true });
  const logger = pino(options, destination);
  return (level, msg, fields) => logger[level](fields ?? {}, msg);
}

export const silentLogger: Logger = () => {};

function traceFields(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

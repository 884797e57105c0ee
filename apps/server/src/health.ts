// GET /health: 200 when the database answers, 503 DATABASE_UNREACHABLE when it does not, or not
// within a few seconds (a load balancer must get an answer even if the pool waits on a dead host).
import type { Sql } from "@backbeat/db";
import type { Logger } from "@backbeat/engine";
import type { RequestHandler } from "express";

const TIMEOUT_MS = 3_000;

export function health(sql: Sql, log: Logger): RequestHandler {
  return (_req, res) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    });
    Promise.race([sql.query("SELECT 1"), timeout])
      .then(
        () => res.json({ status: "OK", database: "reachable" }),
        (error: unknown) => {
          log("warn", "health check: database unreachable", { error: String(error) });
          res.status(503).json({ status: "DATABASE_UNREACHABLE", database: "unreachable" });
        },
      )
      .finally(() => clearTimeout(timer));
  };
}

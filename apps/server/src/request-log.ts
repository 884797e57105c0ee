// Every HTTP request gets an id (the caller's `x-request-id` if it is sane, else a new UUID),
// returned in the `x-request-id` header and carried by every log line written while the request
// runs: "request started" (debug), "request finished" (info, with status and duration) and the
// errors it caused, which are logged far from here (Apollo's formatError) — hence AsyncLocalStorage.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { Logger } from "@backbeat/engine";
import type { RequestHandler } from "express";

const current = new AsyncLocalStorage<string>();
const SANE_ID = /^[\w.:-]{1,128}$/;

/** The logger, with `requestId` added to every line written on behalf of a request. */
export function withRequestId(log: Logger): Logger {
  return (level, msg, fields) => {
    const requestId = current.getStore();
    log(level, msg, requestId === undefined ? fields : { requestId, ...fields });
  };
}

export function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.header("x-request-id");
    const requestId = given && SANE_ID.test(given) ? given : randomUUID();
    res.setHeader("x-request-id", requestId);
    const startedAt = performance.now();
    const line = { requestId, method: req.method, path: req.path };
    log("debug", "request started", line);
    res.once("close", () =>
      log("info", "request finished", {
        ...line,
        status: res.statusCode,
        durationMs: Math.round((performance.now() - startedAt) * 10) / 10,
        // The client went away before the answer was complete.
        ...(res.writableFinished ? {} : { aborted: true }),
      }),
    );
    // Everything after this middleware (body parsing, Apollo, resolvers) runs in the context.
    current.run(requestId, next);
  };
}

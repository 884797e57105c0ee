// The one error map: each domain error to the original's status code and body; anything else is a
// 500 that says nothing about its cause (the cause is logged).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  BadInputError,
  ConflictError,
  InvalidTransitionError,
  NotFoundError,
  StaleTransitionError,
  WorkflowCompleteError,
} from "@backbeat/core";
import type { Request, Response } from "express";
import { errorHandler, restErrorOf, UnauthorizedError } from "../src/errors.ts";

describe("restErrorOf", () => {
  it("maps each domain error to its status and body", () => {
    assert.deepEqual(restErrorOf(new UnauthorizedError()), { status: 401, body: { error: "Unauthorized" } });
    assert.equal(restErrorOf(new BadInputError("bad"))?.status, 400);
    assert.equal(restErrorOf(new WorkflowCompleteError("w"))?.status, 400);
    assert.deepEqual(restErrorOf(new NotFoundError("Node", "n")), {
      status: 404,
      body: { errorClass: "NotFoundError", message: "Node n not found" },
    });
    assert.deepEqual(restErrorOf(new InvalidTransitionError("client", "ready", "complete"))?.body, {
      errorClass: "InvalidTransitionError",
      message: "Cannot change client status from ready to complete",
      currentStatus: "ready",
      attemptedStatus: "complete",
    });
    assert.equal(restErrorOf(new StaleTransitionError("n", "complete", "errored"))?.status, 409);
    assert.equal(restErrorOf(new ConflictError("no"))?.status, 409);
    assert.equal(restErrorOf(new Error("db down: password=secret")), null);
    // Mapped by code, so a domain error added elsewhere gets its status once listed (or a 500 until then).
    class Unavailable extends BadInputError {
      override readonly code = "DATABASE_UNAVAILABLE" as "BAD_USER_INPUT";
    }
    assert.equal(restErrorOf(new Unavailable("down"))?.status, 503);
  });

  it("answers 503 for a connection the driver lost mid-statement (pg_terminate_backend, a restart)", () => {
    const terminated = Object.assign(new Error("terminating connection due to administrator command"), {
      code: "57P01",
    });
    for (const cut of [terminated, new Error("Connection terminated unexpectedly")]) {
      assert.deepEqual(restErrorOf(cut), {
        status: 503,
        body: {
          errorClass: "DatabaseUnavailableError",
          message: "The database is unavailable: nothing was changed, try again shortly",
        },
      });
    }
  });

  it("answers a genuine fault with 500 and no detail, and logs it", () => {
    const logged: unknown[] = [];
    let sent: { status: number; body: unknown } | null = null;
    const res = {
      status(code: number) {
        return { json: (body: unknown) => void (sent = { status: code, body }) };
      },
    } as unknown as Response;
    const fault = new Error("relation nodes does not exist at character 15");
    errorHandler((e) => logged.push(e))(fault, {} as Request, res, () => {});
    assert.deepEqual(sent, {
      status: 500,
      body: { errorClass: "InternalServerError", message: "Internal server error" },
    });
    assert.deepEqual(logged, [fault]);
  });
});

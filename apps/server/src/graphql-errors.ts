// The GraphQL error body for requests refused before GraphQL runs (body too large, not JSON), so
// that every answer of /graphql has the same shape and an extensions.code.
import type { ErrorRequestHandler, RequestHandler } from "express";

export function graphqlErrorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/** express.json() failures: 413 for an oversized body, 400 for malformed JSON, as BAD_USER_INPUT. */
export const bodyErrorHandler: ErrorRequestHandler = (error: { status?: number; type?: string }, _req, res, next) => {
  if (res.headersSent) return next(error);
  if (error.type === "entity.too.large") {
    res.status(413).json(graphqlErrorBody("Request body too large", "BAD_USER_INPUT"));
  } else if (error.status !== undefined && error.status >= 400 && error.status < 500) {
    res.status(400).json(graphqlErrorBody("Malformed request body: send JSON", "BAD_USER_INPUT"));
  } else {
    res.status(500).json(graphqlErrorBody("Internal server error", "INTERNAL_SERVER_ERROR"));
  }
};

/** Apollo refuses a request without a parsed body with a plain-text 500; an empty one gets a 400. */
export const emptyBody: RequestHandler = (req, _res, next) => {
  req.body ??= {};
  next();
};

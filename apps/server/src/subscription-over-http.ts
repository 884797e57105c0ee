// A subscription sent as a plain HTTP request (POST or GET) cannot be served: subscriptions run over
// WebSocket (graphql-ws) at the same /graphql. Refused cleanly with 400 BAD_USER_INPUT, where Apollo
// would run its resolver and answer an internal error. A document that does not parse is left to Apollo.
import type { RequestHandler } from "express";
import { getOperationAST, OperationTypeNode, parse } from "graphql";
import { graphqlErrorBody } from "./graphql-errors.ts";

function isSubscription(query: unknown, operationName: unknown): boolean {
  if (typeof query !== "string") return false;
  try {
    const name = typeof operationName === "string" ? operationName : undefined;
    return getOperationAST(parse(query), name)?.operation === OperationTypeNode.SUBSCRIPTION;
  } catch {
    return false;
  }
}

export const refuseSubscriptionOverHttp: RequestHandler = (req, res, next) => {
  const params = (req.method === "GET" ? req.query : req.body) as { query?: unknown; operationName?: unknown };
  if (isSubscription(params?.query, params?.operationName)) {
    res
      .status(400)
      .json(
        graphqlErrorBody(
          "Subscriptions are served over WebSocket (graphql-ws) at /graphql, not over HTTP",
          "BAD_USER_INPUT",
        ),
      );
    return;
  }
  next();
};

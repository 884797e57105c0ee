// Input PostgreSQL cannot store or that would exhaust the stack, refused before GraphQL runs (so before
// any write): NUL bytes (text and jsonb refuse them), unpaired UTF-16 surrogates (not valid UTF-8), and
// JSON nested deeper than MAX_DEPTH (a recursive walk over it overflows the stack). The body is walked
// iteratively, keys and values, query text included: an HTTP request's body and query string here, a
// graphql-ws Subscribe message's payload in graphql-ws.ts.
import type { RequestHandler } from "express";
import { graphqlErrorBody } from "./graphql-errors.ts";

const MAX_DEPTH = 64;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function badString(value: string): string | null {
  if (value.includes("\u0000")) return "contains a NUL byte (\\u0000)";
  if (UNPAIRED_SURROGATE.test(value)) return "contains an unpaired UTF-16 surrogate";
  return null;
}

/** Why the value cannot be taken, or null when it can. */
export function hostileInput(root: unknown): string | null {
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value === "string") {
      const why = badString(value);
      if (why) return `a string ${why}`;
    } else if (value !== null && typeof value === "object") {
      if (depth >= MAX_DEPTH) return `JSON nested deeper than ${MAX_DEPTH} levels`;
      for (const [key, child] of Object.entries(value)) {
        const why = badString(key);
        if (why) return `a key ${why}`;
        stack.push({ value: child, depth: depth + 1 });
      }
    }
  }
  return null;
}

/** 400 BAD_USER_INPUT for a request body (or query string) that hostileInput() refuses. */
export const refuseHostileInput: RequestHandler = (req, res, next) => {
  const why = hostileInput(req.body) ?? hostileInput(req.query);
  if (why) {
    res.status(400).json(graphqlErrorBody(`Refused: ${why}`, "BAD_USER_INPUT"));
    return;
  }
  next();
};

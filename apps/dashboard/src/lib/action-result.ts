// What a server action returns to the form that called it: shown next to the button, in words.
import { describeError } from "./graphql-error";

/**
 * `stateKey`: the state of the thing acted on that the result is about (e.g. a node's allowed actions after it);
 * the form hides a result once that thing is in another state.
 */
export type ActionResult =
  { ok: true; message: string; stateKey?: string } | { ok: false; code: string; message: string; stateKey?: string };

type Done = string | { message: string; stateKey: string };

/**
 * Runs a mutation for a server action and turns the outcome into an ActionResult. Redirects (an expired session)
 * are re-thrown so Next can follow them; GraphQL errors become a message such as "Refused: … (the node is
 * complete; it cannot become ready)."
 */
export async function toActionResult(run: () => Promise<Done>, failedStateKey?: string): Promise<ActionResult> {
  try {
    const done = await run();
    return typeof done === "string" ? { ok: true, message: done } : { ok: true, ...done };
  } catch (error) {
    if (isNextControlFlow(error)) throw error;
    return {
      ok: false,
      ...describeError(error),
      ...(failedStateKey === undefined ? {} : { stateKey: failedStateKey }),
    };
  }
}

/** redirect()/notFound() throw errors with a NEXT_ digest that must propagate. */
function isNextControlFlow(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("digest" in error)) return false;
  const digest = error.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_") || digest.startsWith("NEXT_HTTP_ERROR"));
}

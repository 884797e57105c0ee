// What a server action returns to the form that called it: shown next to the button, in words.
import { describeError } from "./graphql-error";

export type ActionResult = { ok: true; message: string } | { ok: false; code: string; message: string };

/**
 * Runs a mutation for a server action and turns the outcome into an ActionResult. Redirects (an expired session)
 * are re-thrown so Next can follow them; GraphQL errors become a message such as "Refused: … (the node is
 * complete; it cannot become ready)."
 */
export async function toActionResult(run: () => Promise<string>): Promise<ActionResult> {
  try {
    return { ok: true, message: await run() };
  } catch (error) {
    if (isNextControlFlow(error)) throw error;
    return { ok: false, ...describeError(error) };
  }
}

/** redirect()/notFound() throw errors with a NEXT_ digest that must propagate. */
function isNextControlFlow(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("digest" in error)) return false;
  const digest = error.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_") || digest.startsWith("NEXT_HTTP_ERROR"));
}

// What a bulk action says before and after it runs. The server acts on at most BULK_LIMIT nodes per call, oldest
// first (contract: Mutation.bulkAction), so a bigger set must not be announced, or reported, as done at once.
import type { BulkActionName } from "./queries";

export const BULK_LIMIT = 1000;

const VERB: Record<BulkActionName, string> = { RETRY: "restart", CANCEL: "cancel" };
const DONE: Record<BulkActionName, string> = { RETRY: "restarted", CANCEL: "canceled" };

export type BulkOutcome = {
  matched: number;
  succeeded: number;
  failed: { nodeId: string; code: string; message: string }[];
};

/** The preview: how many errored nodes the action will touch, and the first few names. */
export function bulkPreviewText(action: BulkActionName, count: number, names: readonly string[]): string {
  const verb = VERB[action];
  if (count === 0) return `No errored node matches this search: nothing to ${verb}.`;
  const list = `${names.join(", ")}${count > names.length ? ", …" : ""}`;
  if (count > BULK_LIMIT) {
    return `This will ${verb} the oldest ${BULK_LIMIT} of ${count} errored nodes (at most ${BULK_LIMIT} at a time; preview again for the rest): ${list}`;
  }
  return `This will ${verb} ${count} errored node${count === 1 ? "" : "s"}: ${list}`;
}

/** The result: how many were done, which failed, and how many still match when the set was too big for one call. */
export function bulkResultText(action: BulkActionName, expectedCount: number, result: BulkOutcome): string {
  const failures = result.failed
    .slice(0, 10)
    .map((f) => `${f.nodeId} (${f.code}: ${f.message})`)
    .join("; ");
  const left = expectedCount - result.matched;
  return (
    `${result.succeeded} of ${result.matched} nodes ${DONE[action]}.` +
    (result.failed.length > 0
      ? ` ${result.failed.length} failed: ${failures}${result.failed.length > 10 ? "; …" : ""}`
      : "") +
    (left > 0
      ? ` ${left} more matched and were not touched (at most ${BULK_LIMIT} per run): preview again to ${VERB[action]} them.`
      : "")
  );
}

// A worker names the attempt it is working on; once the node has been sent again (a retry after a
// deadline, an operator's restart), the old attempt's reports, heartbeats and children are refused,
// so a slow worker cannot finish or fail the attempt another worker is running.
import { BadInputError, StaleAttemptError, type NodeRecord } from "@backbeat/core";

export function checkAttemptInput(attempt: number | undefined): void {
  if (attempt !== undefined && !(Number.isInteger(attempt) && attempt >= 0)) {
    throw new BadInputError("attempt must be a whole number ≥ 0");
  }
}

export function assertCurrentAttempt(node: NodeRecord, attempt: number | undefined): void {
  if (attempt !== undefined && node.attempt !== attempt) throw new StaleAttemptError(node.id, node.attempt, attempt);
}

// Node.whyNotRunning as a pure decision over facts the database reads in one statement (db's
// why-not-running-facts.ts) and the time: the rules of the next-node pass (reference §3.5), timers
// (§5.2), retries (§4), client deadlines (§5.4), pause (§6.1) and pull delivery, in sentences for an
// operator. The API's resolver only fetches the facts and calls whyNotRunning.
import { holdsBackLaterSiblings, parentWaitsFor } from "./next-node.ts";
import type { NodeRecord } from "./node.ts";
import { isFinished } from "./status-rules.ts";

export const BLOCKER_CODES = [
  "BLOCKING_SIBLING",
  "WORKFLOW_PAUSED",
  "TIMER",
  "RETRY_AT",
  "WAITING_CHILDREN",
  "WAITING_LINK",
  "NO_WORKER",
  "WAITING_CLIENT",
  "ERRORED",
  "WORKFLOW_COMPLETE",
] as const;
export type BlockerCode = (typeof BLOCKER_CODES)[number];

/** One reason why a node is not running now. */
export type Blocker = { code: BlockerCode; message: string; until: Date | null; nodeIds: string[] };

export type RelatedNodeFacts = { id: string; name: string; mode: string; serverStatus: string; clientStatus: string };

export type WhyNotRunningFacts = {
  workflowPaused: boolean;
  workflowComplete: boolean;
  clientName: string;
  /** The node is pulled by its client's workers (deliveryRoute), not pushed. */
  clientPulls: boolean;
  connectedWorkers: number;
  blockingSibling: RelatedNodeFacts | null;
  /** Children the node waits for (all but fire-and-forget ones), finished or not. */
  waitedChildCount: number;
  /** Unfinished children (neither complete nor deactivated), in creation order. */
  children: RelatedNodeFacts[];
  /** Nodes linked to this one (parent_link_id) that are neither complete nor deactivated. */
  links: RelatedNodeFacts[];
  parent: (RelatedNodeFacts & { firesAt: Date; completeBy: Date | null }) | null;
};

/** "2026-11-29 22:10:05 UTC (in 4 min)". */
export function describeTime(at: Date, now: Date): string {
  const stamp = `${at.toISOString().slice(0, 19).replace("T", " ")} UTC`;
  return `${stamp} (${relative(at.getTime() - now.getTime())})`;
}

function relative(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  let span: string;
  if (seconds < 60) span = `${seconds} s`;
  else if (seconds < 3600) span = `${Math.round(seconds / 60)} min`;
  else if (seconds < 86_400) {
    const h = Math.floor(seconds / 3600);
    const min = Math.round((seconds % 3600) / 60);
    span = min > 0 ? `${h} h ${min} min` : `${h} h`;
  } else span = `${Math.round(seconds / 86_400)} d`;
  return ms >= 0 ? `in ${span}` : `${span} ago`;
}

const quoted = (n: { name: string }) => JSON.stringify(n.name);
const statusOf = (n: { serverStatus: string; clientStatus: string }) => `${n.serverStatus}/${n.clientStatus}`;

function blocker(code: BlockerCode, message: string, until: Date | null = null, nodeIds: string[] = []): Blocker {
  return { code, message, until, nodeIds };
}

const paused = blocker("WORKFLOW_PAUSED", "The workflow is paused; this node starts when the workflow is resumed.");

function waitingForParent(parent: NonNullable<WhyNotRunningFacts["parent"]>, now: Date): Blocker {
  const ids = [parent.id];
  const name = quoted(parent);
  switch (parent.serverStatus) {
    case "retrying":
      return blocker(
        "RETRY_AT",
        `Its parent ${name} failed and is retried at ${describeTime(parent.firesAt, now)}; children start after the parent's client work completes.`,
        parent.firesAt,
        ids,
      );
    case "errored":
    case "retries_exhausted":
      return blocker(
        "ERRORED",
        `Its parent ${name} failed (${statusOf(parent)}) and needs an operator (restart or resolve it); children start only after the parent's client work completes.`,
        null,
        ids,
      );
    case "paused":
      return blocker(
        "WORKFLOW_PAUSED",
        `Its parent ${name} is paused with the workflow; resume the workflow.`,
        null,
        ids,
      );
    case "processing_children":
    case "complete":
    case "deactivated":
      return blocker(
        "ERRORED",
        `It was added after its parent ${name} had finished its client work (${statusOf(parent)}), so it will never be made ready; reset the parent or cancel this node.`,
        null,
        ids,
      );
    default:
      return blocker(
        "WAITING_CLIENT",
        `Waiting for the client to finish its parent ${name} (${statusOf(parent)}); children start when the parent's client work completes.`,
        parent.completeBy,
        ids,
      );
  }
}

function waitingForChildren(facts: WhyNotRunningFacts): Blocker[] {
  const out: Blocker[] = [];
  const waited = facts.children.filter(parentWaitsFor);
  if (waited.length > 0) {
    const blocking = waited.filter(holdsBackLaterSiblings);
    const named = (blocking.length > 0 ? blocking : waited).slice(0, 5);
    const names = named.map((c) => `${quoted(c)} (${statusOf(c)})`).join(", ");
    out.push(
      blocker(
        "WAITING_CHILDREN",
        `Waiting for ${waited.length} of ${facts.waitedChildCount} children to complete; first ${blocking.length > 0 ? "blocking " : ""}${named.length === 1 ? "one" : "ones"}: ${names}.`,
        null,
        named.map((c) => c.id),
      ),
    );
  }
  if (facts.links.length > 0) {
    const names = facts.links
      .slice(0, 5)
      .map((l: RelatedNodeFacts) => `${quoted(l)} (${statusOf(l)})`)
      .join(", ");
    out.push(
      blocker(
        "WAITING_LINK",
        `Waiting for ${facts.links.length} linked node${facts.links.length === 1 ? "" : "s"} in other workflows to complete: ${names}.`,
        null,
        facts.links.map((l) => l.id),
      ),
    );
  }
  return out;
}

function atClient(node: NodeRecord, facts: WhyNotRunningFacts, now: Date): Blocker[] {
  const out: Blocker[] = [];
  const client = JSON.stringify(facts.clientName);
  if (facts.clientPulls && facts.connectedWorkers === 0 && node.clientStatus === "received") {
    out.push(
      blocker("NO_WORKER", `No pull worker is connected for client ${client}; the node will run when one connects.`),
    );
  }
  // Unlike reference §5.4, a PROCESSING node times out too (db/queries/deadlines.ts): every report
  // or heartbeat moves complete_by, so only a silent worker loses its node.
  const by = node.completeBy ? describeTime(node.completeBy, now) : null;
  const message =
    node.clientStatus === "processing"
      ? `Client ${client} is working on it (PROCESSING); ${by ? `if it neither reports nor sends a heartbeat by ${by}, the attempt fails and is retried` : "it has no deadline"}.`
      : `Sent to client ${client}, which has not acknowledged it yet; ${by ? `if it does not report by ${by}, the attempt fails and is retried` : "it has no deadline"}.`;
  out.push(blocker("WAITING_CLIENT", message, node.completeBy));
  return out;
}

/** The error of the node's last failure, as recorded with it, in one line ("" when there is none). */
export function describeError(response: unknown): string {
  const error = (response as { error?: unknown } | null)?.error ?? response;
  if (error === null || error === undefined) return "";
  const { name, message } = error as { name?: unknown; message?: unknown };
  const text =
    typeof error === "string"
      ? error
      : typeof message === "string"
        ? `${typeof name === "string" ? name : "Error"}: ${message}`
        : JSON.stringify(error);
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

function failed(node: NodeRecord, lastError: string): Blocker {
  const what = lastError ? `The client reported an error (${lastError})` : "The client reported an error";
  if (node.serverStatus === "retries_exhausted") {
    return blocker("ERRORED", `${what} and every retry is used up; restart it, or report it RESOLVED or SHUTDOWN.`);
  }
  return node.clientStatus === "errored"
    ? blocker("ERRORED", `${what}; it runs again only when an operator restarts it.`)
    : blocker(
        "ERRORED",
        `A server-side failure stopped it after repeated tries${lastError ? ` (${lastError})` : ""}; restart it to run it again.`,
      );
}

/** `lastError`: the node's last failure in one line (describeError), shown with retries and failures. */
export function whyNotRunning(node: NodeRecord, facts: WhyNotRunningFacts, now: Date, lastError = ""): Blocker[] {
  if (isFinished(node.serverStatus)) return [];
  const out: Blocker[] = [];
  if (facts.workflowComplete) {
    out.push(
      blocker(
        "WORKFLOW_COMPLETE",
        "The workflow was marked complete, so it takes no new signals; nodes already in it still run.",
      ),
    );
  }
  const timer = () =>
    node.firesAt > now
      ? [blocker("TIMER", `Timer: it starts at ${describeTime(node.firesAt, now)}.`, node.firesAt)]
      : [];
  switch (node.serverStatus) {
    case "pending":
      if (facts.parent) out.push(waitingForParent(facts.parent, now));
      break;
    case "ready":
      if (facts.blockingSibling) {
        const s = facts.blockingSibling;
        out.push(
          blocker(
            "BLOCKING_SIBLING",
            `Waiting for blocking sibling ${quoted(s)} to complete (it is ${statusOf(s)}).`,
            null,
            [s.id],
          ),
        );
      } else if (facts.workflowPaused) out.push(paused);
      else out.push(...timer());
      break;
    case "started":
      if (facts.workflowPaused) out.push(paused);
      out.push(...timer());
      break;
    case "paused":
      out.push(
        blocker(
          "WORKFLOW_PAUSED",
          "The workflow was paused before this node was sent; it is sent when the workflow is resumed.",
        ),
      );
      break;
    case "sent_to_client":
      out.push(...atClient(node, facts, now));
      break;
    case "retrying": {
      const total = node.attempt + node.retriesRemaining;
      out.push(
        blocker(
          "RETRY_AT",
          `Retry ${node.attempt} of ${total} at ${describeTime(node.firesAt, now)}.${lastError ? ` Last error: ${lastError}.` : ""}`,
          node.firesAt,
        ),
      );
      if (facts.workflowPaused) out.push(paused);
      break;
    }
    case "processing_children":
      out.push(...waitingForChildren(facts));
      break;
    case "errored":
    case "retries_exhausted":
      out.push(failed(node, lastError));
      break;
  }
  return out;
}

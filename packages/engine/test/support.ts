// Helpers shared by the engine's scenario tests: short ways to get a node into a given state,
// and to read what the fake client received and what the audit log recorded.
import assert from "node:assert/strict";
import type { NodeInput, NodeRecord } from "@backbeat/core";
import { listNodeHistory, listWorkflowNodes } from "@backbeat/db";
import type { Caller } from "../src/caller.ts";
import type { SignalInput } from "../src/index.ts";
import type { Harness } from "../src/testing/index.ts";

/** Bounded: polls until `check` holds, at most `rounds` times 20 ms apart. */
export async function until(check: () => boolean | Promise<boolean>, what: string, rounds = 250): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(`timed out waiting for ${what}`);
}

/** A JSON body as the fake client recorded it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON fields
export type Body = Record<string, any>;

export const SUBJECT = { subject_klass: "PaymentTerm", subject_id: "100" };

let workflowCount = 0;

/** A fresh workflow of the harness's client (unique name, so tests never share one). */
export function newWorkflow(h: Harness, name = "wf", caller: Caller = h.caller) {
  workflowCount++;
  return h.engine.createWorkflow(caller, {
    name: `${name}-${workflowCount}`,
    subject: SUBJECT,
    decider: "PaymentDecider",
  });
}

/** A signal, drained so it is sent to the client (sent_to_client/received). */
export async function sentSignal(
  h: Harness,
  workflowId: string,
  input: Partial<SignalInput> = {},
): Promise<NodeRecord> {
  const s = await h.engine.signalWorkflow(h.caller, workflowId, { name: "signal", ...input });
  await h.drain();
  assert.equal(await h.status(s.id), "sent_to_client/received");
  return s;
}

/** A sent signal that registered `children` and reported completed: the children are ready. */
export async function signalWithChildren(h: Harness, children: NodeInput[], workflowName = "wf") {
  const w = await newWorkflow(h, workflowName);
  const s = await sentSignal(h, w.id);
  const kids = await h.engine.addChildren(h.caller, s.id, children);
  await h.engine.reportNodeStatus(h.caller, s.id, "completed");
  return { w, s, kids };
}

/** The node bodies POSTed to a path, for one workflow (other tests' late work is ignored). */
export function postedNodes(h: Harness, path: string, workflowId: string): Body[] {
  return h.fake
    .at(path)
    .map((r) => r.body.activity ?? r.body.decision)
    .filter((n: Body | undefined) => n?.workflowId === workflowId);
}

/** Ids of the nodes POSTed to /activity or /decision for one workflow, in arrival order. */
export function postedIds(h: Harness, workflowId: string): string[] {
  return h.fake.requests
    .filter((r) => r.path === "/activity" || r.path === "/decision")
    .map((r) => r.body.activity ?? r.body.decision)
    .filter((n: Body | undefined) => n?.workflowId === workflowId)
    .map((n: Body) => n.id as string);
}

/** Notifications about a node. */
export function notificationsFor(h: Harness, nodeId: string): Body[] {
  return h.fake
    .at("/notifications")
    .map((r) => r.body)
    .filter((b) => b.activity?.id === nodeId);
}

/** The audit rows of a node as "type:from→to". */
export async function audit(h: Harness, nodeId: string): Promise<string[]> {
  const rows = await listNodeHistory(h.engine.sql, nodeId);
  return rows.map((r) => `${r.statusType}:${r.fromStatus}→${r.toStatus}`);
}

/** Every node of a workflow as "name server/client", in creation order. */
export async function tree(h: Harness, workflowId: string): Promise<string[]> {
  const nodes = await listWorkflowNodes(h.engine.sql, workflowId);
  return nodes.map((n) => `${n.name} ${n.serverStatus}/${n.clientStatus}`);
}

/** A snapshot of everything a refused call must leave untouched: statuses and audit rows. */
export async function snapshot(h: Harness, workflowId: string) {
  const nodes = await listWorkflowNodes(h.engine.sql, workflowId);
  const rows = await Promise.all(nodes.map((n) => listNodeHistory(h.engine.sql, n.id)));
  return {
    nodes: nodes.map((n) => ({
      id: n.id,
      status: `${n.serverStatus}/${n.clientStatus}`,
      completeBy: n.completeBy?.getTime() ?? null,
    })),
    auditRows: rows.reduce((sum, r) => sum + r.length, 0),
  };
}

/** Asserts that `promise` rejects with a Backbeat error of `code`, and returns the error. */
export async function rejectsWith(promise: Promise<unknown>, code: string): Promise<Body> {
  let caught: unknown;
  await assert.rejects(promise, (e: unknown) => {
    caught = e;
    return true;
  });
  const error = caught as Body;
  assert.equal(error.code, code, `expected ${code}, got ${String(error.code)}: ${String(error.message)}`);
  return error;
}

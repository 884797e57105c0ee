// The client side of the multi-process tests: a FakeClient (real HTTP server) that runs every node
// it is sent, plus an in-process engine used only to call commands (its scheduler never starts;
// the engine processes do all scheduled work, though a command's own outbound calls, such as a
// signal sent as it commits, leave from it). Also the database checks the tests share.
import type { NodeInput } from "@backbeat/core";
import { query, sql } from "@backbeat/db";
import { createTestDatabase, type TestDatabase } from "@backbeat/db/testing";
import { createEngine, type Caller, type Engine, type EngineConfig } from "@backbeat/engine";
import { FakeClient, type ReceivedRequest } from "@backbeat/engine/testing";
import { pollUntil } from "./cluster.ts";

/**
 * A delivery that timed out (an engine or the fake client starved of CPU on a loaded machine) is sent
 * again this soon, within the tests' bounds, instead of after the default 20 minutes.
 */
const RETRY_INTERVAL_SECONDS = 1;

/** The children every decision adds: mostly non-blocking, one blocking, one fire-and-forget. */
export const CHILD_MODES = ["non_blocking", "blocking", "non_blocking", "non_blocking", "fire_and_forget"] as const;

export type WorkerCounters = {
  /** POSTs per node id, and per `${nodeId}:${attempt}`. */
  postsByNode: Map<string, number>;
  postsByAttempt: Map<string, number>;
  /** Deliveries of an attempt this worker had already taken: answered 200, nothing done. */
  duplicates: number;
  /** CONFLICT answers to our reports (the node had moved on): acceptable after a crash. */
  conflicts: { nodeId: string; message: string }[];
  /** Anything else that went wrong on the client side: always a test failure. */
  errors: { nodeId: string; message: string }[];
  inlineReports: number;
  asyncReports: number;
  /** The longest a request that reported inline was held open (vs. the engines' HTTP timeout). */
  slowestInlineMs: number;
};

/** A delivery as the client sees it. */
export type Delivery = { kind: "decision" | "activity"; nodeId: string; attempt: number };

/**
 * Called for each first delivery of an attempt, before the client works on it. It may do
 * something meanwhile (e.g. kill an engine), and may say when to report instead of the default;
 * or, for a decision, that the client adds its children and then hangs: it holds the POST open
 * until `hangUntil` resolves and reports nothing more for this attempt (its node times out).
 */
export type DeliveryHook = (
  d: Delivery,
) => Promise<{ reportAfter: Promise<unknown> } | { hangUntil: Promise<unknown> } | undefined>;

export type Workload = {
  database: TestDatabase;
  engine: Engine;
  fake: FakeClient;
  caller: Caller;
  counters: WorkerCounters;
  /** Nodes the in-process engine delivered: its commands' own outbound calls (a signal sent as it commits). */
  delivered: () => number;
  /** Optional test hook on every new delivery (see DeliveryHook). */
  onDelivery: DeliveryHook | null;
  /** Resolves once `count` POSTs for the node have arrived (false after `timeoutMs`). */
  postsOf: (nodeId: string, count: number, timeoutMs: number) => Promise<boolean>;
  /** Creates `count` workflows and signals each once; returns the signal ids. */
  signalWorkflows: (count: number) => Promise<string[]>;
  /** Resolves when every report started asynchronously has settled. */
  settled: () => Promise<void>;
  close: () => Promise<void>;
};

/** `config`: for the in-process engine, which sends whatever its own commands make due (e.g. a signal). */
export async function createWorkload(config: Partial<EngineConfig> = {}): Promise<Workload> {
  const database = await createTestDatabase();
  const fake = await new FakeClient().start();
  // Up to 2 × maxInFlight requests arrive at once, and half of them report before answering: a
  // small pool here would make the client itself slow enough to hit the engines' HTTP timeout.
  let delivered = 0;
  const engine = createEngine({
    databaseUrl: database.url,
    poolSize: 32,
    config,
    log: (_level, msg) => {
      if (msg === "node delivered") delivered++;
    },
  });
  const { client } = await engine.createClient({
    name: "e2e-client",
    activityEndpoint: `${fake.baseUrl}/activity`,
    decisionEndpoint: `${fake.baseUrl}/decision`,
    notificationEndpoint: `${fake.baseUrl}/notifications`,
  });
  fake.secret = client.signingSecret;
  const caller: Caller = { kind: "client", clientId: client.id };
  const counters: WorkerCounters = {
    postsByNode: new Map(),
    postsByAttempt: new Map(),
    duplicates: 0,
    conflicts: [],
    errors: [],
    inlineReports: 0,
    asyncReports: 0,
    slowestInlineMs: 0,
  };
  const taken = new Set<string>();
  const pending = new Set<Promise<void>>();
  let received = 0;

  /**
   * Runs a node as a client would: a decision adds children, then both report completion. Every call
   * names the attempt it works on, so a run whose attempt was superseded meanwhile (a delivery that
   * timed out and was retried) changes nothing (CONFLICT); the key says which attempt made a child
   * (superseded-attempts.ts).
   */
  const run = async (kind: "decision" | "activity", nodeId: string, attempt: number): Promise<void> => {
    try {
      if (kind === "decision") {
        await decide(nodeId, attempt);
        await engine.reportNodeStatus(caller, nodeId, "deciding_complete", undefined, attempt);
      } else {
        await engine.reportNodeStatus(caller, nodeId, "completed", { ok: true }, attempt);
      }
    } catch (error) {
      countFailure(nodeId, error);
    }
  };
  const decide = async (nodeId: string, attempt: number): Promise<void> => {
    await engine.reportNodeStatus(caller, nodeId, "deciding", undefined, attempt);
    const children: NodeInput[] = CHILD_MODES.map((mode, i) => ({
      name: `child-${i}`,
      mode,
      clientData: { i },
      retryInterval: RETRY_INTERVAL_SECONDS,
    }));
    await engine.addChildren(caller, nodeId, children, attempt, `${nodeId}:${attempt}`);
  };
  const countFailure = (nodeId: string, error: unknown): void => {
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: string }).code;
    (code === "CONFLICT" ? counters.conflicts : counters.errors).push({ nodeId, message });
  };

  fake.respond = async (req: ReceivedRequest) => {
    const kind = req.path === "/decision" ? "decision" : req.path === "/activity" ? "activity" : null;
    if (!kind) return 200; // notifications: none are expected, the tests look at fake.at("/notifications")
    const node = req.body[kind] as { id: string; attempt: number };
    const attemptKey = `${node.id}:${node.attempt}`;
    counters.postsByNode.set(node.id, (counters.postsByNode.get(node.id) ?? 0) + 1);
    counters.postsByAttempt.set(attemptKey, (counters.postsByAttempt.get(attemptKey) ?? 0) + 1);
    // Idempotent: an attempt already taken (a re-delivery after a lost lease) changes nothing.
    if (taken.has(attemptKey)) {
      counters.duplicates++;
      return 200;
    }
    taken.add(attemptKey);
    const plan = await workload.onDelivery?.({ kind, nodeId: node.id, attempt: node.attempt });
    if (plan && "hangUntil" in plan) {
      if (kind === "decision") await decide(node.id, node.attempt).catch((e: unknown) => countFailure(node.id, e));
      await plan.hangUntil;
      return 200;
    }
    if (plan) {
      counters.asyncReports++;
      const p = plan.reportAfter.then(() => run(kind, node.id, node.attempt)).finally(() => pending.delete(p));
      pending.add(p);
      return 200;
    }
    // Both ways a client may work (PRODUCT.md #8): report inside the request, or after answering.
    if (received++ % 2 === 0) {
      counters.inlineReports++;
      const startedAt = performance.now();
      await run(kind, node.id, node.attempt);
      counters.slowestInlineMs = Math.max(counters.slowestInlineMs, Math.round(performance.now() - startedAt));
    } else {
      counters.asyncReports++;
      const p = new Promise<void>((resolve) => setTimeout(resolve, 1))
        .then(() => run(kind, node.id, node.attempt))
        .finally(() => pending.delete(p));
      pending.add(p);
    }
    return 200;
  };

  const workload: Workload = {
    database,
    engine,
    fake,
    caller,
    counters,
    delivered: () => delivered,
    onDelivery: null,
    postsOf: (nodeId, count, timeoutMs) =>
      pollUntil(async () => (counters.postsByNode.get(nodeId) ?? 0) >= count, timeoutMs, 20),
    signalWorkflows: async (count) => {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const w = await engine.createWorkflow(caller, { name: `wf-${i}`, subject: { i }, decider: "E2EDecider" });
        const s = await engine.signalWorkflow(caller, w.id, {
          name: "start",
          clientData: { i },
          retryInterval: RETRY_INTERVAL_SECONDS,
        });
        ids.push(s.id);
      }
      return ids;
    },
    settled: async () => {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    close: async () => {
      await fake.stop();
      await engine.close();
      await database.drop();
    },
  };
  return workload;
}

export type Progress = {
  nodes: number;
  done: number;
  /** Children of superseded attempts (see superseded-attempts.ts). */
  deactivated: number;
  signals: number;
  signalsDone: number;
  jobs: number;
  outbound: number;
};

/** How far the work is: node counts, and the scheduled work left in the database. */
export async function progress(engine: Engine): Promise<Progress> {
  const [row] = await query<Record<keyof Progress, bigint>>(
    engine.sql,
    sql`
    SELECT
      (SELECT count(*) FROM nodes) AS nodes,
      (SELECT count(*) FROM nodes WHERE server_status = 'complete' AND client_status = 'complete') AS done,
      (SELECT count(*) FROM nodes WHERE server_status = 'deactivated') AS deactivated,
      (SELECT count(*) FROM nodes WHERE parent_id IS NULL) AS signals,
      (SELECT count(*) FROM nodes WHERE parent_id IS NULL AND server_status = 'complete') AS "signalsDone",
      (SELECT count(*) FROM jobs) AS jobs,
      (SELECT count(*) FROM outbound_calls) AS outbound`,
  );
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)])) as Progress;
}

/** Everything finished: every node complete/complete and no scheduled work left. */
export function isQuiescent(p: Progress, expectedNodes: number): boolean {
  return p.nodes === expectedNodes && p.done === expectedNodes && p.jobs === 0 && p.outbound === 0;
}

/**
 * The same where a node may have been retried: the nodes that are not deactivated (the current
 * attempts' tree) are `expectedNodes`, all complete/complete, and no scheduled work is left.
 */
export function isQuiescentAfterRetries(p: Progress, expectedNodes: number): boolean {
  return p.nodes - p.deactivated === expectedNodes && isQuiescent({ ...p, nodes: expectedNodes }, expectedNodes);
}

/** "server/client" → count, for failure messages. */
export async function statusHistogram(engine: Engine): Promise<Record<string, number>> {
  const rows = await query<{ s: string; n: bigint }>(
    engine.sql,
    sql`
    SELECT server_status || '/' || client_status AS s, count(*) AS n FROM nodes GROUP BY 1 ORDER BY 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.s, Number(r.n)]));
}

/** A few nodes not complete/complete, each with its latest audit row: why a run did not finish. */
export async function stuckNodes(engine: Engine, limit = 5): Promise<unknown[]> {
  return query<unknown>(
    engine.sql,
    sql`
    SELECT n.id::text AS id, n.type, n.mode, n.attempt, n.server_status || '/' || n.client_status AS status,
      s.status_type || ' ' || s.from_status || '→' || s.to_status AS "lastChange", s.actor, s.response
    FROM nodes n
    LEFT JOIN LATERAL (SELECT * FROM status_changes c WHERE c.node_id = n.id ORDER BY c.id DESC LIMIT 1) s ON true
    WHERE NOT (n.server_status = 'complete' AND n.client_status = 'complete')
    ORDER BY n.seq LIMIT ${limit}`,
  );
}

/** Audit rows that appear more than once for one node (status type, target status) pair. */
export async function duplicateAuditRows(
  engine: Engine,
): Promise<{ nodeId: string; type: string; to: string; n: number }[]> {
  const rows = await query<{ nodeId: string; type: string; to: string; n: bigint }>(
    engine.sql,
    sql`
    SELECT node_id::text AS "nodeId", status_type AS type, to_status AS to, count(*) AS n
    FROM status_changes GROUP BY node_id, status_type, to_status HAVING count(*) > 1`,
  );
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Per node: how many server and client audit rows say `to_status = 'complete'`. */
export async function completeAuditCounts(
  engine: Engine,
): Promise<{ nodeId: string; server: number; client: number }[]> {
  const rows = await query<{ nodeId: string; server: bigint; client: bigint }>(
    engine.sql,
    sql`
    SELECT n.id::text AS "nodeId",
      count(*) FILTER (WHERE s.status_type = 'server' AND s.to_status = 'complete') AS server,
      count(*) FILTER (WHERE s.status_type = 'client' AND s.to_status = 'complete') AS client
    FROM nodes n LEFT JOIN status_changes s ON s.node_id = n.id GROUP BY n.id`,
  );
  return rows.map((r) => ({ nodeId: r.nodeId, server: Number(r.server), client: Number(r.client) }));
}

/** Node attempts: id → attempt. */
export async function nodeAttempts(engine: Engine): Promise<Map<string, number>> {
  const rows = await query<{ id: string; attempt: number }>(engine.sql, sql`SELECT id::text AS id, attempt FROM nodes`);
  return new Map(rows.map((r) => [r.id, r.attempt]));
}

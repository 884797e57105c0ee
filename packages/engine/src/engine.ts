// The engine's public face: every operation of reference §3–§6, bound to one database and clock,
// plus the scheduler that runs due work. Transports (GraphQL, tests, the CLI) call these.
import { randomUUID } from "node:crypto";
import { leaseMarginMs, type NodeInput } from "@backbeat/core";
import { createSqlPool } from "@backbeat/db";
import type { Caller } from "./caller.ts";
import { systemClock, type Clock } from "./clock.ts";
import { addChildren } from "./commands/add-children.ts";
import { authenticateClient } from "./commands/authenticate.ts";
import { createClient, type CreateClientInput } from "./commands/create-client.ts";
import { createWorkflow, type CreateWorkflowInput } from "./commands/create-workflow.ts";
import { defaultPushTimeout } from "./commands/default-push-timeout.ts";
import { heartbeatNode, reportNodeStatus, type ReportInput } from "./commands/report-status.ts";
import { reportNodeStatuses } from "./commands/report-statuses.ts";
import { resetNode } from "./commands/reset-node.ts";
import { restartNode } from "./commands/restart-node.ts";
import { scheduleNode } from "./commands/schedule-node.ts";
import { setClientDelegation } from "./commands/set-client-delegation.ts";
import { signalWorkflow, type SignalInput } from "./commands/signal-workflow.ts";
import { completeWorkflow, pauseWorkflow, resumeWorkflow } from "./commands/workflow-flags.ts";
import { DEFAULT_CONFIG, type EngineConfig } from "./config.ts";
import type { EngineContext } from "./context.ts";
import { ClientCache } from "./client-cache.ts";
import { Dispatcher } from "./delivery/dispatcher.ts";
import { EngineEvents } from "./engine-events.ts";
import { silentLogger, type Logger } from "./logger.ts";
import { Scheduler } from "./scheduler/scheduler.ts";
import { inSpan, traceReports } from "./tracing.ts";

export type EngineOptions = {
  databaseUrl: string;
  clock?: Clock;
  config?: Partial<EngineConfig>;
  log?: Logger;
  random?: () => number;
  poolSize?: number;
  beforeJob?: EngineContext["beforeJob"];
};

export type Engine = ReturnType<typeof createEngine>;

export function createEngine(opts: EngineOptions) {
  const config = { ...DEFAULT_CONFIG, ...opts.config };
  // A call must be sendable within its lease, timeout and settling margin included (dispatcher.ts).
  if (config.leaseMs < config.httpTimeoutMs + leaseMarginMs(config.leaseMs)) {
    throw new Error(
      `leaseMs (${config.leaseMs}) must exceed httpTimeoutMs (${config.httpTimeoutMs}) by at least max(1 s, 10%)`,
    );
  }
  const sql = createSqlPool(opts.databaseUrl, opts.poolSize ?? 10);
  const dispatcher = new Dispatcher();
  const events = new EngineEvents();
  const ctx: EngineContext = {
    sql,
    clock: opts.clock ?? systemClock,
    config,
    log: opts.log ?? silentLogger,
    owner: `engine-${randomUUID()}`,
    random: opts.random ?? Math.random,
    dispatch: (calls) => dispatcher.send(calls),
    clients: new ClientCache(),
    events,
    settle: (id) => dispatcher.settled.add(id),
    pullHandOff: { handOff: null },
    beforeJob: opts.beforeJob,
  };
  dispatcher.bind(ctx);
  const scheduler = new Scheduler(ctx, dispatcher, opts.databaseUrl);

  return {
    sql,
    context: ctx,
    scheduler,
    /** Deliveries and committed transitions, for observers such as the server's metrics. */
    events,
    createClient: traced("createClient", (input: CreateClientInput) => createClient(ctx, input)),
    authenticate: (token: string) => authenticateClient(ctx, token),
    /** Gives a client this push timeout (seconds) unless it has one. */
    defaultPushTimeout: (clientId: string, seconds: number) => defaultPushTimeout(ctx, clientId, seconds),
    createWorkflow: traced("createWorkflow", (caller: Caller, input: CreateWorkflowInput) =>
      createWorkflow(ctx, caller, input),
    ),
    signalWorkflow: traced("signalWorkflow", (caller: Caller, workflowId: string, input: SignalInput) =>
      signalWorkflow(ctx, caller, workflowId, input),
    ),
    addChildren: traced(
      "addChildren",
      (caller: Caller, nodeId: string, children: NodeInput[], attempt?: number, idempotencyKey?: string | null) =>
        addChildren(ctx, caller, nodeId, children, attempt, idempotencyKey),
    ),
    /** Operators: the clients whose workflows may assign nodes to this client (replaces the list). */
    setClientDelegation: traced("setClientDelegation", (clientId: string, acceptsWorkFrom: string[]) =>
      setClientDelegation(ctx, clientId, acceptsWorkFrom),
    ),
    reportNodeStatus: traced(
      "reportNodeStatus",
      (caller: Caller, nodeId: string, status: string, response?: unknown, attempt?: number) =>
        reportNodeStatus(ctx, caller, nodeId, status, response, attempt),
    ),
    /**
     * Many reports in one transaction, each checked on its own (a refused one answers its error). A report's
     * `traceparent` (its worker's handler run) gets a span of its own in that trace.
     */
    reportNodeStatuses: traced(
      "reportNodeStatuses",
      async (caller: Caller, reports: (ReportInput & { traceparent?: string | null })[]) => {
        const startTime = Date.now();
        const outcomes = await reportNodeStatuses(ctx, caller, reports);
        traceReports(reports, outcomes, startTime);
        return outcomes;
      },
    ),
    heartbeatNode: traced("heartbeatNode", (caller: Caller, nodeId: string, attempt?: number) =>
      heartbeatNode(ctx, caller, nodeId, attempt),
    ),
    restartNode: traced("restartNode", (caller: Caller, nodeId: string) => restartNode(ctx, caller, nodeId)),
    resetNode: traced("resetNode", (caller: Caller, nodeId: string) => resetNode(ctx, caller, nodeId)),
    scheduleNode: traced("scheduleNode", (caller: Caller, nodeId: string) => scheduleNode(ctx, caller, nodeId)),
    pauseWorkflow: traced("pauseWorkflow", (caller: Caller, id: string) => pauseWorkflow(ctx, caller, id)),
    resumeWorkflow: traced("resumeWorkflow", (caller: Caller, id: string) => resumeWorkflow(ctx, caller, id)),
    completeWorkflow: traced("completeWorkflow", (caller: Caller, id: string) => completeWorkflow(ctx, caller, id)),
    /** Stops the scheduler (finishing what runs) and closes the database pool. */
    close: async () => {
      await scheduler.stop();
      await dispatcher.idle();
      await sql.end();
    },
  };
}

/** A command run inside its own span (a no-op while tracing is off): `backbeat.<command>`. */
function traced<A extends unknown[], R>(name: string, command: (...args: A) => Promise<R>) {
  return (...args: A): Promise<R> => inSpan(`backbeat.${name}`, () => command(...args));
}

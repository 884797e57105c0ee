// The Prometheus metrics of one server process, on a registry of its own (tests run several
// servers in one process). Engine events feed the counters and the histogram; the node gauge is
// read from the database at scrape time, so every process reports the same, current numbers.
import { SERVER_STATUSES } from "@backbeat/core";
import { countNodesByServerStatus } from "@backbeat/db";
import type { Engine } from "@backbeat/engine";
import { Counter, Gauge, Histogram, Registry } from "prom-client";

export type Metrics = {
  registry: Registry;
  openSubscriptions: Gauge<"subscription">;
  pulledNodes: Counter<"via">;
  /** Stops listening to the engine. */
  close: () => void;
};

export function createMetrics(engine: Engine, subscriptionNames: string[]): Metrics {
  const registry = new Registry();
  new Gauge({
    name: "backbeat_nodes",
    help: "Nodes by server status (all workflows, read from the database at scrape time)",
    labelNames: ["server_status"],
    registers: [registry],
    async collect() {
      const rows = await countNodesByServerStatus(engine.sql);
      // Every status is always exposed (0 included), so a series never vanishes between scrapes.
      for (const status of SERVER_STATUSES) this.set({ server_status: status }, 0);
      for (const row of rows) this.set({ server_status: row.serverStatus }, row.count);
    },
  });
  const dispatchLatency = new Histogram({
    name: "backbeat_dispatch_latency_seconds",
    help: "From a node's delivery being queued (the node due) to its POST being answered or failing",
    labelNames: ["outcome"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  const transitions = new Counter({
    name: "backbeat_transitions_total",
    help: "Committed status changes (audit rows), by status type and target status",
    labelNames: ["status_type", "to_status"],
    registers: [registry],
  });
  const failures = new Counter({
    name: "backbeat_outbound_call_failures_total",
    help: "Outbound calls (deliver, notify) that failed, by kind and reason (http_error, network_error)",
    labelNames: ["kind", "reason"],
    registers: [registry],
  });
  const openSubscriptions = new Gauge({
    name: "backbeat_open_subscriptions",
    help: "GraphQL subscriptions open on this server process, by subscription",
    labelNames: ["subscription"],
    registers: [registry],
  });
  for (const name of subscriptionNames) openSubscriptions.set({ subscription: name }, 0);
  const pulledNodes = new Counter({
    name: "backbeat_pulled_nodes_handed_out_total",
    help: "Nodes handed to nodesToRun subscriptions of this process: as the transaction that sent them committed (commit), or claimed by a fill (claim)",
    labelNames: ["via"],
    registers: [registry],
  });
  for (const via of ["commit", "claim"]) pulledNodes.inc({ via }, 0);

  const off = [
    engine.events.on("transitions", (e) => transitions.inc({ status_type: e.statusType, to_status: e.to }, e.count)),
    engine.events.on("delivered", (e) => {
      if (e.kind === "deliver") dispatchLatency.observe({ outcome: e.reason ?? "ok" }, e.latencyMs / 1000);
      if (!e.ok) failures.inc({ kind: e.kind, reason: e.reason ?? "unknown" });
    }),
  ];
  return { registry, openSubscriptions, pulledNodes, close: () => off.forEach((f) => f()) };
}

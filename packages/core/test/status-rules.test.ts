// Every status classified by every rule, exhaustively: the tables below are keyed by the status
// types, so a status added to statuses.ts fails to compile here (and the loops fail at run time)
// until each rule says what it means for it. db's status-sql.test.ts holds the SQL to the same rules.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  CLIENT_STATUSES,
  CLIENT_TRANSITIONS,
  hasFailedBefore,
  isAwaitingClient,
  isAwaitingClientOnAttempt,
  isAwaitingDelivery,
  isFailed,
  isFailedServerStatus,
  isFinished,
  isRestartable,
  keepsAwaitingClient,
  leaseMarginMs,
  notificationRetryDelayMs,
  SERVER_STATUSES,
  whyNotRunning,
  NODE_TYPES,
  pulledNodeTypes,
  type ClientStatus,
  type NodeRecord,
  type ServerStatus,
  type WhyNotRunningFacts,
} from "../src/index.ts";

type ServerClass = {
  finished: boolean;
  awaitingClient: boolean;
  restartable: boolean;
  failed: boolean;
  afterFailure: boolean;
};
type ClientClass = { awaitingClient: boolean; restartable: boolean; failed: boolean };

const no = { finished: false, awaitingClient: false, restartable: false, failed: false, afterFailure: false };
const SERVER: Record<ServerStatus, ServerClass> = {
  pending: { ...no, restartable: true },
  ready: no,
  started: no,
  sent_to_client: { ...no, awaitingClient: true },
  processing_children: no,
  complete: { ...no, finished: true },
  errored: { ...no, restartable: true, failed: true, afterFailure: true },
  deactivated: { ...no, finished: true },
  retrying: { ...no, restartable: true, afterFailure: true },
  retries_exhausted: { ...no, restartable: true, failed: true, afterFailure: true },
  paused: no,
};
const CLIENT: Record<ClientStatus, ClientClass> = {
  pending: { awaitingClient: false, restartable: true, failed: false },
  ready: { awaitingClient: false, restartable: false, failed: false },
  received: { awaitingClient: true, restartable: false, failed: false },
  processing: { awaitingClient: true, restartable: false, failed: false },
  complete: { awaitingClient: false, restartable: false, failed: false },
  errored: { awaitingClient: false, restartable: true, failed: true },
  resolved: { awaitingClient: false, restartable: false, failed: false },
  shutdown: { awaitingClient: false, restartable: false, failed: false },
};

const pairs = SERVER_STATUSES.flatMap((serverStatus) =>
  CLIENT_STATUSES.map((clientStatus) => ({ serverStatus, clientStatus })),
);

describe("status rules", () => {
  it("classifies exactly the statuses of the tables", () => {
    assert.deepEqual(Object.keys(SERVER).sort(), [...SERVER_STATUSES].sort());
    assert.deepEqual(Object.keys(CLIENT).sort(), [...CLIENT_STATUSES].sort());
  });

  it("server-status rules", () => {
    for (const s of SERVER_STATUSES) {
      assert.equal(isFinished(s), SERVER[s].finished, `isFinished(${s})`);
      assert.equal(isFailedServerStatus(s), SERVER[s].failed, `isFailedServerStatus(${s})`);
      assert.equal(hasFailedBefore(s), SERVER[s].afterFailure, `hasFailedBefore(${s})`);
    }
  });

  it("rules over both statuses, for every pair", () => {
    for (const n of pairs) {
      const [s, c] = [SERVER[n.serverStatus], CLIENT[n.clientStatus]];
      const what = `${n.serverStatus}/${n.clientStatus}`;
      assert.equal(isAwaitingClient(n), s.awaitingClient && c.awaitingClient, `isAwaitingClient(${what})`);
      assert.equal(isRestartable(n), s.restartable && c.restartable, `isRestartable(${what})`);
      assert.equal(isFailed(n), s.restartable && c.restartable && (s.failed || c.failed), `isFailed(${what})`);
      assert.equal(isAwaitingClientOnAttempt({ ...n, attempt: 2 }, 2), isAwaitingClient(n));
      assert.equal(isAwaitingClientOnAttempt({ ...n, attempt: 2 }, 1), false, `older attempt ${what}`);
      assert.equal(
        isAwaitingDelivery({ ...n, attempt: 1 }, 1),
        isAwaitingClient(n) && n.clientStatus === "received",
        `isAwaitingDelivery(${what})`,
      );
    }
  });

  it("changes that keep a node waiting for its client", () => {
    for (const s of SERVER_STATUSES)
      assert.equal(keepsAwaitingClient("server", s), SERVER[s].awaitingClient, `keepsAwaitingClient(server ${s})`);
    for (const c of CLIENT_STATUSES)
      assert.equal(keepsAwaitingClient("client", c), CLIENT[c].awaitingClient, `keepsAwaitingClient(client ${c})`);
    // A send (a new attempt) starts from ready, outside the awaiting statuses: a change away comes first.
    for (const [from, tos] of Object.entries(CLIENT_TRANSITIONS))
      for (const to of tos)
        if (to === "received") assert.equal(CLIENT[from as ClientStatus].awaitingClient, false, `${from} → received`);
  });

  it("lease margin and notification back-off", () => {
    assert.equal(leaseMarginMs(5_000), 1_000);
    assert.equal(leaseMarginMs(60_000), 6_000);
    assert.deepEqual([1, 2, 3, 8, 20].map(notificationRetryDelayMs), [5_000, 10_000, 20_000, 600_000, 600_000]);
  });
});

describe("whyNotRunning (a pure decision over facts)", () => {
  const now = new Date("2026-12-06T12:00:00Z");
  const facts: WhyNotRunningFacts = {
    workflowPaused: false,
    workflowComplete: false,
    clientName: "shop",
    clientPulls: true,
    connectedWorkers: 0,
    blockingSibling: null,
    waitedChildCount: 0,
    children: [],
    links: [],
    parent: null,
  };
  const node = {
    serverStatus: "sent_to_client",
    clientStatus: "received",
    completeBy: new Date(now.getTime() + 60_000),
  } as NodeRecord;

  it("a pulled node with no worker connected: NO_WORKER, then the client's deadline", () => {
    const codes = whyNotRunning(node, facts, now).map((b) => b.code);
    assert.deepEqual(codes, ["NO_WORKER", "WAITING_CLIENT"]);
    assert.deepEqual(
      whyNotRunning(node, { ...facts, connectedWorkers: 1 }, now).map((b) => b.code),
      ["WAITING_CLIENT"],
    );
  });

  it("a finished node is held back by nothing", () => {
    for (const serverStatus of ["complete", "deactivated"] as const)
      assert.deepEqual(whyNotRunning({ ...node, serverStatus }, facts, now), []);
  });
});

describe("pulledNodeTypes (deliveryRoute's pull side)", () => {
  it("a client without endpoints pulls every type; one with a decision endpoint gets decisions pushed", () => {
    assert.deepEqual(pulledNodeTypes({ activityEndpoint: null, decisionEndpoint: null }), [...NODE_TYPES]);
    assert.deepEqual(
      pulledNodeTypes({ activityEndpoint: null, decisionEndpoint: "http://x/d" }),
      NODE_TYPES.filter((t) => t !== "decision"),
    );
    assert.deepEqual(pulledNodeTypes({ activityEndpoint: "http://x/a", decisionEndpoint: null }), []);
  });
});

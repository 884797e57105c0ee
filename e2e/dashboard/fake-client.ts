// A client application driven by the tests: a pull worker (the @backbeat/client SDK over a real
// WebSocket) whose handlers a test sets per node name, so a node can be held open, made to fail, or
// allowed to succeed while the browser watches.
import { randomUUID } from "node:crypto";
import {
  BackbeatClient,
  createPullWorker,
  type Handler,
  type JsonObject,
  type NodeOptions,
  type PullWorker,
} from "@backbeat/client";
import { gql } from "../src/graphql-client.ts";

export type Gate = {
  /** Resolves when the worker has started running the held node. */
  started: Promise<void>;
  /** Lets the held node finish (COMPLETED). */
  release: () => void;
};

export type FakeClient = {
  id: string;
  name: string;
  sdk: BackbeatClient;
  /** What the worker reported as failed (connection, refused reports, ...): shown when a wait fails. */
  errors: unknown[];
  /** What the node named `nodeName` does from now on (the default: complete at once). */
  on: (nodeName: string, handler: Handler) => void;
  /** The node named `nodeName` reports an error (ERRORED) on every run until `on` replaces this. */
  fail: (nodeName: string, message?: string) => void;
  /** The node named `nodeName` stays PROCESSING until the gate is released. */
  hold: (nodeName: string) => Gate;
  /** Creates a workflow (subject as given) and signals it; returns both ids. */
  start: (
    workflowName: string,
    subject: JsonObject,
    signalName: string,
    options?: NodeOptions,
  ) => Promise<{ workflowId: string; nodeId: string }>;
  /** Polls the node until `check` accepts it (the dashboard is not involved). */
  waitForNode: (nodeId: string, check: (n: { serverStatus: string; clientStatus: string }) => boolean) => Promise<void>;
  stop: () => Promise<void>;
};

/** Registers a pull client (no endpoint) with the admin token and starts a worker for it. */
export async function startFakeClient(graphqlUrl: string, adminToken: string, label: string): Promise<FakeClient> {
  const name = `${label}-${randomUUID().slice(0, 8)}`;
  const created = await gql(
    graphqlUrl,
    adminToken,
    `mutation($input: CreateClientInput!) { createClient(input: $input) { token client { id } } }`,
    { input: { name } },
  );
  const token = created.createClient.token as string;
  const sdk = new BackbeatClient({ url: graphqlUrl, token });
  const handlers: Record<string, Handler> = {};
  const errors: unknown[] = [];
  // Held nodes are let go on stop(): the worker waits for its running nodes before it disconnects.
  const gates = new Set<() => void>();
  const worker: PullWorker = createPullWorker({
    url: graphqlUrl,
    token,
    client: sdk,
    handlers: new Proxy(handlers, {
      // Any node without a specific behaviour completes at once.
      get: (target, key: string) => target[key] ?? (() => ({ ok: true })),
    }),
    concurrency: 20,
    onError: (error) => errors.push(error),
    reconnect: { initialDelayMs: 100, maxDelayMs: 1_000 },
  });
  worker.start();

  const waitForNode: FakeClient["waitForNode"] = async (nodeId, check) => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const node = await sdk.node(nodeId);
      if (check({ serverStatus: node.serverStatus, clientStatus: node.clientStatus })) return;
      if (Date.now() > deadline) {
        throw new Error(
          `node ${nodeId} is ${node.serverStatus}/${node.clientStatus}; worker errors: ${String(errors)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  };

  return {
    id: created.createClient.client.id as string,
    name,
    sdk,
    errors,
    on: (nodeName, handler) => {
      handlers[nodeName] = handler;
    },
    fail: (nodeName, message = "the card was declined") => {
      handlers[nodeName] = () => {
        throw new Error(message);
      };
    },
    hold: (nodeName) => {
      let release = () => {};
      let markStarted = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      gates.add(release);
      const started = new Promise<void>((resolve) => (markStarted = resolve));
      handlers[nodeName] = async () => {
        markStarted();
        await released;
        return { held: true };
      };
      return { started, release };
    },
    start: async (workflowName, subject, signalName, options = {}) => {
      const workflow = await sdk.createWorkflow({ name: workflowName, subject });
      const node = await sdk.signalWorkflow(workflow.id, { name: signalName, ...options });
      return { workflowId: workflow.id, nodeId: node.id };
    },
    waitForNode,
    stop: async () => {
      for (const release of gates) release();
      await worker.stop();
    },
  };
}

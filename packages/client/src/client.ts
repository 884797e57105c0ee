// A small GraphQL-over-HTTP client. Every operation is a typed document generated from
// src/operations/*.graphql against the API's schema (src/gql/graphql.ts), printed once; it depends on
// nothing but Node's http and graphql's printer, so any Node project can use it.
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { setTimeout as sleep } from "node:timers/promises";
import { print } from "graphql";
import { reconnectDelay } from "./backoff.ts";
import { BackbeatError, errorFromGraphql, NotFoundError, ValidationError, type ErrorExtensions } from "./errors.ts";
import {
  AddChildrenDocument,
  CreateClientDocument,
  CreateWorkflowDocument,
  FindWorkflowDocument,
  HeartbeatNodeDocument,
  NodeDocument,
  ReportNodeStatusDocument,
  ReportNodeStatusesDocument,
  SignalWorkflowDocument,
  WorkflowDocument,
  type CreateClientInput,
  type NodeFieldsFragment,
} from "./generated/graphql.ts";
import type { Json, JsonObject } from "./json.ts";
import type { NodeReport, ReportResult } from "./report-batcher.ts";
import { fetchPost, httpPost, type Post, type PostAnswer } from "./http-post.ts";
import { traceHeaders } from "./tracing.ts";
import type {
  ChildInput,
  ClientCredentials,
  Node,
  NodeDetail,
  NodeOptions,
  NodeStatusReport,
  SignalOptions,
  Workflow,
  WorkflowDetail,
} from "./types.ts";

export type ClientOptions = {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** A client token (from createClient) or the admin token. */
  token: string;
  /** A fetch to send requests with (a test's, a proxy's). Default: node:http(s) with keep-alive (http-post.ts). */
  fetch?: typeof fetch;
};

type GraphqlBody = {
  data?: Record<string, unknown> | null;
  errors?: { message?: unknown; extensions?: ErrorExtensions }[];
};

/** A document's text, printed once per document. */
const printed = new WeakMap<object, string>();
function textOf(document: TypedDocumentNode<unknown, never>): string {
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
}

/** The API's input wants ISO strings; callers may pass Dates. */
function nodeInput<T extends NodeOptions>(input: T): Omit<T, "firesAt"> & { firesAt?: string } {
  const { firesAt, ...rest } = input;
  return firesAt === undefined ? rest : { ...rest, firesAt: new Date(firesAt).toISOString() };
}

/** clientData and metadata are JSON objects on every node (the schema's JSON scalar cannot say so). */
function asNode(node: NodeFieldsFragment): Node {
  return node as Node;
}

/**
 * How long a keyed call (signal, addChildren) is sent again while the server cannot be reached or
 * answers DATABASE_UNAVAILABLE (its database away, or its COMMIT's answer lost: made or not): safe, as
 * the key makes a repeat create nothing and answer what the first made. A handler that gave up would
 * fail its node, whose retry deactivates the children it did make.
 */
const KEYED_PATIENCE_MS = 30_000;

/** A key for a call the caller gave none for: reused by that call's own retries. */
function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

function found<T>(value: T | null, what: string, id: string): T {
  if (value === null) throw new NotFoundError(`${what} ${id} not found`, "NOT_FOUND");
  return value;
}

export class BackbeatClient {
  readonly url: string;
  private readonly token: string;
  private readonly post: Post;

  constructor(options: ClientOptions) {
    this.url = options.url;
    this.token = options.token;
    this.post = options.fetch ? fetchPost(options.fetch) : httpPost;
  }

  /**
   * Runs one operation; throws the typed error of the first GraphQL error. Pass a typed document
   * (its result and variables are checked), or a query string and the result type you expect.
   */
  request<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
  ): Promise<TResult>;
  request<TResult>(query: string, variables?: Record<string, unknown>): Promise<TResult>;
  async request(query: string | TypedDocumentNode<unknown, never>, variables: unknown = {}): Promise<unknown> {
    const text = typeof query === "string" ? query : textOf(query);
    let res: PostAnswer;
    try {
      res = await this.post(
        this.url,
        { ...traceHeaders(), "content-type": "application/json", authorization: `Bearer ${this.token}` },
        JSON.stringify({ query: text, variables }),
      );
    } catch (error) {
      throw new BackbeatError(`cannot reach ${this.url}: ${messageOf(error)}`, "NETWORK_ERROR", {}, { cause: error });
    }
    const body = res.body;
    let parsed: GraphqlBody;
    try {
      parsed = JSON.parse(body) as GraphqlBody;
    } catch {
      // A body over the size limit is refused by HTTP (413) before GraphQL sees it.
      if (res.status === 413) throw new ValidationError("request body too large", "BAD_USER_INPUT", { status: 413 });
      throw new BackbeatError(`unexpected answer (HTTP ${res.status}): ${body.slice(0, 200)}`, "BAD_RESPONSE", {
        status: res.status,
      });
    }
    const first = parsed.errors?.[0];
    if (first) throw errorFromGraphql(first);
    if (!parsed.data) throw new BackbeatError(`no data in the answer (HTTP ${res.status})`, "BAD_RESPONSE");
    return parsed.data;
  }

  /** Find-or-create by (this client, name, subject). */
  async createWorkflow(input: { name: string; subject: Json; decider?: string; clientId?: string }): Promise<Workflow> {
    return (await this.request(CreateWorkflowDocument, { input })).createWorkflow;
  }

  /** The caller's workflow with this name and subject; NotFoundError when there is none. */
  async findWorkflow(name: string, subject: Json): Promise<Workflow> {
    return found((await this.request(FindWorkflowDocument, { name, subject })).findWorkflow, "workflow", name);
  }

  /**
   * Idempotent: the signal carries `idempotencyKey` (a random one when not given), so the retries this
   * call makes when the server cannot be reached (or a caller's own retry with the same key) never
   * create a second node; a repeat answers the first signal's node, even if its other fields differ.
   */
  async signalWorkflow(workflowId: string, input: SignalOptions & { name: string }): Promise<Node> {
    const keyed = { ...nodeInput(input), idempotencyKey: input.idempotencyKey ?? newIdempotencyKey() };
    const answer = await this.keyedRequest(() => this.request(SignalWorkflowDocument, { workflowId, input: keyed }));
    return asNode(answer.signalWorkflow);
  }

  /** Starts work: find-or-create the workflow (name, subject), then signal it. Returns the signal node. */
  async signal(name: string, subject: Json, signalName: string, options: SignalOptions = {}): Promise<Node> {
    const workflow = await this.createWorkflow({ name, subject });
    return this.signalWorkflow(workflow.id, { ...options, name: signalName });
  }

  // `attempt` (the node's attempt as delivered): given, a call about an attempt that is over (the node was
  // sent again since: a retry, a restart) is refused with a ConflictError and changes nothing.

  /**
   * Children are created PENDING, in array order; they start when the node reports COMPLETED. Idempotent
   * like signalWorkflow: a repeat with the same `idempotencyKey` (random when not given; a handler's
   * ctx.addChildren derives it from the node, its attempt and the call's place in the handler) answers
   * the first call's children.
   */
  async addChildren(
    nodeId: string,
    children: ChildInput[],
    attempt?: number,
    idempotencyKey?: string,
  ): Promise<Node[]> {
    const variables = {
      nodeId,
      children: children.map(nodeInput),
      attempt: attempt ?? null,
      idempotencyKey: idempotencyKey ?? newIdempotencyKey(),
    };
    return (await this.keyedRequest(() => this.request(AddChildrenDocument, variables))).addChildren.map(asNode);
  }

  /** Runs a keyed call, again (with back-off, for up to KEYED_PATIENCE_MS) while it may not have been applied. */
  private async keyedRequest<T>(call: () => Promise<T>): Promise<T> {
    const giveUpAt = Date.now() + KEYED_PATIENCE_MS;
    for (let retries = 0; ; retries++) {
      try {
        return await call();
      } catch (error) {
        const unreachable =
          error instanceof BackbeatError && (error.code === "NETWORK_ERROR" || error.code === "DATABASE_UNAVAILABLE");
        const delay = reconnectDelay(retries, { initialDelayMs: 250, maxDelayMs: 5_000 });
        if (!unreachable || Date.now() + delay > giveUpAt) throw error;
        await sleep(delay);
      }
    }
  }

  async reportNodeStatus(
    nodeId: string,
    status: NodeStatusReport,
    response?: JsonObject,
    attempt?: number,
  ): Promise<Node> {
    const variables = { nodeId, status, response: response ?? null, attempt: attempt ?? null };
    return asNode((await this.request(ReportNodeStatusDocument, variables)).reportNodeStatus);
  }

  /** Many reports in one call, each answered on its own, in order (refused ones carry their error). */
  async reportNodeStatuses(reports: NodeReport[]): Promise<ReportResult[]> {
    const variables = {
      reports: reports.map((r) => ({ ...r, response: r.response ?? null, attempt: r.attempt ?? null })),
    };
    return (await this.request(ReportNodeStatusesDocument, variables)).reportNodeStatuses;
  }

  /** Still working on it: the node's deadline (completeBy) starts again from now. */
  async heartbeatNode(nodeId: string, attempt?: number): Promise<Node> {
    return asNode((await this.request(HeartbeatNodeDocument, { nodeId, attempt: attempt ?? null })).heartbeatNode);
  }

  async node(id: string): Promise<NodeDetail> {
    const node = found((await this.request(NodeDocument, { id })).node, "node", id);
    return { ...asNode(node), statusChanges: node.statusChanges, children: node.children };
  }

  async workflow(id: string): Promise<WorkflowDetail> {
    const workflow = found((await this.request(WorkflowDocument, { id })).workflow, "workflow", id);
    return { ...workflow, nodes: workflow.nodes.map(asNode) };
  }

  /** Operators (or the admin token): registers a client application. Its token and secret are shown once. */
  async createClient(input: CreateClientInput): Promise<ClientCredentials> {
    return (await this.request(CreateClientDocument, { input })).createClient;
  }
}

function messageOf(error: unknown): string {
  const { code, cause } = error as { code?: string; cause?: { code?: string } };
  return cause?.code ?? code ?? (error instanceof Error ? error.message : String(error));
}

// A small GraphQL-over-HTTP client with one hand-written, typed method per operation. It depends
// on nothing but Node's fetch, so any Node project can use it.
import { BackbeatError, errorFromGraphql, ValidationError, type ErrorExtensions } from "./errors.ts";
import type {
  ChildInput,
  Json,
  JsonObject,
  Node,
  NodeDetail,
  NodeOptions,
  NodeStatusReport,
  Workflow,
  WorkflowDetail,
} from "./types.ts";

export type ClientOptions = {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** A client token (from createClient) or the admin token. */
  token: string;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
};

const NODE = `id workflowId parentId name type mode clientId serverStatus clientStatus clientData metadata response
  attempt retriesRemaining retryInterval firesAt completeBy createdAt updatedAt`;
const WORKFLOW = `id name subject decider clientId complete paused createdAt updatedAt`;

type GraphqlBody = {
  data?: Record<string, unknown> | null;
  errors?: { message?: unknown; extensions?: ErrorExtensions }[];
};

/** The API's input wants ISO strings; callers may pass Dates. */
function nodeInput<T extends NodeOptions>(input: T): Omit<T, "firesAt"> & { firesAt?: string } {
  const { firesAt, ...rest } = input;
  return firesAt === undefined ? rest : { ...rest, firesAt: new Date(firesAt).toISOString() };
}

export class BackbeatClient {
  readonly url: string;
  private readonly token: string;
  private readonly fetch: typeof fetch;

  constructor(options: ClientOptions) {
    this.url = options.url;
    this.token = options.token;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /** Runs one operation; throws the typed error of the first GraphQL error. */
  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let res: Response;
    try {
      res = await this.fetch(this.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      throw new BackbeatError(`cannot reach ${this.url}: ${messageOf(error)}`, "NETWORK_ERROR", {}, { cause: error });
    }
    const text = await res.text();
    let body: GraphqlBody;
    try {
      body = JSON.parse(text) as GraphqlBody;
    } catch {
      // A body over the size limit is refused by HTTP (413) before GraphQL sees it.
      if (res.status === 413) throw new ValidationError("request body too large", "BAD_USER_INPUT", { status: 413 });
      throw new BackbeatError(`unexpected answer (HTTP ${res.status}): ${text.slice(0, 200)}`, "BAD_RESPONSE", {
        status: res.status,
      });
    }
    const first = body.errors?.[0];
    if (first) throw errorFromGraphql(first);
    if (!body.data) throw new BackbeatError(`no data in the answer (HTTP ${res.status})`, "BAD_RESPONSE");
    return body.data as T;
  }

  /** Find-or-create by (this client, name, subject). */
  async createWorkflow(input: { name: string; subject: Json; decider?: string; clientId?: string }): Promise<Workflow> {
    const q = `mutation($input: CreateWorkflowInput!) { createWorkflow(input: $input) { ${WORKFLOW} } }`;
    return (await this.request<{ createWorkflow: Workflow }>(q, { input })).createWorkflow;
  }

  async signalWorkflow(workflowId: string, input: NodeOptions & { name: string }): Promise<Node> {
    const q = `mutation($w: ID!, $input: SignalInput!) { signalWorkflow(workflowId: $w, input: $input) { ${NODE} } }`;
    return (await this.request<{ signalWorkflow: Node }>(q, { w: workflowId, input: nodeInput(input) })).signalWorkflow;
  }

  /** Starts work: find-or-create the workflow (name, subject), then signal it. Returns the signal node. */
  async signal(name: string, subject: Json, signalName: string, options: NodeOptions = {}): Promise<Node> {
    const workflow = await this.createWorkflow({ name, subject });
    return this.signalWorkflow(workflow.id, { ...options, name: signalName });
  }

  /** Children are created PENDING, in array order; they start when the node reports COMPLETED. */
  async addChildren(nodeId: string, children: ChildInput[]): Promise<Node[]> {
    const q = `mutation($n: ID!, $c: [ChildNodeInput!]!) { addChildren(nodeId: $n, children: $c) { ${NODE} } }`;
    return (await this.request<{ addChildren: Node[] }>(q, { n: nodeId, c: children.map(nodeInput) })).addChildren;
  }

  async reportNodeStatus(nodeId: string, status: NodeStatusReport, response?: JsonObject): Promise<Node> {
    const q = `mutation($n: ID!, $s: NodeStatusReport!, $r: JSON) {
      reportNodeStatus(nodeId: $n, status: $s, response: $r) { ${NODE} } }`;
    return (await this.request<{ reportNodeStatus: Node }>(q, { n: nodeId, s: status, r: response ?? null }))
      .reportNodeStatus;
  }

  async node(id: string): Promise<NodeDetail> {
    const q = `query($id: ID!) { node(id: $id) { ${NODE} children { id name }
      statusChanges { id statusType fromStatus toStatus actor response createdAt } } }`;
    return (await this.request<{ node: NodeDetail }>(q, { id })).node;
  }

  async workflow(id: string): Promise<WorkflowDetail> {
    const q = `query($id: ID!) { workflow(id: $id) { ${WORKFLOW} printTree nodes { ${NODE} } } }`;
    return (await this.request<{ workflow: WorkflowDetail }>(q, { id })).workflow;
  }
}

function messageOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error instanceof Error ? error.message : String(error));
}

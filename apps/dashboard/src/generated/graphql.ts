/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Bulk actions target failed nodes only (server status ERRORED or RETRIES_EXHAUSTED, or client status ERRORED, and accepted by restartNode): RETRY restarts them, CANCEL reports them CANCELED as the operator. */
export type BulkAction =
  | 'CANCEL'
  | 'RETRY';

export type ClientStatus =
  | 'COMPLETE'
  | 'ERRORED'
  | 'PENDING'
  | 'PROCESSING'
  | 'READY'
  | 'RECEIVED'
  | 'RESOLVED'
  | 'SHUTDOWN';

export type CreateClientInput = {
  activityEndpoint?: string | null | undefined;
  decisionEndpoint?: string | null | undefined;
  name: string;
  notificationEndpoint?: string | null | undefined;
};

export type CreateOperatorInput = {
  /** 3-64 characters of [a-zA-Z0-9._@-]. */
  login: string;
  /** At least 8 characters. */
  password: string;
  role: OperatorRole;
};

/** All filters are optional and combine with AND; status filters take lower-case status names. */
export type NodeSearch = {
  currentStatus?: string | null | undefined;
  /** Substring of the metadata's JSON text. */
  metadata?: string | null | undefined;
  name?: string | null | undefined;
  pastStatus?: string | null | undefined;
  statusEnd?: string | null | undefined;
  statusStart?: string | null | undefined;
  workflowId?: string | number | null | undefined;
};

/** VIEWER reads everything an operator can read; OPERATOR also acts; ADMIN also manages operators. */
export type OperatorRole =
  | 'ADMIN'
  | 'OPERATOR'
  | 'VIEWER';

export type ServerStatus =
  | 'COMPLETE'
  | 'DEACTIVATED'
  | 'ERRORED'
  | 'PAUSED'
  | 'PENDING'
  | 'PROCESSING_CHILDREN'
  | 'READY'
  | 'RETRIES_EXHAUSTED'
  | 'RETRYING'
  | 'SENT_TO_CLIENT'
  | 'STARTED';

/** All filters are optional and combine with AND; status filters take lower-case status names. */
export type WorkflowSearch = {
  /** Has a node whose server or client status is this. */
  currentStatus?: string | null | undefined;
  name?: string | null | undefined;
  /** Has a node with a status change to this (within statusStart..statusEnd when given). */
  pastStatus?: string | null | undefined;
  statusEnd?: string | null | undefined;
  statusStart?: string | null | undefined;
  /** Substring of the subject's JSON text. */
  subject?: string | null | undefined;
};

export type OverviewQueryVariables = Exact<{
  minutes: number;
}>;


export type OverviewQuery = { overview: { serverStatusCounts: Array<{ status: string, count: number }>, clientStatusCounts: Array<{ status: string, count: number }>, perMinute: Array<{ minute: string, completed: number, errored: number }>, oldestStuck: Array<{ id: string, name: string, workflowId: string, serverStatus: ServerStatus, clientStatus: ClientStatus, updatedAt: string, workflow: { name: string } }> } };

export type OperatorActionsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type OperatorActionsQuery = { operatorActions: { edges: Array<{ cursor: string, node: { id: string, operator: string, action: string, target: unknown, result: string, message: string | null, createdAt: string } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type ClientsQueryVariables = Exact<{ [key: string]: never; }>;


export type ClientsQuery = { clients: Array<{ id: string, name: string, activityEndpoint: string | null, decisionEndpoint: string | null, notificationEndpoint: string | null, connectedWorkers: number, acceptsWorkFrom: Array<string>, createdAt: string }> };

export type CreateClientMutationVariables = Exact<{
  input: CreateClientInput;
}>;


export type CreateClientMutation = { createClient: { token: string, signingSecret: string, client: { id: string, name: string } } };

export type NodeRowFragment = { id: string, name: string, workflowId: string, serverStatus: ServerStatus, clientStatus: ClientStatus, retriesRemaining: number, attempt: number, updatedAt: string, workflow: { name: string } };

export type NodesQueryVariables = Exact<{
  after?: string | null | undefined;
  search?: NodeSearch | null | undefined;
}>;


export type NodesQuery = { nodes: { edges: Array<{ node: { id: string, name: string, workflowId: string, serverStatus: ServerStatus, clientStatus: ClientStatus, retriesRemaining: number, attempt: number, updatedAt: string, workflow: { name: string } } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type BulkPreviewQueryVariables = Exact<{
  action: BulkAction;
  search?: NodeSearch | null | undefined;
}>;


export type BulkPreviewQuery = { bulkPreview: { count: number, sample: Array<{ id: string, name: string, workflowId: string, serverStatus: ServerStatus, clientStatus: ClientStatus, retriesRemaining: number, attempt: number, updatedAt: string, workflow: { name: string } }> } };

export type BulkMutationVariables = Exact<{
  action: BulkAction;
  search?: NodeSearch | null | undefined;
  expectedCount: number;
}>;


export type BulkMutation = { bulkAction: { matched: number, succeeded: number, failed: Array<{ nodeId: string, code: string, message: string }> } };

export type OperatorsQueryVariables = Exact<{ [key: string]: never; }>;


export type OperatorsQuery = { operators: Array<{ id: string, login: string, role: OperatorRole, createdAt: string }> };

export type CreateOperatorMutationVariables = Exact<{
  input: CreateOperatorInput;
}>;


export type CreateOperatorMutation = { createOperator: { id: string, login: string, role: OperatorRole } };

export type WorkflowsQueryVariables = Exact<{
  after?: string | null | undefined;
  search?: WorkflowSearch | null | undefined;
}>;


export type WorkflowsQuery = { workflowNames: Array<string>, workflows: { edges: Array<{ node: { id: string, name: string, subject: unknown, createdAt: string, paused: boolean, complete: boolean, client: { name: string }, statusCounts: Array<{ status: string, count: number }> } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type SignInMutationVariables = Exact<{
  login: string;
  password: string;
}>;


export type SignInMutation = { signIn: { token: string, expiresAt: string, operator: { id: string, login: string, role: OperatorRole } } };

export type SignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutMutation = { signOut: boolean };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, login: string, role: OperatorRole } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const NodeRowFragmentDoc = new TypedDocumentString(`
    fragment NodeRow on Node {
  id
  name
  workflowId
  workflow {
    name
  }
  serverStatus
  clientStatus
  retriesRemaining
  attempt
  updatedAt
}
    `, {"fragmentName":"NodeRow"}) as unknown as TypedDocumentString<NodeRowFragment, unknown>;
export const OverviewDocument = new TypedDocumentString(`
    query Overview($minutes: Int!) {
  overview(minutes: $minutes) {
    serverStatusCounts {
      status
      count
    }
    clientStatusCounts {
      status
      count
    }
    perMinute {
      minute
      completed
      errored
    }
    oldestStuck {
      id
      name
      workflowId
      serverStatus
      clientStatus
      updatedAt
      workflow {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<OverviewQuery, OverviewQueryVariables>;
export const OperatorActionsDocument = new TypedDocumentString(`
    query OperatorActions($first: Int!, $after: String) {
  operatorActions(first: $first, after: $after) {
    edges {
      cursor
      node {
        id
        operator
        action
        target
        result
        message
        createdAt
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<OperatorActionsQuery, OperatorActionsQueryVariables>;
export const ClientsDocument = new TypedDocumentString(`
    query Clients {
  clients {
    id
    name
    activityEndpoint
    decisionEndpoint
    notificationEndpoint
    connectedWorkers
    acceptsWorkFrom
    createdAt
  }
}
    `) as unknown as TypedDocumentString<ClientsQuery, ClientsQueryVariables>;
export const CreateClientDocument = new TypedDocumentString(`
    mutation CreateClient($input: CreateClientInput!) {
  createClient(input: $input) {
    token
    signingSecret
    client {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<CreateClientMutation, CreateClientMutationVariables>;
export const NodesDocument = new TypedDocumentString(`
    query Nodes($after: String, $search: NodeSearch) {
  nodes(first: 50, after: $after, search: $search) {
    edges {
      node {
        ...NodeRow
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    fragment NodeRow on Node {
  id
  name
  workflowId
  workflow {
    name
  }
  serverStatus
  clientStatus
  retriesRemaining
  attempt
  updatedAt
}`) as unknown as TypedDocumentString<NodesQuery, NodesQueryVariables>;
export const BulkPreviewDocument = new TypedDocumentString(`
    query BulkPreview($action: BulkAction!, $search: NodeSearch) {
  bulkPreview(action: $action, search: $search) {
    count
    sample {
      ...NodeRow
    }
  }
}
    fragment NodeRow on Node {
  id
  name
  workflowId
  workflow {
    name
  }
  serverStatus
  clientStatus
  retriesRemaining
  attempt
  updatedAt
}`) as unknown as TypedDocumentString<BulkPreviewQuery, BulkPreviewQueryVariables>;
export const BulkDocument = new TypedDocumentString(`
    mutation Bulk($action: BulkAction!, $search: NodeSearch, $expectedCount: Int!) {
  bulkAction(action: $action, search: $search, expectedCount: $expectedCount) {
    matched
    succeeded
    failed {
      nodeId
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<BulkMutation, BulkMutationVariables>;
export const OperatorsDocument = new TypedDocumentString(`
    query Operators {
  operators {
    id
    login
    role
    createdAt
  }
}
    `) as unknown as TypedDocumentString<OperatorsQuery, OperatorsQueryVariables>;
export const CreateOperatorDocument = new TypedDocumentString(`
    mutation CreateOperator($input: CreateOperatorInput!) {
  createOperator(input: $input) {
    id
    login
    role
  }
}
    `) as unknown as TypedDocumentString<CreateOperatorMutation, CreateOperatorMutationVariables>;
export const WorkflowsDocument = new TypedDocumentString(`
    query Workflows($after: String, $search: WorkflowSearch) {
  workflows(first: 25, after: $after, search: $search) {
    edges {
      node {
        id
        name
        subject
        createdAt
        paused
        complete
        client {
          name
        }
        statusCounts {
          status
          count
        }
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
  workflowNames
}
    `) as unknown as TypedDocumentString<WorkflowsQuery, WorkflowsQueryVariables>;
export const SignInDocument = new TypedDocumentString(`
    mutation SignIn($login: String!, $password: String!) {
  signIn(login: $login, password: $password) {
    token
    expiresAt
    operator {
      id
      login
      role
    }
  }
}
    `) as unknown as TypedDocumentString<SignInMutation, SignInMutationVariables>;
export const SignOutDocument = new TypedDocumentString(`
    mutation SignOut {
  signOut
}
    `) as unknown as TypedDocumentString<SignOutMutation, SignOutMutationVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    id
    login
    role
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
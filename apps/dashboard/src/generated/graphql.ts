/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type BlockerCode =
  /** An earlier BLOCKING sibling (or its subtree) has not completed. */
  | 'BLOCKING_SIBLING'
  /** Failed, no retry pending: needs an operator (restart, resolve, cancel). */
  | 'ERRORED'
  /** Due or sent, the client pulls work, and no pull worker is connected. */
  | 'NO_WORKER'
  /** RETRYING: the next attempt is at `until`. */
  | 'RETRY_AT'
  /** firesAt is in the future. */
  | 'TIMER'
  /** PROCESSING_CHILDREN: unfinished children (blocking ones named). */
  | 'WAITING_CHILDREN'
  /** The client has it (or its parent); its deadline is `until` (completeBy). */
  | 'WAITING_CLIENT'
  /** Waits for a linked node in another workflow. */
  | 'WAITING_LINK'
  /** The workflow was completed: it takes no new signals. */
  | 'WORKFLOW_COMPLETE'
  /** The node is PAUSED, or the workflow is paused. */
  | 'WORKFLOW_PAUSED';

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

/** An operator's action on a node: RESTART (restartNode), RESOLVE / SHUTDOWN / CANCEL (reportNodeStatus), RESET (resetNode), SCHEDULE (scheduleNode). */
export type NodeAction =
  | 'CANCEL'
  | 'RESET'
  | 'RESOLVE'
  | 'RESTART'
  | 'SCHEDULE'
  | 'SHUTDOWN';

export type NodeMode =
  | 'BLOCKING'
  | 'FIRE_AND_FORGET'
  | 'NON_BLOCKING';

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

/** What a client (or an operator) reports about a node: PUT /activities/:id/status/:status in the original. */
export type NodeStatusReport =
  | 'CANCELED'
  | 'COMPLETED'
  | 'DEACTIVATED'
  | 'ERRORED'
  | 'PROCESSING'
  | 'RESOLVED'
  | 'SHUTDOWN';

/** The original's legacy_type: DECISION nodes go to the decision endpoint, FLAG nodes never reach a client. */
export type NodeType =
  | 'ACTIVITY'
  | 'DECISION'
  | 'FLAG';

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

export type StatusType =
  | 'CLIENT'
  | 'SERVER';

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


export type OverviewQuery = { overview: { workflowStateCounts: Array<{ state: string, count: number }>, serverStatusCounts: Array<{ status: string, count: number }>, clientStatusCounts: Array<{ status: string, count: number }>, perMinute: Array<{ minute: string, completed: number, errored: number }>, oldestStuck: Array<{ id: string, name: string, workflowId: string, serverStatus: ServerStatus, clientStatus: ClientStatus, updatedAt: string, workflow: { name: string, subject: unknown } }> } };

export type NeedsAttentionQueryVariables = Exact<{ [key: string]: never; }>;


export type NeedsAttentionQuery = { nodes: { edges: Array<{ node: { id: string, name: string, workflowId: string, serverStatus: ServerStatus, clientStatus: ClientStatus, updatedAt: string, recommendedAction: NodeAction | null, workflow: { name: string, subject: unknown } } }>, pageInfo: { hasNextPage: boolean } } };

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

export type NodeRowFragment = { id: string, name: string, workflowId: string, serverStatus: ServerStatus, clientStatus: ClientStatus, retriesRemaining: number, attempt: number, updatedAt: string, workflow: { name: string, subject: unknown } };

export type NodesQueryVariables = Exact<{
  after?: string | null | undefined;
  search?: NodeSearch | null | undefined;
}>;


export type NodesQuery = { nodes: { edges: Array<{ node: { id: string, name: string, workflowId: string, serverStatus: ServerStatus, clientStatus: ClientStatus, retriesRemaining: number, attempt: number, updatedAt: string, workflow: { name: string, subject: unknown } } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type BulkPreviewQueryVariables = Exact<{
  action: BulkAction;
  search?: NodeSearch | null | undefined;
}>;


export type BulkPreviewQuery = { bulkPreview: { count: number, sample: Array<{ id: string, name: string, workflowId: string, serverStatus: ServerStatus, clientStatus: ClientStatus, retriesRemaining: number, attempt: number, updatedAt: string, workflow: { name: string, subject: unknown } }> } };

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

export type NodeAttemptsQueryVariables = Exact<{
  id: string | number;
}>;


export type NodeAttemptsQuery = { node: { id: string, workflowId: string, statusChanges: Array<{ statusType: StatusType, toStatus: string, createdAt: string }> } | null };

export type WorkflowHeaderFragment = { id: string, name: string, subject: unknown, decider: string, paused: boolean, complete: boolean, createdAt: string, client: { id: string, name: string } };

export type WorkflowSnapshotQueryVariables = Exact<{
  id: string | number;
  withNodes: boolean;
}>;


export type WorkflowSnapshotQuery = { workflow: { id: string, name: string, subject: unknown, decider: string, paused: boolean, complete: boolean, createdAt: string, nodes?: Array<{ id: string, parentId: string | null, name: string, mode: NodeMode, type: NodeType, serverStatus: ServerStatus, clientStatus: ClientStatus, firesAt: string, retriesRemaining: number, completeBy: string | null, attempt: number, createdAt: string, updatedAt: string }>, client: { id: string, name: string } } | null };

export type StatusFeedPositionQueryVariables = Exact<{ [key: string]: never; }>;


export type StatusFeedPositionQuery = { statusFeedPosition: string };

export type WorkflowNodeNamesQueryVariables = Exact<{
  id: string | number;
}>;


export type WorkflowNodeNamesQuery = { workflow: { nodes: Array<{ id: string, name: string }> } | null };

export type WorkflowTimelinePageQueryVariables = Exact<{
  id: string | number;
  before?: string | number | null | undefined;
  last: number;
}>;


export type WorkflowTimelinePageQuery = { workflow: { statusChangeCount: number, latestStatusChanges: Array<{ id: string, nodeId: string, statusType: StatusType, fromStatus: string, toStatus: string, actor: string, createdAt: string }> } | null };

export type NodeDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type NodeDetailQuery = { node: { clientId: string, workflowId: string, parentLinkId: string | null, retryInterval: number, clientData: unknown, metadata: unknown, response: unknown, allowedActions: Array<NodeAction>, recommendedAction: NodeAction | null, id: string, parentId: string | null, name: string, mode: NodeMode, type: NodeType, serverStatus: ServerStatus, clientStatus: ClientStatus, firesAt: string, retriesRemaining: number, completeBy: string | null, attempt: number, createdAt: string, updatedAt: string, parent: { id: string, name: string } | null, errors: Array<{ response: unknown, id: string, nodeId: string, statusType: StatusType, fromStatus: string, toStatus: string, actor: string, createdAt: string }>, statusChanges: Array<{ response: unknown, id: string, nodeId: string, statusType: StatusType, fromStatus: string, toStatus: string, actor: string, createdAt: string }>, whyNotRunning: Array<{ code: BlockerCode, message: string, until: string | null, nodeIds: Array<string> }> } | null };

export type ClientNamesQueryVariables = Exact<{ [key: string]: never; }>;


export type ClientNamesQuery = { clients: Array<{ id: string, name: string }> };

export type NodeActionResultFragment = { id: string, serverStatus: ServerStatus, clientStatus: ClientStatus, allowedActions: Array<NodeAction> };

export type RestartNodeMutationVariables = Exact<{
  id: string | number;
}>;


export type RestartNodeMutation = { result: { id: string, serverStatus: ServerStatus, clientStatus: ClientStatus, allowedActions: Array<NodeAction> } };

export type ResetNodeMutationVariables = Exact<{
  id: string | number;
}>;


export type ResetNodeMutation = { result: { id: string, serverStatus: ServerStatus, clientStatus: ClientStatus, allowedActions: Array<NodeAction> } };

export type ScheduleNodeMutationVariables = Exact<{
  id: string | number;
}>;


export type ScheduleNodeMutation = { result: { id: string, serverStatus: ServerStatus, clientStatus: ClientStatus, allowedActions: Array<NodeAction> } };

export type ReportNodeMutationVariables = Exact<{
  id: string | number;
  status: NodeStatusReport;
}>;


export type ReportNodeMutation = { result: { id: string, serverStatus: ServerStatus, clientStatus: ClientStatus, allowedActions: Array<NodeAction> } };

export type PauseWorkflowMutationVariables = Exact<{
  id: string | number;
}>;


export type PauseWorkflowMutation = { result: { id: string, paused: boolean, complete: boolean } };

export type ResumeWorkflowMutationVariables = Exact<{
  id: string | number;
}>;


export type ResumeWorkflowMutation = { result: { id: string, paused: boolean, complete: boolean } };

export type CompleteWorkflowMutationVariables = Exact<{
  id: string | number;
}>;


export type CompleteWorkflowMutation = { result: { id: string, paused: boolean, complete: boolean } };

export type WorkflowsQueryVariables = Exact<{
  after?: string | null | undefined;
  search?: WorkflowSearch | null | undefined;
}>;


export type WorkflowsQuery = { workflowNames: Array<string>, workflows: { edges: Array<{ node: { id: string, name: string, subject: unknown, createdAt: string, paused: boolean, complete: boolean, client: { name: string }, statusCounts: Array<{ status: string, count: number }> } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type AllNodeEventsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AllNodeEventsSubscription = { nodeEvents: { statusChange: { id: string, toStatus: string } } };

export type SignInMutationVariables = Exact<{
  login: string;
  password: string;
}>;


export type SignInMutation = { signIn: { token: string, expiresAt: string, operator: { id: string, login: string, role: OperatorRole } } };

export type SignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutMutation = { signOut: boolean };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, login: string, role: OperatorRole } };

export type TreeNodeFragment = { id: string, parentId: string | null, name: string, mode: NodeMode, type: NodeType, serverStatus: ServerStatus, clientStatus: ClientStatus, firesAt: string, retriesRemaining: number, completeBy: string | null, attempt: number, createdAt: string, updatedAt: string };

export type StatusChangeItemFragment = { id: string, nodeId: string, statusType: StatusType, fromStatus: string, toStatus: string, actor: string, createdAt: string };

export type WorkflowNodeEventsSubscriptionVariables = Exact<{
  workflowId: string | number;
  after?: string | number | null | undefined;
}>;


export type WorkflowNodeEventsSubscription = { nodeEvents: { statusChange: { id: string, nodeId: string, statusType: StatusType, fromStatus: string, toStatus: string, actor: string, createdAt: string }, node: { id: string, parentId: string | null, name: string, mode: NodeMode, type: NodeType, serverStatus: ServerStatus, clientStatus: ClientStatus, firesAt: string, retriesRemaining: number, completeBy: string | null, attempt: number, createdAt: string, updatedAt: string } } };

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
    subject
  }
  serverStatus
  clientStatus
  retriesRemaining
  attempt
  updatedAt
}
    `, {"fragmentName":"NodeRow"}) as unknown as TypedDocumentString<NodeRowFragment, unknown>;
export const WorkflowHeaderFragmentDoc = new TypedDocumentString(`
    fragment WorkflowHeader on Workflow {
  id
  name
  subject
  decider
  paused
  complete
  createdAt
  client {
    id
    name
  }
}
    `, {"fragmentName":"WorkflowHeader"}) as unknown as TypedDocumentString<WorkflowHeaderFragment, unknown>;
export const NodeActionResultFragmentDoc = new TypedDocumentString(`
    fragment NodeActionResult on Node {
  id
  serverStatus
  clientStatus
  allowedActions
}
    `, {"fragmentName":"NodeActionResult"}) as unknown as TypedDocumentString<NodeActionResultFragment, unknown>;
export const TreeNodeFragmentDoc = new TypedDocumentString(`
    fragment TreeNode on Node {
  id
  parentId
  name
  mode
  type
  serverStatus
  clientStatus
  firesAt
  retriesRemaining
  completeBy
  attempt
  createdAt
  updatedAt
}
    `, {"fragmentName":"TreeNode"}) as unknown as TypedDocumentString<TreeNodeFragment, unknown>;
export const StatusChangeItemFragmentDoc = new TypedDocumentString(`
    fragment StatusChangeItem on StatusChange {
  id
  nodeId
  statusType
  fromStatus
  toStatus
  actor
  createdAt
}
    `, {"fragmentName":"StatusChangeItem"}) as unknown as TypedDocumentString<StatusChangeItemFragment, unknown>;
export const OverviewDocument = new TypedDocumentString(`
    query Overview($minutes: Int!) {
  overview(minutes: $minutes) {
    workflowStateCounts {
      state
      count
    }
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
        subject
      }
    }
  }
}
    `) as unknown as TypedDocumentString<OverviewQuery, OverviewQueryVariables>;
export const NeedsAttentionDocument = new TypedDocumentString(`
    query NeedsAttention {
  nodes(first: 10, search: {currentStatus: "errored"}) {
    edges {
      node {
        id
        name
        workflowId
        serverStatus
        clientStatus
        updatedAt
        recommendedAction
        workflow {
          name
          subject
        }
      }
    }
    pageInfo {
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<NeedsAttentionQuery, NeedsAttentionQueryVariables>;
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
    subject
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
    subject
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
export const NodeAttemptsDocument = new TypedDocumentString(`
    query NodeAttempts($id: ID!) {
  node(id: $id) {
    id
    workflowId
    statusChanges {
      statusType
      toStatus
      createdAt
    }
  }
}
    `) as unknown as TypedDocumentString<NodeAttemptsQuery, NodeAttemptsQueryVariables>;
export const WorkflowSnapshotDocument = new TypedDocumentString(`
    query WorkflowSnapshot($id: ID!, $withNodes: Boolean!) {
  workflow(id: $id) {
    ...WorkflowHeader
    nodes @include(if: $withNodes) {
      ...TreeNode
    }
  }
}
    fragment WorkflowHeader on Workflow {
  id
  name
  subject
  decider
  paused
  complete
  createdAt
  client {
    id
    name
  }
}
fragment TreeNode on Node {
  id
  parentId
  name
  mode
  type
  serverStatus
  clientStatus
  firesAt
  retriesRemaining
  completeBy
  attempt
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<WorkflowSnapshotQuery, WorkflowSnapshotQueryVariables>;
export const StatusFeedPositionDocument = new TypedDocumentString(`
    query StatusFeedPosition {
  statusFeedPosition
}
    `) as unknown as TypedDocumentString<StatusFeedPositionQuery, StatusFeedPositionQueryVariables>;
export const WorkflowNodeNamesDocument = new TypedDocumentString(`
    query WorkflowNodeNames($id: ID!) {
  workflow(id: $id) {
    nodes {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<WorkflowNodeNamesQuery, WorkflowNodeNamesQueryVariables>;
export const WorkflowTimelinePageDocument = new TypedDocumentString(`
    query WorkflowTimelinePage($id: ID!, $before: ID, $last: Int!) {
  workflow(id: $id) {
    statusChangeCount
    latestStatusChanges(before: $before, last: $last) {
      ...StatusChangeItem
    }
  }
}
    fragment StatusChangeItem on StatusChange {
  id
  nodeId
  statusType
  fromStatus
  toStatus
  actor
  createdAt
}`) as unknown as TypedDocumentString<WorkflowTimelinePageQuery, WorkflowTimelinePageQueryVariables>;
export const NodeDetailDocument = new TypedDocumentString(`
    query NodeDetail($id: ID!) {
  node(id: $id) {
    ...TreeNode
    clientId
    workflowId
    parentLinkId
    retryInterval
    clientData
    metadata
    response
    allowedActions
    recommendedAction
    parent {
      id
      name
    }
    errors {
      ...StatusChangeItem
      response
    }
    statusChanges {
      ...StatusChangeItem
      response
    }
    whyNotRunning {
      code
      message
      until
      nodeIds
    }
  }
}
    fragment TreeNode on Node {
  id
  parentId
  name
  mode
  type
  serverStatus
  clientStatus
  firesAt
  retriesRemaining
  completeBy
  attempt
  createdAt
  updatedAt
}
fragment StatusChangeItem on StatusChange {
  id
  nodeId
  statusType
  fromStatus
  toStatus
  actor
  createdAt
}`) as unknown as TypedDocumentString<NodeDetailQuery, NodeDetailQueryVariables>;
export const ClientNamesDocument = new TypedDocumentString(`
    query ClientNames {
  clients {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<ClientNamesQuery, ClientNamesQueryVariables>;
export const RestartNodeDocument = new TypedDocumentString(`
    mutation RestartNode($id: ID!) {
  result: restartNode(id: $id) {
    ...NodeActionResult
  }
}
    fragment NodeActionResult on Node {
  id
  serverStatus
  clientStatus
  allowedActions
}`) as unknown as TypedDocumentString<RestartNodeMutation, RestartNodeMutationVariables>;
export const ResetNodeDocument = new TypedDocumentString(`
    mutation ResetNode($id: ID!) {
  result: resetNode(id: $id) {
    ...NodeActionResult
  }
}
    fragment NodeActionResult on Node {
  id
  serverStatus
  clientStatus
  allowedActions
}`) as unknown as TypedDocumentString<ResetNodeMutation, ResetNodeMutationVariables>;
export const ScheduleNodeDocument = new TypedDocumentString(`
    mutation ScheduleNode($id: ID!) {
  result: scheduleNode(id: $id) {
    ...NodeActionResult
  }
}
    fragment NodeActionResult on Node {
  id
  serverStatus
  clientStatus
  allowedActions
}`) as unknown as TypedDocumentString<ScheduleNodeMutation, ScheduleNodeMutationVariables>;
export const ReportNodeDocument = new TypedDocumentString(`
    mutation ReportNode($id: ID!, $status: NodeStatusReport!) {
  result: reportNodeStatus(nodeId: $id, status: $status) {
    ...NodeActionResult
  }
}
    fragment NodeActionResult on Node {
  id
  serverStatus
  clientStatus
  allowedActions
}`) as unknown as TypedDocumentString<ReportNodeMutation, ReportNodeMutationVariables>;
export const PauseWorkflowDocument = new TypedDocumentString(`
    mutation PauseWorkflow($id: ID!) {
  result: pauseWorkflow(id: $id) {
    id
    paused
    complete
  }
}
    `) as unknown as TypedDocumentString<PauseWorkflowMutation, PauseWorkflowMutationVariables>;
export const ResumeWorkflowDocument = new TypedDocumentString(`
    mutation ResumeWorkflow($id: ID!) {
  result: resumeWorkflow(id: $id) {
    id
    paused
    complete
  }
}
    `) as unknown as TypedDocumentString<ResumeWorkflowMutation, ResumeWorkflowMutationVariables>;
export const CompleteWorkflowDocument = new TypedDocumentString(`
    mutation CompleteWorkflow($id: ID!) {
  result: completeWorkflow(id: $id) {
    id
    paused
    complete
  }
}
    `) as unknown as TypedDocumentString<CompleteWorkflowMutation, CompleteWorkflowMutationVariables>;
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
export const AllNodeEventsDocument = new TypedDocumentString(`
    subscription AllNodeEvents {
  nodeEvents {
    statusChange {
      id
      toStatus
    }
  }
}
    `) as unknown as TypedDocumentString<AllNodeEventsSubscription, AllNodeEventsSubscriptionVariables>;
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
export const WorkflowNodeEventsDocument = new TypedDocumentString(`
    subscription WorkflowNodeEvents($workflowId: ID!, $after: ID) {
  nodeEvents(workflowId: $workflowId, after: $after) {
    statusChange {
      ...StatusChangeItem
    }
    node {
      ...TreeNode
    }
  }
}
    fragment TreeNode on Node {
  id
  parentId
  name
  mode
  type
  serverStatus
  clientStatus
  firesAt
  retriesRemaining
  completeBy
  attempt
  createdAt
  updatedAt
}
fragment StatusChangeItem on StatusChange {
  id
  nodeId
  statusType
  fromStatus
  toStatus
  actor
  createdAt
}`) as unknown as TypedDocumentString<WorkflowNodeEventsSubscription, WorkflowNodeEventsSubscriptionVariables>;
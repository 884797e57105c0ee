// GraphQL selections shared by the API tests.

export const NODE_FIELDS = `id workflowId parentId name mode type clientId serverStatus clientStatus firesAt
  retriesRemaining retryInterval completeBy clientData metadata parentLinkId createdAt`;

export const WORKFLOW_FIELDS = `id name subject decider complete paused clientId createdAt updatedAt`;

export const STATUS_CHANGE_FIELDS = `id nodeId statusType fromStatus toStatus response createdAt`;

export const CREATE_WORKFLOW = `mutation($input: CreateWorkflowInput!) { createWorkflow(input: $input) { ${WORKFLOW_FIELDS} } }`;

export const SIGNAL = `mutation($id: ID!, $input: SignalInput!) { signalWorkflow(workflowId: $id, input: $input) { ${NODE_FIELDS} } }`;

export const ADD_CHILDREN = `mutation($id: ID!, $children: [ChildNodeInput!]!) { addChildren(nodeId: $id, children: $children) { ${NODE_FIELDS} } }`;

export const REPORT = `mutation($id: ID!, $status: NodeStatusReport!, $response: JSON) {
  reportNodeStatus(nodeId: $id, status: $status, response: $response) { ${NODE_FIELDS} } }`;

export const STATUS = `query($id: ID!) { node(id: $id) { serverStatus clientStatus } }`;

export const SUBJECT = { subject_klass: "PaymentTerm", subject_id: "100" };

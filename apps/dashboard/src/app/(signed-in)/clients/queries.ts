// The GraphQL operations of /clients.

export type ClientRow = {
  id: string;
  name: string;
  activityEndpoint: string | null;
  decisionEndpoint: string | null;
  notificationEndpoint: string | null;
  connectedWorkers: number;
  /** Clients whose workflows may give this one work (set by operators through setClientDelegation). */
  acceptsWorkFrom: string[];
  createdAt: string;
};

export const CLIENTS = /* GraphQL */ `
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
`;

export const CREATE_CLIENT = /* GraphQL */ `
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
`;

// The GraphQL operation of the overview page (/).

export type StatusCount = { status: string; count: number };
export type MinuteCount = { minute: string; completed: number; errored: number };
export type StuckNode = {
  id: string;
  name: string;
  workflowId: string;
  serverStatus: string;
  clientStatus: string;
  updatedAt: string;
  workflow: { name: string };
};
export type Overview = {
  serverStatusCounts: StatusCount[];
  clientStatusCounts: StatusCount[];
  perMinute: MinuteCount[];
  oldestStuck: StuckNode[];
};

/** The chart's window. */
export const MINUTES = 60;

export const OVERVIEW = /* GraphQL */ `
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
`;

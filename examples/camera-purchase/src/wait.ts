// Waits for a node to reach one of some server statuses, by reading it every `intervalMs` until a deadline.
import type { BackbeatClient, ServerStatus } from "@backbeat/client";

export async function waitForNode(
  client: BackbeatClient,
  nodeId: string,
  statuses: readonly ServerStatus[],
  options: { timeoutMs?: number; intervalMs?: number; signal?: AbortSignal } = {},
): Promise<ServerStatus> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    options.signal?.throwIfAborted();
    const { serverStatus } = await client.node(nodeId);
    if (statuses.includes(serverStatus)) return serverStatus;
    if (Date.now() > deadline) {
      throw new Error(`node ${nodeId} is still ${serverStatus}, not ${statuses.join(" or ")}, after the deadline`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}

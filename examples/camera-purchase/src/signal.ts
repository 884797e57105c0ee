// Starts a camera purchase: find-or-create the workflow for the subject {customer, order} and signal
// "Make Purchase" on it. Signals of one subject run one at a time, in order (each signal is a blocking
// top-level node): a second purchase signal waits until the first has finished.
//
//   BACKBEAT_TOKEN=… node --import tsx src/signal.ts '{"customer":"c-17","order":"o-42"}' [card number]
import { randomUUID } from "node:crypto";
import { BackbeatClient, type Node } from "@backbeat/client";
import { isMain, readClientConfig, runMain } from "./config.ts";
import { MAKE_PURCHASE, readSubject, WORKFLOW_NAME, type PurchaseSubject } from "./purchase.ts";
import { GOOD_CARD } from "./shop.ts";

export type PurchaseRequest = PurchaseSubject & {
  card: string;
  camera?: string;
  amount?: number;
  /**
   * Default 0. A declined card is the payment provider's final answer for that card: retrying the same node
   * would be declined again, and while it waits to retry it blocks every later signal of the subject. So the
   * node fails at once, and the purchase is retried the way the workflow intends: a new signal with another
   * card (retryDeclinedPurchase). A purchase may still ask for retries (e.g. against a flaky provider):
   * reserving is idempotent, so a retried node never charges twice.
   */
  retries?: number;
  /** Seconds; the back-off grows from it. Default 60. */
  retryInterval?: number;
  /** Demo only: the fulfillment center is down for this many attempts of "Notify Fulfillment Center". */
  fulfillmentDownForAttempts?: number;
};

export async function signalPurchase(client: BackbeatClient, request: PurchaseRequest): Promise<Node> {
  const { customer, order } = request;
  return client.signal(WORKFLOW_NAME, { customer, order }, MAKE_PURCHASE, {
    clientData: {
      purchaseId: `p-${randomUUID()}`,
      camera: request.camera ?? `camera for ${order}`,
      card: request.card,
      amount: request.amount ?? 499,
      ...(request.fulfillmentDownForAttempts ? { fulfillmentDownForAttempts: request.fulfillmentDownForAttempts } : {}),
    },
    retry: request.retries ?? 0,
    retryInterval: request.retryInterval ?? 60,
  });
}

/**
 * The customer paid with another card: signal the purchase again (it queues behind the declined one), then
 * mark the declined node RESOLVED (dealt with by the shop), which lets the workflow go on to the new signal.
 * Shutting it down instead would deactivate the signals queued after it, the new one included.
 */
export async function retryDeclinedPurchase(
  client: BackbeatClient,
  declinedNodeId: string,
  request: PurchaseRequest,
): Promise<Node> {
  const next = await signalPurchase(client, request);
  await client.reportNodeStatus(declinedNodeId, "RESOLVED", {
    resolution: "card declined; the customer paid with another card",
    retriedBy: next.id,
  });
  return next;
}

if (isMain(import.meta.filename)) {
  runMain(async () => {
    const [subjectJson, card = GOOD_CARD] = process.argv.slice(2);
    if (!subjectJson) throw new Error(`usage: signal.ts '{"customer":"c-17","order":"o-42"}' [card number]`);
    const subject = readSubject(JSON.parse(subjectJson) as PurchaseSubject);
    const { url, token } = readClientConfig();
    const node = await signalPurchase(new BackbeatClient({ url, token }), { ...subject, card });
    process.stdout.write(`signalled ${node.name} (node ${node.id}) on workflow ${node.workflowId}\n`);
  });
}

// The camera-purchase example (examples/camera-purchase) against a real server process: its scenarios,
// shared by the pull-worker and the push-endpoint tests. The shop runs in this process, so the tests can
// count the money it reserved.
import assert from "node:assert/strict";
import { it } from "node:test";
import { BackbeatClient, type NodeDetail, type StatusChange } from "@backbeat/client";
import { retryDeclinedPurchase, signalPurchase } from "../../examples/camera-purchase/src/signal.ts";
import { createShop, DECLINED_CARD, GOOD_CARD, type Shop } from "../../examples/camera-purchase/src/shop.ts";
import { waitForNode } from "../../examples/camera-purchase/src/wait.ts";
import { ADMIN_TOKEN } from "./server-process.ts";

export { createShop, type Shop };

/**
 * The shop, except that marking one of `cameras` purchased fails the first time: the wiki's "the node failed
 * after reserving money on the credit card", to show that the retried node does not charge again.
 */
export function failingOnceAfterReserving(shop: Shop, cameras: Set<string>): Shop {
  return {
    ...shop,
    markCameraPurchased: (camera, purchaseId) => {
      if (cameras.delete(camera)) throw new Error("lost the connection to the shop's database");
      shop.markCameraPurchased(camera, purchaseId);
    },
  };
}

const WAIT = { timeoutMs: 60_000, intervalMs: 100 };

function purchaseIdOf(node: { clientData: Record<string, unknown> }): string {
  return String(node.clientData.purchaseId);
}

/** When a node first reached a status (its audit row's time). */
function reached(node: NodeDetail, statusType: StatusChange["statusType"], status: string): Date {
  const change = node.statusChanges.find((c) => c.statusType === statusType && c.toStatus === status);
  assert.ok(change, `node ${node.name} never reached ${statusType.toLowerCase()} status ${status}`);
  return new Date(change.createdAt);
}

async function assertPurchaseTree(client: BackbeatClient, makePurchaseId: string): Promise<void> {
  const workflow = await client.workflow((await client.node(makePurchaseId)).workflowId);
  const byId = new Map(workflow.nodes.map((n) => [n.id, n]));
  const successful = workflow.nodes.filter((n) => n.parentId === makePurchaseId && n.serverStatus !== "DEACTIVATED");
  assert.deepEqual(
    successful.map((n) => [n.name, n.serverStatus]),
    [["Successful Purchase", "COMPLETE"]],
  );
  const notifications = workflow.nodes
    .filter((n) => n.parentId === successful[0]!.id)
    .map((n) => [n.name, n.mode, n.serverStatus, n.clientStatus])
    .sort();
  assert.deepEqual(notifications, [
    ["Notify Customer", "NON_BLOCKING", "COMPLETE", "COMPLETE"],
    ["Notify Fulfillment Center", "NON_BLOCKING", "COMPLETE", "COMPLETE"],
  ]);
  assert.equal(byId.get(makePurchaseId)?.serverStatus, "COMPLETE");
  assert.match(workflow.printTree, /Make Purchase/);
}

export async function successPath(client: BackbeatClient, shop: Shop, order: string): Promise<void> {
  const signal = await signalPurchase(client, { customer: "c-17", order, camera: `Camera ${order}`, card: GOOD_CARD });
  await waitForNode(client, signal.id, ["COMPLETE"], WAIT);
  await assertPurchaseTree(client, signal.id);
  const purchaseId = purchaseIdOf(signal);
  assert.equal(shop.chargeCount(purchaseId), 1, "the money is reserved exactly once");
  assert.equal(shop.purchaseOf(`Camera ${order}`), purchaseId);
  assert.deepEqual(
    shop
      .messagesFor(purchaseId)
      .map((m) => m.to)
      .sort(),
    ["customer", "fulfillment center"],
  );
}

/** A declined card fails "Make Purchase"; a new signal with another card, queued behind it, completes. */
export async function declinedThenRetried(client: BackbeatClient, shop: Shop, order: string): Promise<void> {
  const request = { customer: "c-23", order, camera: `Camera ${order}`, card: DECLINED_CARD };
  const declined = await signalPurchase(client, request);
  assert.equal(await waitForNode(client, declined.id, ["RETRIES_EXHAUSTED"], WAIT), "RETRIES_EXHAUSTED");
  const failed = await client.node(declined.id);
  assert.equal(failed.clientStatus, "ERRORED");
  assert.match(JSON.stringify(failed.response), /card ending in 0002 was declined/);
  assert.equal(shop.chargeCount(purchaseIdOf(declined)), 0, "a declined card is not charged");

  const retried = await retryDeclinedPurchase(client, declined.id, { ...request, card: GOOD_CARD });
  assert.equal(retried.workflowId, declined.workflowId, "the retry is a signal on the same workflow");
  await waitForNode(client, retried.id, ["COMPLETE"], WAIT);
  await assertPurchaseTree(client, retried.id);
  assert.equal(shop.chargeCount(purchaseIdOf(retried)), 1);
  assert.equal((await client.node(declined.id)).serverStatus, "COMPLETE", "the resolved signal completes");

  // One at a time: the new signal started only once the declined one had been resolved.
  const first = await client.node(declined.id);
  const second = await client.node(retried.id);
  assert.ok(reached(second, "SERVER", "started") >= reached(first, "CLIENT", "resolved"));
  assert.ok(reached(second, "SERVER", "started") >= reached(first, "SERVER", "complete"));
}

/** Two purchase signals on one subject: the second starts after the first has completed. */
export async function oneAtATime(client: BackbeatClient, order: string): Promise<void> {
  const subject = { customer: "c-42", order };
  const a = await signalPurchase(client, { ...subject, camera: `Camera ${order}-a`, card: GOOD_CARD });
  const b = await signalPurchase(client, { ...subject, camera: `Camera ${order}-b`, card: GOOD_CARD });
  assert.equal(a.workflowId, b.workflowId);
  await waitForNode(client, b.id, ["COMPLETE"], WAIT);
  const first = await client.node(a.id);
  const second = await client.node(b.id);
  assert.ok(
    reached(second, "SERVER", "started") >= reached(first, "SERVER", "complete"),
    "the second signal started before the first completed",
  );
}

/** The node fails after reserving the money; its retry completes the purchase without charging again. */
export async function idempotentRetry(
  client: BackbeatClient,
  shop: Shop,
  failOnce: Set<string>,
  order: string,
): Promise<void> {
  const camera = `Camera ${order}`;
  failOnce.add(camera);
  const signal = await signalPurchase(client, {
    customer: "c-58",
    order,
    camera,
    card: GOOD_CARD,
    retries: 1,
    retryInterval: 0,
  });
  await waitForNode(client, signal.id, ["COMPLETE"], WAIT);
  const node = await client.node(signal.id);
  const errors = node.statusChanges.filter((c) => c.statusType === "CLIENT" && c.toStatus === "errored");
  assert.equal(errors.length, 1, "the first attempt failed after reserving");
  assert.match(JSON.stringify(errors[0]!.response), /lost the connection/);
  assert.equal(failOnce.has(camera), false);
  assert.equal(shop.chargeCount(purchaseIdOf(signal)), 1, "the retry did not charge again");
  await assertPurchaseTree(client, signal.id);
}

/**
 * The demo's fulfillment center outage: "Notify Fulfillment Center" fails on both its attempts and waits, its
 * retries exhausted; the server says why; an operator restarts it and the purchase completes.
 */
export async function outageRestartedByOperator(
  client: BackbeatClient,
  operator: BackbeatClient,
  shop: Shop,
  order: string,
): Promise<void> {
  const signal = await signalPurchase(client, {
    customer: "c-71",
    order,
    camera: `Camera ${order}`,
    card: GOOD_CARD,
    fulfillmentDownForAttempts: 2,
  });
  const notify = await waitForChild(client, signal.workflowId, "Notify Fulfillment Center");
  assert.equal(await waitForNode(client, notify, ["RETRIES_EXHAUSTED"], WAIT), "RETRIES_EXHAUSTED");
  const failed = await client.node(notify);
  assert.equal(failed.attempt, 2, "the first attempt and its one retry");
  assert.match(JSON.stringify(failed.response), /fulfillment center did not answer \(HTTP 503\)/);
  assert.equal((await client.node(signal.id)).serverStatus, "PROCESSING_CHILDREN", "the purchase waits");

  const why = await operator.request<{ node: { whyNotRunning: { code: string; message: string }[] } }>(
    `query($id: ID!) { node(id: $id) { whyNotRunning { code message } } }`,
    { id: notify },
  );
  assert.deepEqual(
    why.node.whyNotRunning.map((b) => b.code),
    ["ERRORED"],
  );
  await operator.request(`mutation($id: ID!) { restartNode(id: $id) { id } }`, { id: notify });
  await waitForNode(client, signal.id, ["COMPLETE"], WAIT);
  await assertPurchaseTree(client, signal.id);
  assert.equal(shop.chargeCount(purchaseIdOf(signal)), 1);
}

async function waitForChild(client: BackbeatClient, workflowId: string, name: string): Promise<string> {
  const deadline = Date.now() + WAIT.timeoutMs;
  for (;;) {
    const node = (await client.workflow(workflowId)).nodes.find((n) => n.name === name);
    if (node) return node.id;
    if (Date.now() > deadline) throw new Error(`no node "${name}" in workflow ${workflowId} before the deadline`);
    await new Promise((resolve) => setTimeout(resolve, WAIT.intervalMs));
  }
}

/**
 * Registers every scenario above as a test, the same for each way of running the worker: `prefix` keeps
 * their orders apart; `setup` is read when a test runs (after the file's before hook).
 */
export function cameraScenarios(
  prefix: string,
  setup: () => { serverUrl: string; client: BackbeatClient; shop: Shop; failOnce: Set<string> },
): void {
  it("completes a purchase: all four nodes, the money reserved once", () =>
    successPath(setup().client, setup().shop, `o-${prefix}-1`));
  it("a declined card fails Make Purchase; a new signal with another card completes", () =>
    declinedThenRetried(setup().client, setup().shop, `o-${prefix}-2`));
  it("runs the signals of one subject one at a time", () => oneAtATime(setup().client, `o-${prefix}-3`));
  it("does not charge again when a node that reserved the money is retried", () =>
    idempotentRetry(setup().client, setup().shop, setup().failOnce, `o-${prefix}-4`));
  it("an outage exhausts a notification's retries; an operator restarts it and the purchase completes", () => {
    const { serverUrl, client, shop } = setup();
    const operator = new BackbeatClient({ url: serverUrl, token: ADMIN_TOKEN });
    return outageRestartedByOperator(client, operator, shop, `o-${prefix}-5`);
  });
}

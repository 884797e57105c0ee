// State-aware node actions (issue 13, item 1): the panel enables exactly the actions core's rule allows for the
// node's statuses (the same rule answers Node.allowedActions), highlights the recommended one with its
// consequence, and hides an action's result once the node moves on.
import type { Page } from "@playwright/test";
import { allowedNodeActions, NODE_ACTIONS } from "@backbeat/core";
import type { Json } from "../../src/graphql-client.ts";
import { ADMIN, expect, signIn, test } from "../fixtures.ts";

type Admin = (query: string, variables?: Json) => Promise<Json>;

async function openNode(page: Page, workflowId: string, nodeId: string): Promise<void> {
  await page.goto(`/workflows/${workflowId}?node=${nodeId}`);
  await expect(page.getByTestId("workflow-live")).toHaveAttribute("data-state", "live");
}

/** The panel's enabled actions, once it shows the statuses given. */
async function enabledActions(page: Page): Promise<string[]> {
  const enabled: string[] = [];
  for (const name of NODE_ACTIONS)
    if (await page.getByTestId("node-panel").getByTestId(`action-${name}`).isEnabled()) enabled.push(name);
  return enabled;
}

/**
 * Reads the node's statuses and allowed actions from the API, checks them against core's rule, waits for the
 * panel to show those statuses, and checks the panel enables exactly those actions.
 */
async function expectActionsMatchRule(page: Page, admin: Admin, nodeId: string): Promise<string[]> {
  const { node } = await admin(`query($id: ID!) { node(id: $id) { serverStatus clientStatus allowedActions } }`, {
    id: nodeId,
  });
  const statuses = {
    serverStatus: String(node.serverStatus).toLowerCase(),
    clientStatus: String(node.clientStatus).toLowerCase(),
  };
  const rule = allowedNodeActions(statuses);
  expect(
    node.allowedActions.map((a: string) => a.toLowerCase()),
    "API = core",
  ).toEqual(rule);
  const panel = page.getByTestId("node-panel");
  await expect(panel.getByTestId("status-server")).toHaveAttribute("data-status", statuses.serverStatus);
  await expect(panel.getByTestId("status-client")).toHaveAttribute("data-status", statuses.clientStatus);
  expect(await enabledActions(page), `panel for ${statuses.serverStatus}/${statuses.clientStatus}`).toEqual(rule);
  return rule;
}

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN);
});

test("a failed node offers restart first, with its consequence; the result goes once the node completes", async ({
  page,
  admin,
  fakeClient,
  tag,
}) => {
  fakeClient.fail("charge", "the card was declined");
  const { workflowId, nodeId } = await fakeClient.start(`actions-${tag}`, { order: tag }, "charge", { retry: 0 });
  await fakeClient.waitForNode(nodeId, (n) => n.clientStatus === "ERRORED");

  await openNode(page, workflowId, nodeId);
  const panel = page.getByTestId("node-panel");
  expect(await expectActionsMatchRule(page, admin, nodeId)).toEqual([
    "restart",
    "resolve",
    "shutdown",
    "cancel",
    "reset",
  ]);
  await expect(panel.getByTestId("action-schedule")).toBeDisabled();
  await expect(panel.getByTestId("action-schedule")).toHaveAttribute("title", /Not possible while the node is/);
  await expect(panel.getByTestId("action-restart")).toHaveAttribute("data-recommended", "true");
  await expect(panel.getByTestId("recommended-action")).toContainText("sent to its client again");

  // Restarted, the node is held by its client: the result stays while the node runs.
  const gate = fakeClient.hold("charge");
  await panel.getByTestId("action-restart").click();
  await page.getByTestId("confirm-action").filter({ visible: true }).click();
  await expect(panel.getByTestId("result-restart")).toContainText("Node restarted");
  await gate.started;
  await expect(panel.getByTestId("status-client")).toHaveAttribute("data-status", "processing");
  await expect(panel.getByTestId("result-restart")).toContainText("Node restarted");
  expect(await expectActionsMatchRule(page, admin, nodeId)).toEqual(["cancel", "reset"]);
  await expect(panel.getByTestId("recommended-action")).toHaveCount(0);

  // Once it completes, nothing applies and the old result is gone.
  gate.release();
  await expect(panel.getByTestId("status-server")).toHaveAttribute("data-status", "complete");
  await expect(panel.getByTestId("result-restart")).toHaveCount(0);
  expect(await expectActionsMatchRule(page, admin, nodeId)).toEqual([]);
  await expect(panel.getByTestId("recommended-action")).toContainText("No action applies");
});

test("a node waiting for its children offers schedule; a finished child offers nothing", async ({
  page,
  admin,
  fakeClient,
  tag,
}) => {
  fakeClient.on("order", async (ctx) => {
    await ctx.blocking("reserve stock");
    await ctx.blocking("ship");
    return { accepted: true };
  });
  const gate = fakeClient.hold("ship");
  const { workflowId, nodeId } = await fakeClient.start(`children-${tag}`, { order: tag }, "order");
  await gate.started;
  const detail = await fakeClient.sdk.workflow(workflowId);
  const reserve = detail.nodes.find((n) => n.name === "reserve stock")!;
  const ship = detail.nodes.find((n) => n.name === "ship")!;
  await fakeClient.waitForNode(reserve.id, (n) => n.serverStatus === "COMPLETE");

  await openNode(page, workflowId, nodeId);
  expect(await expectActionsMatchRule(page, admin, nodeId)).toEqual(["cancel", "reset", "schedule"]);

  await openNode(page, workflowId, reserve.id);
  expect(await expectActionsMatchRule(page, admin, reserve.id)).toEqual([]);

  await openNode(page, workflowId, ship.id);
  expect(await expectActionsMatchRule(page, admin, ship.id)).toEqual(["cancel", "reset"]);
  gate.release();
});

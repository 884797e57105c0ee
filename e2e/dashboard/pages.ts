// Data for the page-by-page checks (widths, axe, keyboard): a small tree whose decision adds children, one of
// which fails for good and one of which stays with its client, made to look stuck. Every page then has rows.
import type { FakeClient } from "./fake-client.ts";

export type Scene = { workflowId: string; decisionId: string; chargeId: string; receiptId: string };

export async function buildScene(
  fakeClient: FakeClient,
  ageNode: (nodeId: string, minutes: number) => Promise<void>,
  tag: string,
): Promise<Scene> {
  fakeClient.on("order", async (ctx) => {
    await ctx.blocking("reserve stock");
    await ctx.nonBlocking("send receipt");
    await ctx.blocking("charge card", { retry: 0 });
    return { accepted: true };
  });
  fakeClient.fail("charge card", "card declined");
  const gate = fakeClient.hold("send receipt");
  const { workflowId, nodeId: decisionId } = await fakeClient.start(
    `shop-order-${tag}`,
    { order: 1042, customer: "ada", note: "a long subject that a narrow screen must not let overflow the page" },
    "order",
  );
  await gate.started;
  const detail = await fakeClient.sdk.workflow(workflowId);
  const charge = detail.nodes.find((n) => n.name === "charge card");
  const receipt = detail.nodes.find((n) => n.name === "send receipt");
  if (!charge || !receipt) throw new Error("the decision did not add its children");
  await fakeClient.waitForNode(charge.id, (n) => n.clientStatus === "ERRORED");
  await fakeClient.waitForNode(receipt.id, (n) => n.clientStatus === "PROCESSING");
  await ageNode(receipt.id, 15);
  return { workflowId, decisionId, chargeId: charge.id, receiptId: receipt.id };
}

/** Every page of the dashboard, with what shows it is loaded. */
export function pagesOf(scene: Scene, tag: string): { name: string; path: string; ready: string }[] {
  return [
    { name: "overview", path: "/", ready: "throughput-chart" },
    { name: "workflows", path: `/workflows?name=shop-order-${tag}`, ready: `workflow-row-${scene.workflowId}` },
    { name: "workflow-tree", path: `/workflows/${scene.workflowId}?node=${scene.chargeId}`, ready: "node-panel" },
    { name: "workflow-timeline", path: `/workflows/${scene.workflowId}?tab=timeline`, ready: "tab-timeline" },
    { name: "workflow-waterfall", path: `/workflows/${scene.workflowId}?tab=waterfall`, ready: "waterfall" },
    { name: "nodes", path: `/nodes?currentStatus=errored`, ready: `node-row-${scene.chargeId}` },
    { name: "clients", path: "/clients", ready: "nav-clients" },
    { name: "operators", path: "/operators", ready: "operators-table" },
    { name: "audit-log", path: "/audit", ready: "nav-audit-log" },
    { name: "explorer", path: "/explorer", ready: "explorer" },
  ];
}

// Lists tell rows apart (issue 13, item 7): a node list shows each row's workflow subject (shortened) beside the
// workflow's name, and the node panel names the parent instead of showing its id.
import { ADMIN, expect, signIn, test } from "../fixtures.ts";

test("node rows of one workflow name show their subjects; the panel names the parent", async ({
  page,
  fakeClient,
  tag,
}) => {
  fakeClient.on("purchase", async (ctx) => {
    await ctx.blocking("charge card", { retry: 0 });
    return {};
  });
  fakeClient.fail("charge card", "card declined");
  const a = await fakeClient.start(`camera-${tag}`, { order: 1001, customer: "ada" }, "purchase");
  const b = await fakeClient.start(`camera-${tag}`, { order: 1002, customer: "bob" }, "purchase");
  const charges: string[] = [];
  for (const { workflowId, nodeId } of [a, b]) {
    // The decision adds its child when it runs: once its client's work is done, the child exists.
    await fakeClient.waitForNode(nodeId, (n) => n.clientStatus === "COMPLETE");
    const charge = (await fakeClient.sdk.workflow(workflowId)).nodes.find((n) => n.name === "charge card");
    if (!charge) throw new Error("no charge node");
    await fakeClient.waitForNode(charge.id, (n) => n.clientStatus === "ERRORED");
    charges.push(charge.id);
  }

  await signIn(page, ADMIN);
  await page.goto(`/nodes?currentStatus=errored&name=${encodeURIComponent("charge card")}`);
  const first = page.getByTestId(`node-row-${charges[0]}`);
  const second = page.getByTestId(`node-row-${charges[1]}`);
  await expect(first).toContainText(`camera-${tag}`);
  await expect(first.getByTestId("workflow-subject")).toHaveText('order: 1001, customer: "ada"');
  await expect(second.getByTestId("workflow-subject")).toHaveText('order: 1002, customer: "bob"');
  await expect(first.getByTestId("workflow-subject")).toHaveAttribute("title", '{"order":1001,"customer":"ada"}');

  await page.goto(`/workflows/${a.workflowId}?node=${charges[0]}`);
  const parent = page.getByTestId("node-panel").getByTestId("node-parent");
  await expect(parent).toHaveText("purchase");
  await parent.click();
  await expect(page).toHaveURL(new RegExp(`node=${a.nodeId}`));
  await expect(page.getByTestId("node-panel").getByRole("heading", { level: 2 })).toHaveText("purchase");
});

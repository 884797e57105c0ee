// The workflow's own state above its tree (issue 13, item 2), live: running while a node is with its client,
// failed — needs attention when one fails for good, all nodes done with the time it took; waiting on a timer.
import { ADMIN, expect, signIn, test } from "../fixtures.ts";

test("the header follows the workflow: running, failed, done", async ({ page, fakeClient, tag }) => {
  const gate = fakeClient.hold("charge");
  const { workflowId, nodeId } = await fakeClient.start(`summary-${tag}`, { order: tag }, "charge", { retry: 0 });
  await gate.started;

  await signIn(page, ADMIN);
  await page.goto(`/workflows/${workflowId}`);
  await expect(page.getByTestId("workflow-live")).toHaveAttribute("data-state", "live");
  const summary = page.getByTestId("workflow-summary");
  await expect(summary).toHaveAttribute("data-state", "running");
  await expect(summary.getByTestId("workflow-counts")).toHaveText("1 nodes: 0 done, 1 unfinished");

  // It fails for good (no retry): the page says so without a reload.
  fakeClient.fail("charge", "declined");
  gate.release();
  const second = await fakeClient.sdk.signalWorkflow(workflowId, { name: "charge", retry: 0 });
  await fakeClient.waitForNode(second.id, (n) => n.clientStatus === "ERRORED");
  await expect(summary).toHaveAttribute("data-state", "failed");
  await expect(summary.getByTestId("workflow-state")).toHaveText("failed — needs attention");
  await expect(summary.getByTestId("workflow-counts")).toContainText("1 failed");

  // Resolved, the workflow has nothing left: done, with how long it took.
  await fakeClient.sdk.reportNodeStatus(second.id, "RESOLVED");
  await expect(summary).toHaveAttribute("data-state", "complete");
  await expect(summary.getByTestId("workflow-duration")).toContainText("took");
  await fakeClient.waitForNode(nodeId, (n) => n.serverStatus === "COMPLETE");
});

test("a workflow whose only node waits for its time says so", async ({ page, fakeClient, tag }) => {
  const later = new Date(Date.now() + 60 * 60_000);
  const { workflowId } = await fakeClient.start(`timer-${tag}`, { order: tag }, "remind", { firesAt: later });
  await signIn(page, ADMIN);
  await page.goto(`/workflows/${workflowId}`);
  const summary = page.getByTestId("workflow-summary");
  await expect(summary).toHaveAttribute("data-state", "waiting");
  await expect(summary.getByTestId("workflow-state")).toContainText("waiting on a timer (in");
});

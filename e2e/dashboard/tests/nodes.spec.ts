// /nodes: search nodes, preview a bulk retry (how many errored nodes it will touch), run it, see them complete.
import { ADMIN, expect, signIn, test } from "../fixtures.ts";

test("bulk retry restarts exactly the errored nodes its preview counted", async ({ page, fakeClient, tag }) => {
  const name = `charge-${tag}`;
  fakeClient.fail(name, "the payment service is down");
  const started = [];
  for (let i = 0; i < 3; i++) {
    started.push(await fakeClient.start(`bulk-${tag}`, { order: i, tag }, name, { retry: 0, metadata: { run: tag } }));
  }
  // A fourth node of the same name that does not fail is not part of the set.
  const healthy = await fakeClient.start(`bulk-ok-${tag}`, { tag }, `ok-${tag}`, { metadata: { run: tag } });
  for (const { nodeId } of started) await fakeClient.waitForNode(nodeId, (n) => n.clientStatus === "ERRORED");
  await fakeClient.waitForNode(healthy.nodeId, (n) => n.serverStatus === "COMPLETE");

  await signIn(page, ADMIN);
  await page.getByTestId("nav-nodes").click();
  const search = page.getByTestId("node-search");
  await search.getByLabel("Metadata contains").fill(tag);
  await search.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("node-results").locator("tbody tr")).toHaveCount(4);

  await page.getByTestId("bulk-preview-retry").click();
  const preview = page.getByTestId("bulk-preview");
  await expect(preview).toHaveAttribute("data-count", "3");
  await expect(preview).toContainText("This will restart 3 errored nodes");

  // The client is fixed before the operator confirms.
  fakeClient.on(name, () => ({ charged: true }));
  await page.getByTestId("action-bulk-retry").click();
  await expect(page.getByTestId("confirm-text").filter({ visible: true })).toContainText("3 errored nodes");
  await page.getByTestId("confirm-action").filter({ visible: true }).click();
  await expect(page.getByTestId("bulk-result")).toContainText("3 of 3 nodes restarted.");

  for (const { nodeId } of started) await fakeClient.waitForNode(nodeId, (n) => n.serverStatus === "COMPLETE");
  // A fresh preview finds nothing left to retry.
  await page.reload();
  await expect(page.getByTestId("bulk-preview")).toHaveAttribute("data-count", "0");
});

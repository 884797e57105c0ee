// The overview (/): counts by status, the per-minute chart with its numbers, and the oldest stuck nodes.
import { ADMIN, expect, signIn, test } from "../fixtures.ts";

/** "complete × 3" → 3 (the badge of one status in a counts panel). */
function countOf(text: string | null): number {
  const match = /×\s*(\d+)/.exec(text ?? "");
  return match ? Number(match[1]) : 0;
}

test("shows counts, per-minute throughput and a stuck node linked to its panel", async ({
  page,
  fakeClient,
  ageNode,
  tag,
}) => {
  // Two nodes complete, one errors with no retry left, one stays with the client.
  const done = [
    await fakeClient.start(`overview-${tag}`, { n: 1, tag }, "charge"),
    await fakeClient.start(`overview-${tag}`, { n: 2, tag }, "charge"),
  ];
  fakeClient.fail("refund");
  const failed = await fakeClient.start(`overview-${tag}`, { n: 3, tag }, "refund", { retry: 0 });
  const gate = fakeClient.hold("ship");
  const stuck = await fakeClient.start(`overview-${tag}`, { n: 4, tag }, "ship");
  await gate.started;
  for (const { nodeId } of done) await fakeClient.waitForNode(nodeId, (n) => n.serverStatus === "COMPLETE");
  await fakeClient.waitForNode(failed.nodeId, (n) => n.clientStatus === "ERRORED");
  // "Stuck" means unchanged for 5 minutes; the held node is made to look 9 minutes old.
  await fakeClient.waitForNode(stuck.nodeId, (n) => n.clientStatus === "PROCESSING");
  await ageNode(stuck.nodeId, 9);

  await signIn(page, ADMIN);
  await page.getByTestId("nav-overview").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");

  const server = page.getByTestId("server-status-counts");
  expect(countOf(await server.locator('[data-status="complete"]').textContent())).toBeGreaterThanOrEqual(2);
  expect(countOf(await server.locator('[data-status="retries_exhausted"]').textContent())).toBeGreaterThanOrEqual(1);
  const client = page.getByTestId("client-status-counts");
  expect(countOf(await client.locator('[data-status="errored"]').textContent())).toBeGreaterThanOrEqual(1);
  expect(countOf(await client.locator('[data-status="processing"]').textContent())).toBeGreaterThanOrEqual(1);

  // The chart: 60 minutes, this minute's bars included, totals in words and in the table.
  const chart = page.getByTestId("throughput-chart");
  await expect(chart.getByTestId("chart-minute")).toHaveCount(60);
  expect(Number(await chart.getByTestId("total-completed").textContent())).toBeGreaterThanOrEqual(2);
  expect(Number(await chart.getByTestId("total-errored").textContent())).toBeGreaterThanOrEqual(1);
  await expect(chart.locator("svg")).toHaveAttribute("role", "img");
  await expect(chart.locator("svg desc")).toContainText("nodes completed");
  await chart.getByText("The numbers, minute by minute").click();
  await expect(chart.getByTestId("throughput-table").locator("tbody tr")).toHaveCount(60);
  await expect(chart.locator("rect.bar.completed").first()).toBeVisible();
  await expect(chart.locator("rect.bar.errored").first()).toBeVisible();

  // Each count lists its nodes.
  await server.locator('[data-status="retries_exhausted"]').click();
  await expect(page).toHaveURL(/\/nodes\?currentStatus=retries_exhausted/);
  await expect(page.getByTestId("node-results").getByTestId(`node-row-${failed.nodeId}`)).toBeVisible();
  await page.goBack();

  // The stuck node links to its workflow with the node panel open.
  const row = page.getByTestId("stuck-nodes").getByTestId(`node-row-${stuck.nodeId}`);
  await expect(row).toContainText("ship");
  await expect(row).toContainText("9 min");
  await row.getByRole("link", { name: "ship" }).click();
  await expect(page).toHaveURL(new RegExp(`/workflows/${stuck.workflowId}\\?node=${stuck.nodeId}`));
  await expect(page.getByTestId("node-panel")).toContainText("ship");
});

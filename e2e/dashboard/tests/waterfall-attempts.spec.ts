// The waterfall cuts a retried node's bar into its attempts (issue 13): each run its own segment with its ms,
// the retry wait between them apart. The histories are fetched only for retried rows in view.
import { ADMIN, expect, signIn, test } from "../fixtures.ts";

test("a node that failed once and then succeeded shows two attempts and the retry wait between them", async ({
  page,
  admin,
  fakeClient,
  tag,
}) => {
  let runs = 0;
  fakeClient.on(`flaky-${tag}`, () => {
    if (++runs === 1) throw new Error("the warehouse timed out");
    return { shipped: true };
  });
  // It fails with no retry left; an operator restarts it and it succeeds (the wait between the attempts is the
  // time until the restart: no waiting for the server's retry timer).
  const { workflowId, nodeId } = await fakeClient.start(`attempts-${tag}`, { tag }, `flaky-${tag}`, { retry: 0 });
  await fakeClient.waitForNode(nodeId, (n) => n.clientStatus === "ERRORED");
  await admin(`mutation($id: ID!) { restartNode(id: $id) { id } }`, { id: nodeId });
  await fakeClient.waitForNode(nodeId, (n) => n.serverStatus === "COMPLETE");
  const once = await fakeClient.sdk.signalWorkflow(workflowId, { name: `steady-${tag}` });
  await fakeClient.waitForNode(once.id, (n) => n.serverStatus === "COMPLETE");

  const asked: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/attempts?")) asked.push(r.url());
  });
  await signIn(page, ADMIN);
  await page.goto(`/workflows/${workflowId}?tab=waterfall`);
  const row = page.getByTestId(`waterfall-row-${nodeId}`);
  const attempts = row.getByTestId("waterfall-attempt");
  await expect(attempts).toHaveCount(2);
  await expect(attempts.nth(0)).toHaveAttribute("data-attempt", "1");
  await expect(attempts.nth(0)).toHaveAttribute("title", /^attempt 1: \d+ ms$/);
  await expect(attempts.nth(1)).toHaveAttribute("title", /^attempt 2: \d+ ms$/);
  // The wait is from the failure (server status out of sent_to_client) to the second delivery, as the audit log says.
  const history = (await admin(
    `query($id: ID!) { node(id: $id) { statusChanges { statusType toStatus createdAt } } }`,
    {
      id: nodeId,
    },
  )) as { node: { statusChanges: { statusType: string; toStatus: string; createdAt: string }[] } };
  const server = history.node.statusChanges.filter((c) => c.statusType === "SERVER");
  const sends = server.filter((c) => c.toStatus === "sent_to_client");
  const failure = server[server.indexOf(sends[0]!) + 1]!;
  const expectedWait = Date.parse(sends[1]!.createdAt) - Date.parse(failure.createdAt);
  const wait = row.getByTestId("waterfall-retry-wait");
  await expect(wait).toHaveCount(1);
  await expect(wait).toHaveAttribute("data-ms", String(expectedWait));
  await expect(wait).toHaveAttribute("title", /^waited \d+ ms before attempt 2$/);
  // In order on the time axis: attempt 1, the wait, attempt 2.
  const [a1, w, a2] = [
    await attempts.nth(0).boundingBox(),
    await wait.boundingBox(),
    await attempts.nth(1).boundingBox(),
  ];
  expect(a1!.x).toBeLessThanOrEqual(w!.x);
  expect(w!.x + w!.width).toBeLessThanOrEqual(a2!.x + 1);
  await expect(row.getByTestId("waterfall-duration")).toContainText("2 attempts");

  // A node that ran once keeps its plain bar, and only the retried node's history was asked for.
  const steady = page.getByTestId(`waterfall-row-${once.id}`);
  await expect(steady.locator(".waterfall-bar")).toHaveCount(1);
  await expect(steady.getByTestId("waterfall-attempt")).toHaveCount(0);
  expect(asked.length).toBeGreaterThanOrEqual(1);
  for (const url of asked) expect(new URL(url).searchParams.getAll("node")).toEqual([nodeId]);
});

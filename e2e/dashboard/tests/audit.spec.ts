// /audit: every operator action, newest first, with who, what, target and result; paged 50 at a time.
import { ADMIN, expect, signIn, test } from "../fixtures.ts";

test("lists operator actions newest first, refusals included, and pages back", async ({
  page,
  fakeClient,
  admin,
  tag,
}) => {
  // Signing in is itself an audited action: done first, so that the actions below are the newest.
  await signIn(page, ADMIN);
  const { workflowId } = await fakeClient.start(`audit-${tag}`, { tag }, "charge");
  // Enough actions for a second page: pause and resume (ok), and a refused restart of a node that is fine.
  for (let i = 0; i < 26; i++) {
    await admin(`mutation($w: ID!) { pauseWorkflow(id: $w) { id } }`, { w: workflowId });
    await admin(`mutation($w: ID!) { resumeWorkflow(id: $w) { id } }`, { w: workflowId });
  }
  const missing = "00000000-0000-0000-0000-000000000000";
  await admin(`mutation($n: ID!) { restartNode(id: $n) { id } }`, { n: missing }).catch(() => null);

  await page.getByTestId("nav-audit-log").click();
  const table = page.getByTestId("audit-table");
  const rows = table.locator("tbody tr");
  await expect(rows).toHaveCount(50);

  // Newest first: the refused restart, then the last resume.
  await expect(rows.nth(0)).toHaveAttribute("data-action", "restartNode");
  await expect(rows.nth(0)).toHaveAttribute("data-result", "NOT_FOUND");
  await expect(rows.nth(0).getByTestId("audit-operator")).toHaveText("admin");
  await expect(rows.nth(0).getByTestId("audit-target")).toContainText(missing);
  await expect(rows.nth(1)).toHaveAttribute("data-action", "resumeWorkflow");
  await expect(rows.nth(1)).toHaveAttribute("data-result", "ok");
  await expect(rows.nth(1).getByTestId("audit-target")).toContainText(workflowId);

  // The first page's last row comes before the second page's first row.
  const lastOnFirst = await rows.nth(49).getAttribute("data-testid");
  await page.getByTestId("next-page").click();
  await expect(page).toHaveURL(/after=/);
  await expect(rows.first()).toBeVisible();
  expect(await rows.first().getAttribute("data-testid")).not.toBe(lastOnFirst);
  await expect(table.getByTestId(lastOnFirst ?? "")).toHaveCount(0);
  await page.getByTestId("audit-newest").click();
  await expect(rows.nth(0)).toHaveAttribute("data-action", "restartNode");
});

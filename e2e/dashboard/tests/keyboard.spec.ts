// Keyboard only (issue 13, item 5): sign in, skip to the content, open a workflow, walk the tree with the
// arrow keys (WAI-ARIA tree pattern), open a node with Enter and close it with Escape.
import type { Locator, Page } from "@playwright/test";
import { ADMIN, expect, test } from "../fixtures.ts";
import { buildScene } from "../pages.ts";

/** Presses Tab until `target` has the focus (at most 40 times). */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((el) => el.matches(":focus"))) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

async function expectFocused(target: Locator): Promise<void> {
  await expect.poll(() => target.evaluate((el) => el.matches(":focus"))).toBe(true);
}

test("sign in, skip link, tree arrows, Enter opens a node and Escape closes it", async ({
  page,
  fakeClient,
  ageNode,
  tag,
}) => {
  const scene = await buildScene(fakeClient, ageNode, tag);

  await page.goto("/signin");
  await tabTo(page, page.getByLabel("Login"));
  await page.keyboard.type(ADMIN.login);
  await page.keyboard.press("Tab");
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("signed-in-as")).toContainText(ADMIN.login);

  // The first Tab on a page reaches the skip link; following it puts the focus on the content.
  await page.goto(`/workflows?name=shop-order-${tag}`);
  await page.keyboard.press("Tab");
  await expectFocused(page.getByTestId("skip-link"));
  await expect(page.getByTestId("skip-link")).toBeVisible();
  await page.keyboard.press("Enter");
  await expectFocused(page.locator("main#main"));

  await tabTo(
    page,
    page.getByTestId(`workflow-row-${scene.workflowId}`).getByRole("link", { name: `shop-order-${tag}` }),
  );
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("workflow-live")).toHaveAttribute("data-state", "live");

  // The tree is one tab stop; the arrows move inside it.
  const tree = page.getByRole("tree", { name: "Nodes" });
  const item = (id: string) => tree.getByTestId(`node-row-${id}`);
  await tabTo(page, item(scene.decisionId));
  await expect(item(scene.decisionId)).toHaveAttribute("role", "treeitem");
  await expect(item(scene.decisionId)).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("ArrowDown"); // reserve stock
  await page.keyboard.press("ArrowDown"); // send receipt
  await expectFocused(item(scene.receiptId));
  await page.keyboard.press("ArrowLeft"); // a leaf: to its parent
  await expectFocused(item(scene.decisionId));
  await page.keyboard.press("ArrowLeft"); // collapse
  await expect(item(scene.decisionId)).toHaveAttribute("aria-expanded", "false");
  await expect(item(scene.chargeId)).toHaveCount(0);
  await page.keyboard.press("ArrowRight"); // expand
  await expect(item(scene.decisionId)).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("ArrowRight"); // to the first child
  await page.keyboard.press("End"); // the last row: charge card
  await expectFocused(item(scene.chargeId));

  await page.keyboard.press("Enter");
  const panel = page.getByTestId("node-panel");
  await expect(panel).toContainText("charge card");
  await expect(page).toHaveURL(new RegExp(`node=${scene.chargeId}`));
  await expect(item(scene.chargeId)).toHaveAttribute("aria-selected", "true");

  await page.keyboard.press("Escape");
  await expect(panel).toHaveCount(0);
  await expect(page).not.toHaveURL(/node=/);
});

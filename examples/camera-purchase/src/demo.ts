// The demo shop: signals a camera purchase every few seconds. Now and then the customer's card is declined:
// "Make Purchase" fails, and the customer pays again with another card (a new signal on the same subject,
// which runs once the declined one is resolved). And now and then the fulfillment center is down for an order:
// "Notify Fulfillment Center" fails twice (its one retry included) and waits for an operator to restart it
// from the dashboard, which then succeeds. Pair it with a worker (pull-worker.ts or push-worker.ts).
//
//   BACKBEAT_TOKEN=… node --import tsx src/demo.ts      (BACKBEAT_DEMO_INTERVAL_MS, default 4000)
import { BackbeatClient, type Node } from "@backbeat/client";
import { isMain, readClientConfig, runMain, stopOnSignals } from "./config.ts";
import { retryDeclinedPurchase, signalPurchase, type PurchaseRequest } from "./signal.ts";
import { DECLINED_CARD, GOOD_CARD } from "./shop.ts";
import { waitForNode } from "./wait.ts";

/** Every DECLINE_EVERY-th order is first paid with the declined card. */
const DECLINE_EVERY = 4;
/** Every OUTAGE_EVERY-th order (offset by 2) meets a fulfillment center outage of OUTAGE_ATTEMPTS attempts. */
const OUTAGE_EVERY = 5;
const OUTAGE_ATTEMPTS = 2;
const CUSTOMERS = ["c-17", "c-23", "c-42", "c-58", "c-71"];

export type DemoOptions = {
  client: BackbeatClient;
  intervalMs: number;
  log: (line: string) => void;
  /** Distinguishes the orders of one run from the next (default: the start time). */
  runId?: string;
};

export type Demo = { stop: () => Promise<void> };

export function startDemo(options: DemoOptions): Demo {
  const { client, log } = options;
  const runId = options.runId ?? Date.now().toString(36);
  const abort = new AbortController();
  const running = new Set<Promise<void>>();
  let count = 0;

  const tree = (node: Node) => `pnpm backbeat workflow tree ${node.workflowId}`;

  const purchase = async (n: number) => {
    const request: PurchaseRequest = {
      customer: CUSTOMERS[n % CUSTOMERS.length]!,
      order: `o-${runId}-${n}`,
      camera: `Camera ${700 + n}`,
      card: n % DECLINE_EVERY === 0 ? DECLINED_CARD : GOOD_CARD,
      fulfillmentDownForAttempts: n % OUTAGE_EVERY === 2 ? OUTAGE_ATTEMPTS : 0,
    };
    let node = await signalPurchase(client, request);
    log(`${request.order}: purchase signalled for ${request.customer} (${tree(node)})`);
    if (request.fulfillmentDownForAttempts) {
      log(
        `${request.order}: the fulfillment center is down for this order: "Notify Fulfillment Center" will fail ` +
          `twice and wait for an operator (dashboard: Nodes, errored, Restart)`,
      );
      return;
    }
    const wait = { timeoutMs: 120_000, intervalMs: 500, signal: abort.signal };
    if (request.card === DECLINED_CARD) {
      await waitForNode(client, node.id, ["RETRIES_EXHAUSTED", "ERRORED"], wait);
      log(`${request.order}: card declined; the customer pays with another card`);
      node = await retryDeclinedPurchase(client, node.id, { ...request, card: GOOD_CARD });
    }
    await waitForNode(client, node.id, ["COMPLETE"], wait);
    log(`${request.order}: purchase complete (${tree(node)})`);
  };

  const tick = () => {
    count += 1;
    const work = purchase(count).catch((error: unknown) => {
      if (!abort.signal.aborted)
        log(`purchase ${count} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    running.add(work);
    void work.finally(() => running.delete(work));
  };
  tick();
  const timer = setInterval(tick, options.intervalMs);

  return {
    stop: async () => {
      clearInterval(timer);
      abort.abort();
      await Promise.allSettled([...running]);
    },
  };
}

if (isMain(import.meta.filename)) {
  runMain(async () => {
    const { url, token } = readClientConfig();
    const log = (line: string) => process.stdout.write(`[demo] ${line}\n`);
    const demo = startDemo({
      client: new BackbeatClient({ url, token }),
      intervalMs: Number(process.env.BACKBEAT_DEMO_INTERVAL_MS || 4000),
      log,
    });
    stopOnSignals(() => demo.stop());
  });
}

// The camera purchase of the Backbeat wiki, as handlers by node name (the same for a pull worker and a
// push endpoint):
//   Make Purchase          reserve the money, mark the camera purchased, then run "Successful Purchase"
//   Successful Purchase    run "Notify Customer" and "Notify Fulfillment Center", NON_BLOCKING: in any order,
//                          at the same time, and the purchase completes once both have
// A handler that throws makes the node ERRORED (the server retries it while it has retries left).
import type { Handler } from "@backbeat/client";
import { readNotice, readOutage, readPurchase, readSubject } from "./purchase.ts";
import { FulfillmentCenterDownError, type Shop } from "./shop.ts";

export type Log = (line: string) => void;

export function createHandlers(shop: Shop, log: Log = () => {}): Record<string, Handler> {
  return {
    "Make Purchase": async (ctx) => {
      const purchase = readPurchase(ctx.node.clientData);
      const { customer, order } = readSubject(ctx.node.subject);
      // Throws CardDeclinedError: the node fails (see signal.ts for why a purchase is signalled with retry 0).
      const { reservation, charged } = shop.reserveMoney(purchase);
      log(
        charged
          ? `${order}: reserved ${purchase.amount} on card …${reservation.cardLast4}`
          : `${order}: money already reserved for ${purchase.purchaseId} (a retry): not charged again`,
      );
      shop.markCameraPurchased(purchase.camera, purchase.purchaseId);
      const fulfillmentDownForAttempts = readOutage(ctx.node.clientData);
      const clientData = {
        purchaseId: purchase.purchaseId,
        camera: purchase.camera,
        customer,
        order,
        fulfillmentDownForAttempts,
      };
      await ctx.blocking("Successful Purchase", { clientData });
      return { purchaseId: purchase.purchaseId, reservationId: reservation.reservationId, charged };
    },

    "Successful Purchase": async (ctx) => {
      const clientData = readNotice(ctx.node.clientData);
      // In an outage (demo), one retry at once (the back-off grows from retryInterval × 2^6 for the last
      // retry, minutes even from 5 s), then the node waits for an operator.
      const outage = clientData.fulfillmentDownForAttempts > 0 ? { retry: 1, retryInterval: 0 } : {};
      await ctx.addChildren([
        { name: "Notify Customer", mode: "NON_BLOCKING", clientData },
        { name: "Notify Fulfillment Center", mode: "NON_BLOCKING", clientData, ...outage },
      ]);
      return "notifying the customer and the fulfillment center";
    },

    "Notify Customer": (ctx) => {
      const { purchaseId, camera, customer, order } = readNotice(ctx.node.clientData);
      const { sent } = shop.send({
        to: "customer",
        purchaseId,
        text: `Dear ${customer}, your ${camera} is on its way.`,
      });
      if (sent) log(`${order}: emailed ${customer}`);
      return { sent };
    },

    "Notify Fulfillment Center": (ctx) => {
      const { purchaseId, camera, order, fulfillmentDownForAttempts } = readNotice(ctx.node.clientData);
      if (ctx.node.attempt <= fulfillmentDownForAttempts) throw new FulfillmentCenterDownError(order);
      const { sent } = shop.send({ to: "fulfillment center", purchaseId, text: `Ship ${camera} for order ${order}.` });
      if (sent) log(`${order}: fulfillment center told to ship ${camera}`);
      return { sent };
    },
  };
}

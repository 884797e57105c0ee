// What travels with a purchase: the workflow's identity and the signal's clientData, read back with checks
// (a node's data comes over the network, so a handler trusts nothing).
import type { Json, JsonObject } from "@backbeat/client";
import type { Purchase } from "./shop.ts";

export const WORKFLOW_NAME = "camera purchase";
export const MAKE_PURCHASE = "Make Purchase";

/** The workflow's subject: one order of one customer. */
export type PurchaseSubject = { customer: string; order: string };

function text(value: Json | undefined, what: string): string {
  if (typeof value !== "string" || value === "") throw new Error(`${what} must be a non-empty string`);
  return value;
}

export function readSubject(subject: Json): PurchaseSubject {
  if (subject === null || typeof subject !== "object" || Array.isArray(subject)) {
    throw new Error("the subject must be an object {customer, order}");
  }
  return { customer: text(subject.customer, "subject.customer"), order: text(subject.order, "subject.order") };
}

export function readPurchase(clientData: JsonObject): Purchase {
  const amount = clientData.amount;
  if (typeof amount !== "number" || !(amount > 0)) throw new Error("clientData.amount must be a positive number");
  return {
    purchaseId: text(clientData.purchaseId, "clientData.purchaseId"),
    camera: text(clientData.camera, "clientData.camera"),
    card: text(clientData.card, "clientData.card"),
    amount,
  };
}

/**
 * What "Successful Purchase" and the two notifications are given. `fulfillmentDownForAttempts` (demo only):
 * the fulfillment center is down for that many attempts of "Notify Fulfillment Center", so the node runs out
 * of retries and waits for an operator to restart it from the dashboard.
 */
export type PurchaseNotice = PurchaseSubject & {
  purchaseId: string;
  camera: string;
  fulfillmentDownForAttempts: number;
};

/** The demo's outage, if the signal asked for one (0: none). */
export function readOutage(clientData: JsonObject): number {
  const n = clientData.fulfillmentDownForAttempts;
  return typeof n === "number" && Number.isInteger(n) && n > 0 ? n : 0;
}

export function readNotice(clientData: JsonObject): PurchaseNotice {
  return {
    purchaseId: text(clientData.purchaseId, "clientData.purchaseId"),
    camera: text(clientData.camera, "clientData.camera"),
    customer: text(clientData.customer, "clientData.customer"),
    order: text(clientData.order, "clientData.order"),
    fulfillmentDownForAttempts: readOutage(clientData),
  };
}

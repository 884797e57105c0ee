// The shop's own state, kept in memory for the example: money reserved on cards, cameras marked purchased,
// and the messages sent. Every operation is idempotent by purchase id, because Backbeat may run a node
// again (a retry after an error, a redelivery after a crash): a purchase is never charged twice.

/** A test card number (…0002) that the payment provider declines, as real providers' test cards do. */
export const DECLINED_CARD = "4000000000000002";
export const GOOD_CARD = "4242424242424242";

export class CardDeclinedError extends Error {
  override name = "CardDeclinedError";
  constructor(card: string) {
    super(`card ending in ${card.slice(-4)} was declined`);
  }
}

/** The fulfillment center did not answer: a transient failure that an operator retries once it is back. */
export class FulfillmentCenterDownError extends Error {
  override name = "FulfillmentCenterDownError";
  constructor(order: string) {
    super(`the fulfillment center did not answer (HTTP 503) for order ${order}; retry once it is back`);
  }
}

export type Purchase = { purchaseId: string; camera: string; card: string; amount: number };
export type Reservation = { reservationId: string; purchaseId: string; cardLast4: string; amount: number };
export type Message = { to: "customer" | "fulfillment center"; purchaseId: string; text: string };

export function createShop() {
  const reservations = new Map<string, Reservation>();
  /** camera → the purchase that bought it */
  const purchased = new Map<string, string>();
  const messages = new Map<string, Message>();
  /** Every charge made on a card, in order: what the customer's statement would show. */
  const ledger: Reservation[] = [];

  return {
    /** Reserves the amount on the card once per purchase id; a second call returns the first reservation. */
    reserveMoney(purchase: Purchase): { reservation: Reservation; charged: boolean } {
      const existing = reservations.get(purchase.purchaseId);
      if (existing) return { reservation: existing, charged: false };
      if (purchase.card.endsWith("0002")) throw new CardDeclinedError(purchase.card);
      const reservation = {
        reservationId: `r-${ledger.length + 1}`,
        purchaseId: purchase.purchaseId,
        cardLast4: purchase.card.slice(-4),
        amount: purchase.amount,
      };
      ledger.push(reservation);
      reservations.set(purchase.purchaseId, reservation);
      return { reservation, charged: true };
    },

    /** purchased = true (the wiki's "Camera 703"); a camera bought by another purchase is not sold twice. */
    markCameraPurchased(camera: string, purchaseId: string): void {
      const owner = purchased.get(camera);
      if (owner !== undefined && owner !== purchaseId) throw new Error(`${camera} was already sold (${owner})`);
      purchased.set(camera, purchaseId);
    },

    /** Sends a message once per (recipient, purchase). */
    send(message: Message): { sent: boolean } {
      const key = `${message.to}/${message.purchaseId}`;
      if (messages.has(key)) return { sent: false };
      messages.set(key, message);
      return { sent: true };
    },

    /** Charges made, in total or for one purchase (the ledger, not the idempotence map: a double charge shows). */
    chargeCount(purchaseId?: string): number {
      return ledger.filter((r) => purchaseId === undefined || r.purchaseId === purchaseId).length;
    },
    reservation: (purchaseId: string) => reservations.get(purchaseId) ?? null,
    purchaseOf: (camera: string) => purchased.get(camera) ?? null,
    messagesFor: (purchaseId: string) => [...messages.values()].filter((m) => m.purchaseId === purchaseId),
  };
}

export type Shop = ReturnType<typeof createShop>;

"use client";
// The workflow's status changes in order (oldest first): the server's list plus the live ones, once each.
import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import { actorLabel, type ClientNames } from "@/lib/actor";
import { formatTime } from "@/lib/format";
import { compareIds, type StatusChangeItem } from "@/lib/tree-node";

type Item = StatusChangeItem & { nodeName: string };

/** Very long timelines show their newest part (the tree is the place to browse 10,000 nodes). */
const MAX_ITEMS = 5_000;

type Props = {
  initial: Item[];
  initialTotal: number;
  live: Item[];
  clients: ClientNames;
  nodeHref: (id: string) => string;
};

export function TimelineList({ initial, initialTotal, live, clients, nodeHref }: Props) {
  const byId = new Map<string, Item>();
  for (const item of initial) byId.set(item.id, item);
  for (const item of live) byId.set(item.id, item);
  const all = [...byId.values()].sort((a, b) => compareIds(a.id, b.id));
  const items = all.slice(-MAX_ITEMS);
  // Changes the server left out of `initial` (older ones) still count.
  const total = all.length + Math.max(0, initialTotal - initial.length);
  if (items.length === 0) return <p className="empty">No status changes yet.</p>;
  return (
    <>
      {total > items.length ? (
        <p className="muted">
          Showing the latest {items.length} of {total} changes.
        </p>
      ) : null}
      <ol className="timeline" data-testid="timeline">
        {items.map((c) => (
          <li key={c.id} data-testid="timeline-item" data-change-id={c.id}>
            <span className="muted">{formatTime(c.createdAt)}</span>
            <span>
              <Link href={nodeHref(c.nodeId)} scroll={false}>
                {c.nodeName}
              </Link>{" "}
              {c.statusType.toLowerCase()} status <StatusBadge status={c.fromStatus} /> →{" "}
              <StatusBadge status={c.toStatus} /> <span className="muted">by {actorLabel(c.actor, clients)}</span>
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}

"use client";
// The node tree, virtualized: only the rows in view are in the DOM, so 10,000 nodes scroll smoothly.
import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { StatusBadge } from "@/components/status-badge";
import { formatTime, relativeTime } from "@/lib/format";
import type { TreeNode } from "@/lib/tree-node";
import { visibleRows, type Row } from "./visible-rows";

const ROW_HEIGHT = 36;
const INDENT = 18;

type Props = {
  nodes: Map<string, TreeNode>;
  order: readonly string[];
  version: number;
  selectedNodeId: string | null;
  /** Link to a node's panel, keeping the page's other parameters. */
  nodeHref: (nodeId: string) => string;
};

export function NodeTree({ nodes, order, version, selectedNodeId, nodeHref }: Props) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const now = useNow();
  // `version` changes whenever the (mutable) store does.
  const rows = useMemo(() => visibleRows(nodes, order, collapsed), [nodes, order, collapsed, version]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
    getItemKey: (index) => rows[index]?.node.id ?? index,
  });

  const toggle = useCallback(
    (id: string) =>
      setCollapsed((current) => {
        const next = new Set(current);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );
  const collapseAll = () => setCollapsed(new Set(rows.filter((r) => r.childCount > 0).map((r) => r.node.id)));

  return (
    <>
      <div className="tree-header">
        <span className="muted">
          {nodes.size} nodes, {rows.length} shown
        </span>
        <button type="button" onClick={() => setCollapsed(new Set())} data-testid="expand-all">
          Expand all
        </button>
        <button type="button" onClick={collapseAll} data-testid="collapse-all">
          Collapse all
        </button>
      </div>
      <div
        ref={scroller}
        className="tree"
        style={{ height: virtualizer.getTotalSize() + 2 }}
        data-testid="node-tree"
        role="list"
        aria-label="Nodes"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <TreeRow
                key={item.key}
                row={row}
                start={item.start}
                open={!collapsed.has(row.node.id)}
                selected={row.node.id === selectedNodeId}
                now={now}
                href={nodeHref(row.node.id)}
                onToggle={toggle}
              />
            );
          })}
        </div>
      </div>
    </>
  );
}

type RowProps = {
  row: Row;
  start: number;
  open: boolean;
  selected: boolean;
  now: number | null;
  href: string;
  onToggle: (id: string) => void;
};

/** One row; memoized, so scrolling renders only the rows that come into view. */
const TreeRow = memo(function TreeRow({ row, start, open, selected, now, href, onToggle }: RowProps) {
  const { node, depth, childCount } = row;
  return (
    <div
      role="listitem"
      aria-level={depth + 1}
      className={`tree-row${selected ? " selected" : ""}`}
      style={{ height: ROW_HEIGHT, transform: `translateY(${start}px)` }}
      data-testid={`node-row-${node.id}`}
    >
      <span style={{ width: depth * INDENT, flex: "none" }} />
      {childCount > 0 ? (
        <button
          type="button"
          className="toggle"
          aria-expanded={open}
          aria-label={`${open ? "Collapse" : "Expand"} ${node.name} (${childCount} children)`}
          onClick={() => onToggle(node.id)}
        >
          {open ? "▾" : "▸"}
        </button>
      ) : (
        <span className="spacer" />
      )}
      <Link href={href} scroll={false} className="name" data-testid="node-link">
        {node.name}
      </Link>
      <StatusBadge kind="server" status={node.serverStatus} />
      <StatusBadge kind="client" status={node.clientStatus} />
      <span className="meta">
        {node.mode.toLowerCase().replaceAll("_", " ")} · {node.type.toLowerCase()}
        {childCount > 0 ? ` · ${childCount} children` : ""}
      </span>
      <NodeTimes node={node} now={now} />
    </div>
  );
});

// A timed node waits as STARTED (or READY/PENDING) until firesAt; a RETRYING one until its retry time.
const WAITING_TO_START = new Set(["PENDING", "READY", "STARTED", "RETRYING", "PAUSED"]);

/** Timer, retries left and deadline: only what applies to the node's state. */
function NodeTimes({ node, now }: { node: TreeNode; now: number | null }) {
  const fires = Date.parse(node.firesAt);
  const timer =
    now !== null && WAITING_TO_START.has(node.serverStatus) && fires > now
      ? `${node.serverStatus === "RETRYING" ? "retry" : "fires"} ${relativeTime(node.firesAt, now)}`
      : null;
  return (
    <span className="meta" data-testid="node-times">
      {timer ? <span title={formatTime(node.firesAt)}>⏱ {timer} · </span> : null}
      <span>retries left {node.retriesRemaining}</span>
      {node.completeBy ? (
        <span title={formatTime(node.completeBy)}>
          {" "}
          · deadline {now === null ? formatTime(node.completeBy) : relativeTime(node.completeBy, now)}
        </span>
      ) : null}
    </span>
  );
}

/** The clock, after hydration only (the server's render shows absolute times), ticking every 10 s. */
function useNow(): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 10_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

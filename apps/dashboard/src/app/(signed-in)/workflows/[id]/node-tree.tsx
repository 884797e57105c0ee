"use client";
// The node tree, virtualized: only the rows in view are in the DOM, so 10,000 nodes scroll smoothly. It follows
// the WAI-ARIA tree pattern: one row is in the tab order (roving tabindex); arrows move between rows (Right
// expands or goes to the first child, Left collapses or goes to the parent), Home/End jump, Enter opens the
// node's panel.
import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
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

  // The row in the tab order: the one last focused, else the selected node, else the first row.
  const [active, setActive] = useState<string | null>(null);
  const activeId =
    (active && rows.some((r) => r.node.id === active) ? active : null) ??
    (selectedNodeId && rows.some((r) => r.node.id === selectedNodeId) ? selectedNodeId : null) ??
    rows[0]?.node.id ??
    null;
  // Set by a key press: focus follows once the row is rendered (it may be scrolled out of the DOM).
  const focusWanted = useRef(false);
  useEffect(() => {
    if (!focusWanted.current || !activeId) return;
    const element = scroller.current?.querySelector<HTMLElement>(`[data-node-id="${CSS.escape(activeId)}"]`);
    if (element) {
      focusWanted.current = false;
      element.focus({ preventScroll: true });
    }
  });

  const moveTo = (index: number) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!row) return;
    focusWanted.current = true;
    setActive(row.node.id);
    virtualizer.scrollToIndex(rows.indexOf(row), { align: "auto" });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = rows.findIndex((r) => r.node.id === activeId);
    const row = rows[index];
    if (!row) return;
    const expanded = row.childCount > 0 && !collapsed.has(row.node.id);
    switch (event.key) {
      case "ArrowDown":
        moveTo(index + 1);
        break;
      case "ArrowUp":
        moveTo(index - 1);
        break;
      case "Home":
        moveTo(0);
        break;
      case "End":
        moveTo(rows.length - 1);
        break;
      case "ArrowRight":
        if (row.childCount === 0) return;
        if (expanded) moveTo(index + 1);
        else toggle(row.node.id);
        break;
      case "ArrowLeft":
        if (expanded) toggle(row.node.id);
        else if (row.node.parentId) {
          const parent = rows.findIndex((r) => r.node.id === row.node.parentId);
          if (parent >= 0) moveTo(parent);
        }
        break;
      case "Enter":
        scroller.current?.querySelector<HTMLAnchorElement>(`[data-node-id="${CSS.escape(row.node.id)}"] a`)?.click();
        break;
      default:
        return;
    }
    event.preventDefault();
  };

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
        role="tree"
        aria-label="Nodes"
        onKeyDown={onKeyDown}
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
                tabbable={row.node.id === activeId}
                onFocusRow={setActive}
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
  /** The one row in the tab order. */
  tabbable: boolean;
  onFocusRow: (id: string) => void;
  now: number | null;
  href: string;
  onToggle: (id: string) => void;
};

/** One row; memoized, so scrolling renders only the rows that come into view. */
const TreeRow = memo(function TreeRow({
  row,
  start,
  open,
  selected,
  tabbable,
  onFocusRow,
  now,
  href,
  onToggle,
}: RowProps) {
  const { node, depth, childCount } = row;
  return (
    <div
      role="treeitem"
      aria-level={depth + 1}
      aria-expanded={childCount > 0 ? open : undefined}
      aria-selected={selected}
      tabIndex={tabbable ? 0 : -1}
      onFocus={(event) => {
        if (event.target === event.currentTarget) onFocusRow(node.id);
      }}
      className={`tree-row${selected ? " selected" : ""}`}
      style={{ height: ROW_HEIGHT, transform: `translateY(${start}px)` }}
      data-testid={`node-row-${node.id}`}
      data-node-id={node.id}
    >
      <span style={{ width: depth * INDENT, flex: "none" }} />
      {childCount > 0 ? (
        <button
          type="button"
          className="toggle"
          tabIndex={-1}
          aria-expanded={open}
          aria-label={`${open ? "Collapse" : "Expand"} ${node.name} (${childCount} children)`}
          onClick={() => onToggle(node.id)}
        >
          {open ? "▾" : "▸"}
        </button>
      ) : (
        <span className="spacer" />
      )}
      {/* No prefetch: every row scrolled into view would fetch the whole page (every node) again. */}
      <Link
        href={href}
        scroll={false}
        prefetch={false}
        className="name"
        data-testid="node-link"
        tabIndex={-1}
        title={node.name}
      >
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

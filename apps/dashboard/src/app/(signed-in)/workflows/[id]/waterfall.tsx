"use client";
// The waterfall: one bar per node (creation → last change, or now while it runs), the wait for its time
// hatched, its duration in ms; live from the same node store as the tree, virtualized like it (10,000 nodes
// scroll smoothly; rows' links do not prefetch, which would fetch the whole page per row), and zoomable (the
// time axis widens and scrolls sideways inside its box).
import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { memo, useEffect, useMemo, useRef, useState } from "react";
import { statusTone } from "@/lib/statuses";
import type { TreeNode } from "@/lib/tree-node";
import { formatDuration } from "@/lib/workflow-state";
import { waterfallBars, type Bar } from "./waterfall-bars";

const ROW_HEIGHT = 28;
const ZOOMS = [1, 2, 4, 8, 16] as const;

type Props = {
  nodes: Map<string, TreeNode>;
  order: readonly string[];
  version: number;
  selectedNodeId: string | null;
  nodeHref: (nodeId: string) => string;
};

export function Waterfall({ nodes, order, version, selectedNodeId, nodeHref }: Props) {
  const [zoom, setZoom] = useState(0);
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 2_000);
    return () => clearInterval(timer);
  }, []);
  // `version` stands for the node map's contents.
  const { bars, span } = useMemo(() => waterfallBars(nodes, order, now ?? 0), [nodes, order, version, now]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: bars.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
    getItemKey: (index) => bars[index]?.node.id ?? index,
  });
  if (now === null) return null;
  const scale = ZOOMS[zoom] ?? 1;
  return (
    <>
      <div className="tree-header">
        <span className="muted" data-testid="waterfall-span">
          {bars.length} nodes over {formatDuration(span)}
        </span>
        <button type="button" onClick={() => setZoom((z) => Math.max(0, z - 1))} disabled={zoom === 0}>
          Zoom out
        </button>
        <button
          type="button"
          onClick={() => setZoom((z) => Math.min(ZOOMS.length - 1, z + 1))}
          disabled={zoom === ZOOMS.length - 1}
          data-testid="waterfall-zoom-in"
        >
          Zoom in
        </button>
        <span className="muted">×{scale}</span>
      </div>
      <div
        ref={scroller}
        className="waterfall"
        data-testid="waterfall"
        role="list"
        aria-label="Node runs"
        tabIndex={0}
        style={{ height: Math.min(virtualizer.getTotalSize() + 2, 600) }}
      >
        <div style={{ height: virtualizer.getTotalSize(), width: `${scale * 100}%`, position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => {
            const bar = bars[item.index];
            if (!bar) return null;
            return (
              <WaterfallRow
                key={item.key}
                bar={bar}
                top={item.start}
                span={span}
                selected={bar.node.id === selectedNodeId}
                href={nodeHref(bar.node.id)}
              />
            );
          })}
        </div>
      </div>
    </>
  );
}

type RowProps = { bar: Bar; top: number; span: number; selected: boolean; href: string };

/** One row; memoized, so scrolling renders only the rows that come into view. */
const WaterfallRow = memo(function WaterfallRow({ bar, top, span, selected, href }: RowProps) {
  const { node } = bar;
  const pct = (ms: number) => `${(ms / span) * 100}%`;
  const duration = bar.end - bar.start - bar.wait;
  return (
    <div
      role="listitem"
      className={`waterfall-row${selected ? " selected" : ""}`}
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
      data-testid={`waterfall-row-${node.id}`}
    >
      <Link
        href={href}
        scroll={false}
        prefetch={false}
        className="waterfall-name"
        style={{ paddingLeft: bar.depth * 12 }}
      >
        {node.name}
      </Link>
      <div className="waterfall-track">
        {bar.wait > 0 ? (
          <span
            className="waterfall-wait"
            style={{ left: pct(bar.start), width: pct(bar.wait) }}
            title={`waited ${formatDuration(bar.wait)} for its time`}
          />
        ) : null}
        <span
          className={`waterfall-bar tone-${statusTone(node.serverStatus)}${bar.finished ? "" : " open"}`}
          style={{ left: pct(bar.start + bar.wait), width: `max(2px, ${pct(duration)})` }}
        />
        <span
          className="waterfall-label"
          style={{ left: pct(bar.end) }}
          data-testid="waterfall-duration"
          data-ms={Math.round(duration)}
        >
          {Math.round(duration)} ms · {node.serverStatus.toLowerCase().replaceAll("_", " ")}
        </span>
      </div>
    </div>
  );
});

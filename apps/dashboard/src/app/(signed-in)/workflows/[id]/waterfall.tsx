"use client";
// The waterfall: one bar per node (creation → last change, or now while it runs), the wait for its time
// hatched, its duration in ms; a retried or restarted node's bar is cut into its attempts, the retry wait
// between them apart (their histories fetched only for the retried rows in view). Live from the same node store
// as the tree, virtualized like it, and zoomable (the time axis widens and scrolls sideways inside its box).
// Scrolling 10,000 rows stays cheap: a row is a few plain elements (an <a>, not a next/link per row: one click
// handler on the box navigates), rows are memoized on primitive props (a tick of the clock re-renders only rows
// still open), and the virtualizer's item keys are stable (else it measures every row again on every frame).
import { useVirtualizer } from "@tanstack/react-virtual";
import { useRouter } from "next/navigation";
import { memo, useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from "react";
import { statusTone } from "@/lib/statuses";
import { formatDuration } from "@/lib/workflow-state";
import type { TreeNode } from "@/lib/tree-node";
import { attemptSegments, type HistoryChange } from "./attempt-segments";
import { useAttemptHistories } from "./use-attempt-histories";
import { waterfallBars } from "./waterfall-bars";

const ROW_HEIGHT = 28;
const ZOOMS = [1, 2, 4, 8, 16] as const;

type Props = {
  workflowId: string;
  nodes: Map<string, TreeNode>;
  order: readonly string[];
  version: number;
  selectedNodeId: string | null;
  nodeHref: (nodeId: string) => string;
};

export function Waterfall({ workflowId, nodes, order, version, selectedNodeId, nodeHref }: Props) {
  const router = useRouter();
  const [zoom, setZoom] = useState(0);
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 2_000);
    return () => clearInterval(timer);
  }, []);
  // `version` stands for the node map's contents.
  const { bars, span, origin } = useMemo(() => waterfallBars(nodes, order, now ?? 0), [nodes, order, version, now]);
  const scroller = useRef<HTMLDivElement>(null);
  // Stable between renders: a new getItemKey makes the virtualizer measure all 10,000 rows again (every frame).
  const getItemKey = useCallback((index: number) => bars[index]?.node.id ?? index, [bars]);
  const virtualizer = useVirtualizer({
    count: bars.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey,
  });
  const items = virtualizer.getVirtualItems();
  const wanted = items
    .map((item) => bars[item.index]?.node)
    .filter((node): node is TreeNode => node !== undefined && node.attempt > 1)
    .map((node) => `${node.id}:${node.attempt}.${node.updatedAt}`)
    .join(",");
  const histories = useAttemptHistories(workflowId, wanted);
  // One handler for every row's link: a plain click navigates inside the app (the panel opens, no reload).
  const onClick = useCallback(
    (event: MouseEvent<HTMLDivElement>) => {
      const link = (event.target as Element).closest("a.waterfall-name");
      if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      router.push(link.getAttribute("href") ?? "", { scroll: false });
    },
    [router],
  );
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
      {/* The click handler only forwards the rows' own link clicks (keyboard: Enter on a link is a click too). */}
      <div
        ref={scroller}
        className={`waterfall${scale > 1 ? " zoomed" : ""}`}
        data-testid="waterfall"
        role="list"
        aria-label="Node runs"
        tabIndex={0}
        onClick={onClick}
        style={{ height: Math.min(virtualizer.getTotalSize() + 2, 600) }}
      >
        <div style={{ height: virtualizer.getTotalSize(), width: `${scale * 100}%`, position: "relative" }}>
          {items.map((item) => {
            const bar = bars[item.index];
            if (!bar) return null;
            const { node } = bar;
            return (
              <WaterfallRow
                key={item.key}
                id={node.id}
                name={node.name}
                status={node.serverStatus}
                depth={bar.depth}
                start={bar.start}
                wait={bar.wait}
                end={bar.end}
                finished={bar.finished}
                top={item.start}
                span={span}
                origin={origin}
                history={node.attempt > 1 ? histories.get(node.id)?.changes : undefined}
                selected={node.id === selectedNodeId}
                nodeHref={nodeHref}
              />
            );
          })}
        </div>
      </div>
    </>
  );
}

type RowProps = {
  id: string;
  name: string;
  status: string;
  depth: number;
  start: number;
  wait: number;
  end: number;
  finished: boolean;
  top: number;
  span: number;
  origin: number;
  /** The node's status changes, for its attempts (retried nodes in view only). */
  history: HistoryChange[] | undefined;
  selected: boolean;
  /** Called only when the row renders (not for every row in view on every scroll frame). */
  nodeHref: (nodeId: string) => string;
};

/** One row; memoized on primitives, so scrolling renders only the rows that come into view. */
const WaterfallRow = memo(function WaterfallRow(props: RowProps) {
  const { id, name, status, depth, start, wait, end, finished, top, span, origin, history, selected, nodeHref } = props;
  const pct = (ms: number) => `${(ms / span) * 100}%`;
  const duration = end - start - wait;
  const tone = statusTone(status);
  const segments = history ? attemptSegments(history, origin, start + wait, end) : [];
  const statusText = status.toLowerCase().replaceAll("_", " ");
  return (
    <div
      role="listitem"
      className={`waterfall-row${selected ? " selected" : ""}`}
      style={{ transform: `translateY(${top}px)` }}
      data-testid={`waterfall-row-${id}`}
    >
      <a href={nodeHref(id)} className="waterfall-name" style={depth ? { paddingLeft: depth * 12 } : undefined}>
        {name}
      </a>
      <div className="waterfall-track">
        {wait > 0 ? (
          <span
            className="waterfall-wait"
            style={{ left: pct(start), width: pct(wait) }}
            title={`waited ${formatDuration(wait)} for its time`}
          />
        ) : null}
        {segments.length === 0 ? (
          <span
            className={`waterfall-bar tone-${tone}${finished ? "" : " open"}`}
            style={{ left: pct(start + wait), width: `max(2px, ${pct(duration)})` }}
          />
        ) : (
          [
            segments[0]!.start > start + wait ? (
              <span
                key="before"
                className="waterfall-retry-wait"
                style={{ left: pct(start + wait), width: pct(segments[0]!.start - start - wait) }}
                title={`waited ${Math.round(segments[0]!.start - start - wait)} ms before attempt 1`}
              />
            ) : null,
            ...segments.map((s, i) => {
              const last = i === segments.length - 1;
              const ms = Math.round(s.end - s.start);
              const waited = s.waitEnd === null ? 0 : Math.round(s.waitEnd - s.end);
              return (
                <span key={s.attempt}>
                  <span
                    className={`waterfall-bar attempt tone-${last ? tone : "bad"}${last && !finished ? " open" : ""}`}
                    style={{ left: pct(s.start), width: `max(2px, ${pct(s.end - s.start)})` }}
                    title={`attempt ${s.attempt}: ${ms} ms`}
                    data-testid="waterfall-attempt"
                    data-attempt={s.attempt}
                    data-ms={ms}
                  />
                  {s.waitEnd !== null ? (
                    <span
                      className="waterfall-retry-wait"
                      style={{ left: pct(s.end), width: pct(s.waitEnd - s.end) }}
                      title={`waited ${waited} ms before attempt ${s.attempt + 1}`}
                      data-testid="waterfall-retry-wait"
                      data-ms={waited}
                    />
                  ) : null}
                </span>
              );
            }),
          ]
        )}
        <span
          className="waterfall-label"
          style={{ left: pct(end) }}
          data-testid="waterfall-duration"
          data-ms={Math.round(duration)}
        >
          {Math.round(duration)} ms{segments.length > 0 ? ` · ${segments.length} attempts` : ""} · {statusText}
        </span>
      </div>
    </div>
  );
});

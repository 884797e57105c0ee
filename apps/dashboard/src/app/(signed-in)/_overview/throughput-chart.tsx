// Nodes completed and errored per minute, as stacked bars in hand-written SVG, with axes, a legend, a title
// per bar and the same numbers as a table for screen readers and anyone who wants them exact.
import { hourMinute, yTicks } from "./chart-scale";
import type { MinuteCount } from "./queries";

const WIDTH = 960;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 12, bottom: 30, left: 48 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
/** An x label every this many minutes (on round minutes). */
const LABEL_EVERY = 10;

export function ThroughputChart({ perMinute }: { perMinute: MinuteCount[] }) {
  const totals = perMinute.reduce(
    (sum, m) => ({ completed: sum.completed + m.completed, errored: sum.errored + m.errored }),
    { completed: 0, errored: 0 },
  );
  const peak = Math.max(0, ...perMinute.map((m) => m.completed + m.errored));
  const ticks = yTicks(peak);
  const top = ticks[ticks.length - 1] ?? 1;
  const slot = PLOT_W / Math.max(1, perMinute.length);
  const barWidth = Math.max(1, slot * 0.75);
  const y = (value: number) => MARGIN.top + PLOT_H - (value / top) * PLOT_H;
  const first = perMinute[0];
  const last = perMinute[perMinute.length - 1];
  const span = first && last ? `${hourMinute(first.minute)}–${hourMinute(last.minute)} UTC` : "no data";
  const summary =
    `${perMinute.length} minutes (${span}): ${totals.completed} nodes completed, ${totals.errored} errored; ` +
    `busiest minute ${peak} nodes.`;

  return (
    <figure className="chart" data-testid="throughput-chart">
      <div className="chart-legend" aria-hidden="true">
        <span className="key completed" /> completed <strong data-testid="total-completed">{totals.completed}</strong>
        <span className="key errored" /> errored <strong data-testid="total-errored">{totals.errored}</strong>
      </div>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="throughput-title throughput-desc">
        <title id="throughput-title">Nodes completed and errored per minute</title>
        <desc id="throughput-desc">{summary}</desc>
        {ticks.map((tick) => (
          <g key={tick} className="y-tick">
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} />
            <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end">
              {tick}
            </text>
          </g>
        ))}
        <text
          className="axis-title"
          transform={`translate(12 ${MARGIN.top + PLOT_H / 2}) rotate(-90)`}
          textAnchor="middle"
        >
          nodes / minute
        </text>
        {perMinute.map((m, i) => {
          const x = MARGIN.left + i * slot + (slot - barWidth) / 2;
          const label = new Date(m.minute).getUTCMinutes() % LABEL_EVERY === 0;
          return (
            <g key={m.minute} data-testid="chart-minute" data-completed={m.completed} data-errored={m.errored}>
              <title>{`${hourMinute(m.minute)} UTC: ${m.completed} completed, ${m.errored} errored`}</title>
              {/* A transparent full-height slot so the title shows on hover even for an empty minute. */}
              <rect className="hover" x={MARGIN.left + i * slot} y={MARGIN.top} width={slot} height={PLOT_H} />
              {m.completed > 0 ? (
                <rect
                  className="bar completed"
                  x={x}
                  width={barWidth}
                  y={y(m.completed)}
                  height={y(0) - y(m.completed)}
                />
              ) : null}
              {m.errored > 0 ? (
                <rect
                  className="bar errored"
                  x={x}
                  width={barWidth}
                  y={y(m.completed + m.errored)}
                  height={y(m.completed) - y(m.completed + m.errored)}
                />
              ) : null}
              {label ? (
                <text className="x-label" x={x + barWidth / 2} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle">
                  {hourMinute(m.minute)}
                </text>
              ) : null}
            </g>
          );
        })}
        <line className="axis" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(0)} y2={y(0)} />
      </svg>
      <figcaption className="muted small">{summary}</figcaption>
      <details className="chart-numbers">
        <summary>The numbers, minute by minute</summary>
        <table data-testid="throughput-table">
          <thead>
            <tr>
              <th scope="col">Minute (UTC)</th>
              <th scope="col">Completed</th>
              <th scope="col">Errored</th>
            </tr>
          </thead>
          <tbody>
            {perMinute.map((m) => (
              <tr key={m.minute}>
                <th scope="row">{hourMinute(m.minute)}</th>
                <td>{m.completed}</td>
                <td>{m.errored}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

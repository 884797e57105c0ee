// Nodes completed and errored per minute, as stacked bars, with a legend, a title per bar and the same numbers
// as a table for screen readers and anyone who wants them exact. The bars are an SVG stretched to the plot
// (preserveAspectRatio="none"); the axis labels are HTML placed by percentage beside and below it, so their
// text keeps its size at any width (a scaled SVG shrank them to 4 px on a phone). On a narrow screen every
// other minute label is hidden (globals: .x-label.minor), so they never overlap.
import { hourMinute, yTicks } from "./chart-scale";
import type { MinuteCount } from "./queries";

/** The plot's height in its own units (the SVG's viewBox); its width is one unit per minute. */
const PLOT_H = 100;
/** An x label every this many minutes (on round minutes); every second one is "minor". */
const LABEL_EVERY = 10;
const BAR = 0.75;
/** No x label within this many minutes of either end. */
const EDGE = 3;

export function ThroughputChart({ perMinute }: { perMinute: MinuteCount[] }) {
  const totals = perMinute.reduce(
    (sum, m) => ({ completed: sum.completed + m.completed, errored: sum.errored + m.errored }),
    { completed: 0, errored: 0 },
  );
  const peak = Math.max(0, ...perMinute.map((m) => m.completed + m.errored));
  const ticks = yTicks(peak);
  const top = ticks[ticks.length - 1] ?? 1;
  const count = Math.max(1, perMinute.length);
  const y = (value: number) => PLOT_H - (value / top) * PLOT_H;
  const pct = (value: number) => `${(value / top) * 100}%`;
  const first = perMinute[0];
  const last = perMinute[perMinute.length - 1];
  const span = first && last ? `${hourMinute(first.minute)}–${hourMinute(last.minute)} UTC` : "no data";
  const summary =
    `${perMinute.length} minutes (${span}): ${totals.completed} nodes completed, ${totals.errored} errored; ` +
    `busiest minute ${peak} nodes.`;

  return (
    <figure className="chart" data-testid="throughput-chart">
      <div className="chart-legend" aria-hidden="true">
        <span className="axis-title">nodes per minute:</span>
        <span className="legend-item">
          <span className="key completed" /> completed <strong data-testid="total-completed">{totals.completed}</strong>
        </span>
        <span className="legend-item">
          <span className="key errored" /> errored <strong data-testid="total-errored">{totals.errored}</strong>
        </span>
      </div>
      <div className="chart-area">
        <div className="y-labels" aria-hidden="true">
          {ticks.map((tick) => (
            <span key={tick} className="y-label" style={{ bottom: pct(tick) }} data-testid="chart-label">
              {tick}
            </span>
          ))}
        </div>
        <svg
          viewBox={`0 0 ${count} ${PLOT_H}`}
          preserveAspectRatio="none"
          role="img"
          aria-labelledby="throughput-title throughput-desc"
        >
          <title id="throughput-title">Nodes completed and errored per minute</title>
          <desc id="throughput-desc">{summary}</desc>
          {ticks.map((tick) => (
            <line key={tick} className="grid" x1={0} x2={count} y1={y(tick)} y2={y(tick)} />
          ))}
          {perMinute.map((m, i) => {
            const x = i + (1 - BAR) / 2;
            return (
              <g key={m.minute} data-testid="chart-minute" data-completed={m.completed} data-errored={m.errored}>
                <title>{`${hourMinute(m.minute)} UTC: ${m.completed} completed, ${m.errored} errored`}</title>
                {/* A transparent full-height slot so the title shows on hover even for an empty minute. */}
                <rect className="hover" x={i} y={0} width={1} height={PLOT_H} />
                {m.completed > 0 ? (
                  <rect
                    className="bar completed"
                    x={x}
                    width={BAR}
                    y={y(m.completed)}
                    height={PLOT_H - y(m.completed)}
                  />
                ) : null}
                {m.errored > 0 ? (
                  <rect
                    className="bar errored"
                    x={x}
                    width={BAR}
                    y={y(m.completed + m.errored)}
                    height={y(m.completed) - y(m.completed + m.errored)}
                  />
                ) : null}
              </g>
            );
          })}
          <line className="axis" x1={0} x2={count} y1={PLOT_H} y2={PLOT_H} />
        </svg>
        <div className="x-labels" aria-hidden="true">
          {perMinute.map((m, i) => {
            const minute = new Date(m.minute).getUTCMinutes();
            // Not at the very ends: a label there would reach into the y labels or past the right edge.
            if (minute % LABEL_EVERY !== 0 || i < EDGE || i >= perMinute.length - EDGE) return null;
            return (
              <span
                key={m.minute}
                className={`x-label${minute % (2 * LABEL_EVERY) === 0 ? "" : " minor"}`}
                style={{ left: `${((i + 0.5) / count) * 100}%` }}
                data-testid="chart-label"
              >
                {hourMinute(m.minute)}
              </span>
            );
          })}
        </div>
      </div>
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

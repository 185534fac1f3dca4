'use client';

// Plain SVG time charts: a line (with gaps where no sample exists) or bars, over [from, to] in Unix seconds.
export interface ChartPoint {
  t: number;
  v: number | null;
}

const W = 640;
const H = 140;
const PAD = { l: 34, r: 8, t: 8, b: 20 };

function ticks(from: number, to: number): number[] {
  const n = 4;
  return Array.from({ length: n + 1 }, (_, i) => from + ((to - from) * i) / n);
}

/** Gridline values: 0, the middle and the top; whole numbers only for counts (a top of 1 has no middle). */
export function valueTicks(top: number, integers: boolean): number[] {
  const raw = [0, top / 2, top].map((v) => (integers ? Math.round(v) : v));
  return [...new Set(raw)];
}

export function TimeChart({
  points,
  from,
  to,
  step,
  max,
  kind,
  colour,
  testId,
  unit = '',
  label,
}: {
  points: ChartPoint[];
  from: number;
  to: number;
  step: number;
  /** Fixed top of the scale (100 for %), else the data's maximum. */
  max?: number;
  kind: 'line' | 'bars';
  colour: string;
  testId: string;
  unit?: string;
  /** Axis label of a moment (Unix seconds), in the viewer's zone (named beside the chart). */
  label: (t: number, spanS: number) => string;
}) {
  const top = max ?? Math.max(1, ...points.map((p) => p.v ?? 0));
  const integers = kind === 'bars';
  const x = (t: number) => PAD.l + ((t - from) / Math.max(1, to - from)) * (W - PAD.l - PAD.r);
  const y = (v: number) => H - PAD.b - (v / top) * (H - PAD.t - PAD.b);
  const segments: string[] = [];
  if (kind === 'line') {
    let d = '';
    let last: number | null = null;
    for (const p of points) {
      if (p.v === null) continue;
      const gap = last === null || p.t - last > 2 * step;
      d += `${gap ? (d ? ' M' : 'M') : ' L'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`;
      last = p.t;
    }
    if (d) segments.push(d);
  }
  const barW = Math.max(1.5, ((W - PAD.l - PAD.r) * step) / Math.max(1, to - from) - 1);
  return (
    // biome-ignore lint/a11y/noSvgWithoutTitle: each chart stands under its own heading; its marks carry <title>s
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="h-auto w-full"
      role="img"
      data-testid={testId}
      data-points={points.filter((p) => p.v !== null).length}
    >
      {valueTicks(top, integers).map((v) => (
        <g key={v} data-testid={`${testId}-tick`} data-value={v}>
          <line x1={PAD.l} x2={W - PAD.r} y1={y(v)} y2={y(v)} stroke="#e2e8f0" strokeWidth={1} />
          <text
            x={PAD.l - 4}
            y={y(v) + 3}
            textAnchor="end"
            fontSize={9}
            fill="#64748b"
          >{`${Math.round(v)}${unit}`}</text>
        </g>
      ))}
      {ticks(from, to).map((t, i, all) => (
        <text
          key={t}
          x={x(t)}
          y={H - 5}
          textAnchor={i === 0 ? 'start' : i === all.length - 1 ? 'end' : 'middle'}
          fontSize={9}
          fill="#64748b"
        >
          {label(t * 1000, to - from)}
        </text>
      ))}
      {kind === 'line' &&
        segments.map((d) => (
          <path
            key={d}
            d={d}
            fill="none"
            stroke={colour}
            strokeWidth={1.8}
            strokeLinejoin="round"
          />
        ))}
      {kind === 'line' &&
        points.filter((p) => p.v !== null).length === 1 &&
        points
          .filter((p) => p.v !== null)
          .map((p) => <circle key={p.t} cx={x(p.t)} cy={y(p.v!)} r={2.5} fill={colour} />)}
      {kind === 'bars' &&
        points
          .filter((p) => (p.v ?? 0) > 0)
          .map((p) => (
            <rect
              key={p.t}
              x={x(p.t)}
              y={y(p.v!)}
              width={barW}
              height={H - PAD.b - y(p.v!)}
              fill={colour}
              data-testid={`${testId}-bar`}
              data-value={p.v!}
            >
              <title>{`${label(p.t * 1000, to - from)}: ${p.v}`}</title>
            </rect>
          ))}
    </svg>
  );
}

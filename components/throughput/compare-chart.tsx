'use client';

// A small SVG bar chart: mean job time before and after (seconds), with the success count under each bar.
export function CompareChart({
  bars,
  testId,
}: {
  bars: { label: string; value: number | null; note: string; colour: string }[];
  testId: string;
}) {
  const W = 320;
  const H = 150;
  const top = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const bw = 70;
  return (
    // biome-ignore lint/a11y/noSvgWithoutTitle: each chart stands under its own heading; its marks carry <title>s
    <svg data-testid={testId} viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img">
      <line x1={20} y1={H - 30} x2={W - 10} y2={H - 30} stroke="#94a3b8" />
      {bars.map((b, i) => {
        const h = ((b.value ?? 0) / top) * (H - 60);
        const x = 40 + i * (bw + 60);
        return (
          <g key={b.label}>
            <rect x={x} y={H - 30 - h} width={bw} height={h} fill={b.colour} />
            <text x={x + bw / 2} y={H - 34 - h} textAnchor="middle" fontSize={11} fill="#0f172a">
              {b.value === null ? '—' : b.value.toFixed(1)}
            </text>
            <text x={x + bw / 2} y={H - 16} textAnchor="middle" fontSize={11} fill="#334155">
              {b.label}
            </text>
            <text x={x + bw / 2} y={H - 3} textAnchor="middle" fontSize={10} fill="#64748b">
              {b.note}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** One line of a chart: its label and (x, y) points; x and y must be positive (both axes are log). */
export interface Series {
  readonly label: string;
  readonly points: readonly (readonly [number, number])[];
  readonly dashed?: boolean;
}

/** Options of {@link lineChartSvg}. */
export interface ChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
}

const WIDTH = 760;
const HEIGHT = 440;
const PLOT = { left: 70, right: 560, top: 40, bottom: 380 } as const;
const COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
  '#393b79',
  '#637939',
];

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Powers of ten covering [min, max], at least one decade. */
function decades(min: number, max: number): number[] {
  const low = Math.floor(Math.log10(min));
  const high = Math.max(Math.ceil(Math.log10(max)), low + 1);
  return Array.from({ length: high - low + 1 }, (_, i) => 10 ** (low + i));
}

const tickLabel = (v: number) => (v >= 1 ? v.toLocaleString('en-US') : String(Number(v.toPrecision(1))));

/**
 * A log-log line chart as a standalone SVG document: one colored line per series, a legend on the right.
 * Hand-written because the charts are this simple; points with non-positive values are skipped.
 */
export function lineChartSvg(series: readonly Series[], options: ChartOptions): string {
  const usable = series
    .map((s) => ({ ...s, points: s.points.filter(([x, y]) => x > 0 && y > 0) }))
    .filter((s) => s.points.length > 0);
  const xs = usable.flatMap((s) => s.points.map(([x]) => x));
  const ys = usable.flatMap((s) => s.points.map(([, y]) => y));
  const xTicks = xs.length > 0 ? decades(Math.min(...xs), Math.max(...xs)) : [1, 10];
  const yTicks = ys.length > 0 ? decades(Math.min(...ys), Math.max(...ys)) : [1, 10];
  const scale = (v: number, ticks: number[], from: number, to: number) => {
    const lo = Math.log10(ticks[0] ?? 1);
    const hi = Math.log10(ticks[ticks.length - 1] ?? 10);
    return from + ((Math.log10(v) - lo) / (hi - lo)) * (to - from);
  };
  const sx = (x: number) => scale(x, xTicks, PLOT.left, PLOT.right);
  const sy = (y: number) => scale(y, yTicks, PLOT.bottom, PLOT.top);
  const f = (n: number) => n.toFixed(1);

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(options.title)}</text>`,
  ];
  for (const t of xTicks) {
    out.push(`<line x1="${f(sx(t))}" y1="${PLOT.top}" x2="${f(sx(t))}" y2="${PLOT.bottom}" stroke="#ddd"/>`);
    out.push(`<text x="${f(sx(t))}" y="${PLOT.bottom + 16}" text-anchor="middle">${tickLabel(t)}</text>`);
  }
  for (const t of yTicks) {
    out.push(`<line x1="${PLOT.left}" y1="${f(sy(t))}" x2="${PLOT.right}" y2="${f(sy(t))}" stroke="#ddd"/>`);
    out.push(`<text x="${PLOT.left - 6}" y="${f(sy(t) + 4)}" text-anchor="end">${tickLabel(t)}</text>`);
  }
  out.push(
    `<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}" fill="none" stroke="#333"/>`,
  );
  out.push(
    `<text x="${(PLOT.left + PLOT.right) / 2}" y="${HEIGHT - 20}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
  );
  out.push(
    `<text x="18" y="${(PLOT.top + PLOT.bottom) / 2}" text-anchor="middle" transform="rotate(-90 18 ${(PLOT.top + PLOT.bottom) / 2})">${escapeXml(options.yLabel)}</text>`,
  );
  usable.forEach((s, i) => {
    const color = COLORS[i % COLORS.length] ?? '#000';
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    const sorted = [...s.points].sort((a, b) => a[0] - b[0]);
    const coords = sorted.map(([x, y]) => `${f(sx(x))},${f(sy(y))}`).join(' ');
    out.push(`<polyline points="${coords}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`);
    for (const [x, y] of sorted) out.push(`<circle cx="${f(sx(x))}" cy="${f(sy(y))}" r="3" fill="${color}"/>`);
    const ly = PLOT.top + 10 + i * 20;
    out.push(
      `<line x1="${PLOT.right + 20}" y1="${ly}" x2="${PLOT.right + 44}" y2="${ly}" stroke="${color}" stroke-width="2"${dash}/>`,
    );
    out.push(`<text x="${PLOT.right + 50}" y="${ly + 4}">${escapeXml(s.label)}</text>`);
  });
  out.push('</svg>', '');
  return out.join('\n');
}

/** Server-rendered SVG charts for /stats: no chart library, no client JavaScript; each sits beside its table. */
import { DEFAULT_BOX, barWidths, groupedBars, labelStep, linePath, showLabel, tickLabel, ticks, yOf } from '@/lib/domain/stats';

const BOX = DEFAULT_BOX;

function Axis({ top, format = tickLabel }: { top: number; format?: (v: number) => string }) {
  return (
    <g fontSize="12" fill="#334155">
      {ticks(top).map((v) => {
        const y = yOf(v, top);
        return (
          <g key={v}>
            <line x1={BOX.left} x2={BOX.width - BOX.right} y1={y} y2={y} stroke="#e2e8f0" />
            <text x={BOX.left - 4} y={y + 3} textAnchor="end">
              {format(v)}
            </text>
          </g>
        );
      })}
    </g>
  );
}

function XLabels({ labels }: { labels: string[] }) {
  const slot = (BOX.width - BOX.left - BOX.right) / Math.max(1, labels.length);
  const step = labelStep(labels.length, 5);
  return (
    <g fontSize="12" fill="#334155" textAnchor="middle">
      {labels.map((l, i) =>
        showLabel(i, labels.length, step) ? (
          <text key={i} x={BOX.left + slot * (i + 0.5)} y={BOX.height - BOX.bottom + 14}>
            {l}
          </text>
        ) : null,
      )}
    </g>
  );
}

/** '2026-03' → '3月' ('26年1月' in January, so a year boundary is visible). */
export function shortMonth(month: string): string {
  const [y, m] = month.split('-');
  return m === '01' ? `${y!.slice(2)}年1月` : `${Number(m)}月`;
}

export function GroupedBarChart({
  id,
  title,
  labels,
  series,
}: {
  id: string;
  title: string;
  labels: string[];
  series: { name: string; color: string; values: number[] }[];
}) {
  const { bars, top } = groupedBars(series.map((s) => s.values));
  return (
    <figure className="m-0">
      <svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} className="h-auto w-full" role="img" aria-labelledby={`${id}-title`}>
        <title id={`${id}-title`}>{`${title}（数据见下表）`}</title>
        <Axis top={top} />
        {bars.map((b) => (
          <rect key={`${b.series}-${b.index}`} x={b.x} y={b.y} width={Math.max(0.5, b.width)} height={b.height} fill={series[b.series]!.color} />
        ))}
        <XLabels labels={labels.map(shortMonth)} />
      </svg>
      <figcaption className="mt-1 flex flex-wrap gap-x-4 text-sm text-slate-700">
        {series.map((s) => (
          <span key={s.name} className="inline-flex items-center gap-1">
            <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm" style={{ background: s.color }} />
            {s.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** A rate (0..1) per month as a line with dots; months without cases leave a gap. */
export function RateLineChart({ id, title, labels, values, color }: { id: string; title: string; labels: string[]; values: (number | null)[]; color: string }) {
  const slot = (BOX.width - BOX.left - BOX.right) / Math.max(1, values.length);
  return (
    <figure className="m-0">
      <svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} className="h-auto w-full" role="img" aria-labelledby={`${id}-title`}>
        <title id={`${id}-title`}>{`${title}（数据见下表）`}</title>
        <Axis top={1} format={(v) => `${Math.round(v * 100)}%`} />
        <path d={linePath(values, 1)} fill="none" stroke={color} strokeWidth="2" />
        {values.map((v, i) => (v === null ? null : <circle key={i} cx={BOX.left + slot * (i + 0.5)} cy={yOf(v, 1)} r="3" fill={color} />))}
        <XLabels labels={labels.map(shortMonth)} />
      </svg>
    </figure>
  );
}

/** Ranked horizontal bars as plain HTML rows: the label wraps on a phone, the bar keeps its scale. */
export function BarList({ items, color, unit = '件' }: { items: { label: string; value: number }[]; color: string; unit?: string }) {
  const { widths } = barWidths(
    items.map((i) => i.value),
    100,
  );
  return (
    <ul className="space-y-2" aria-hidden="true">
      {items.map((item, i) => (
        <li key={item.label} className="text-sm">
          <div className="flex justify-between gap-2">
            <span className="wrap-anywhere">{item.label}</span>
            <span className="whitespace-nowrap tabular-nums">
              {item.value} {unit}
            </span>
          </div>
          <svg viewBox="0 0 100 4" preserveAspectRatio="none" className="mt-0.5 h-2 w-full">
            <rect x="0" y="0" width="100" height="4" fill="#f1f5f9" />
            <rect x="0" y="0" width={widths[i]} height="4" fill={color} />
          </svg>
        </li>
      ))}
    </ul>
  );
}

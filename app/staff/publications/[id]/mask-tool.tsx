'use client';

import { useRef, useState, type PointerEvent } from 'react';
import type { MaskRect, MaskRowText } from '@/lib/domain/publication';

type Rect = { x: number; y: number; w: number; h: number };
type Row = { x: string; y: string; w: string; h: string };
const ROWS_WITHOUT_JS = 4;
const KEYS = ['x', 'y', 'w', 'h'] as const;
const EMPTY: Row = { x: '', y: '', w: '', h: '' };
/** A drag shorter than this (image pixels) is a click, not a rectangle. */
const MIN_DRAG = 4;

const filled = (r: Row | undefined) => !!r && KEYS.some((k) => r[k].trim() !== '');
function rectOf(r: Row | undefined): Rect | null {
  if (!r) return null;
  const [x, y, w, h] = KEYS.map((k) => (r[k].trim() === '' ? NaN : Number(r[k])));
  return [x, y, w, h].every(Number.isFinite) && w! > 0 && h! > 0 ? { x: x!, y: y!, w: w!, h: h! } : null;
}

/**
 * The privacy tool's browser half: drag on the photo to draw rectangles over faces, plates, phone numbers
 * and door numbers, or type them. The numeric x/y/w/h inputs (image pixels) are what the form sends, so it
 * works without JavaScript too. The rectangles saved last are filled in again, so saving twice keeps them;
 * a drawn rectangle goes into the first empty row and never over one being typed; a refused save comes back
 * with the rows as they were typed.
 */
export function MaskTool({
  src,
  width,
  height,
  max,
  processed,
  saved,
  typed,
}: {
  src: string;
  width: number;
  height: number;
  max: number;
  processed: boolean;
  saved: MaskRect[] | null;
  /** The rows of a refused save, as typed: they win over the saved ones. */
  typed: MaskRowText[] | null;
}) {
  const [rows, setRows] = useState<Row[]>(() =>
    typed ? typed.map(([x, y, w, h]) => ({ x, y, w, h })) : (saved ?? []).map((m) => ({ x: String(m.x), y: String(m.y), w: String(m.width), h: String(m.height) })),
  );
  const [drag, setDrag] = useState<Rect | null>(null);
  const [hint, setHint] = useState('');
  const box = useRef<HTMLDivElement>(null);
  const start = useRef<{ x: number; y: number } | null>(null);
  const used = rows.filter(filled).length;

  const toImage = (e: PointerEvent) => {
    const r = box.current!.getBoundingClientRect();
    const x = Math.round(((e.clientX - r.left) / r.width) * width);
    const y = Math.round(((e.clientY - r.top) / r.height) * height);
    return { x: Math.min(width, Math.max(0, x)), y: Math.min(height, Math.max(0, y)) };
  };
  const onDown = (e: PointerEvent<HTMLDivElement>) => {
    if (used >= max) {
      setHint(`最多 ${max} 个框：请先删除一个。`);
      return;
    }
    e.currentTarget.setPointerCapture(e.pointerId);
    start.current = toImage(e);
    setDrag({ ...start.current, w: 0, h: 0 });
  };
  const onMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!start.current) return;
    const p = toImage(e);
    const s = start.current;
    setDrag({ x: Math.min(s.x, p.x), y: Math.min(s.y, p.y), w: Math.abs(p.x - s.x), h: Math.abs(p.y - s.y) });
  };
  const onUp = () => {
    if (drag && drag.w >= MIN_DRAG && drag.h >= MIN_DRAG) {
      const row = { x: String(drag.x), y: String(drag.y), w: String(drag.w), h: String(drag.h) };
      setRows((rs) => {
        const free = rs.findIndex((r) => !filled(r));
        return free === -1 ? [...rs, row] : rs.map((r, i) => (i === free ? row : r));
      });
      setHint('');
    } else if (drag) {
      setHint('框太小：请按住鼠标（或手指）拖动，框住要打码的区域。');
    }
    start.current = null;
    setDrag(null);
  };
  const edit = (i: number, k: (typeof KEYS)[number], value: string) =>
    setRows((rs) => {
      const next = [...rs];
      while (next.length <= i) next.push(EMPTY);
      next[i] = { ...next[i]!, [k]: value };
      return next;
    });
  const pct = (r: Rect) => ({ left: `${(r.x / width) * 100}%`, top: `${(r.y / height) * 100}%`, width: `${(r.w / width) * 100}%`, height: `${(r.h / height) * 100}%` });
  const shown = Math.min(max, Math.max(ROWS_WITHOUT_JS, rows.length + 1, used + 1));
  const overlays = [...rows.map(rectOf).filter((r): r is Rect => r !== null), ...(drag ? [drag] : [])];

  return (
    <div className="space-y-2">
      <div
        ref={box}
        className="relative max-w-xl cursor-crosshair touch-none select-none"
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerCancel={onUp}
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- a private staff photo, drawn on at its natural aspect */}
        <img src={src} alt="待处理的原图" width={width} height={height} className="block h-auto w-full" draggable={false} />
        {overlays.map((r, i) => (
          <div key={i} className="absolute border-2 border-red-600 bg-red-600/30" style={pct(r)} aria-hidden />
        ))}
      </div>
      <p className="text-sm text-slate-600">
        在照片上拖动画框（照片 {width}×{height} 像素），或直接填写坐标。框内会打上马赛克，公开的只是处理后的照片。
      </p>
      {processed ? (
        <p className="text-sm text-slate-700">
          {saved === null
            ? '这张照片已处理过，但当时的框没有记录：再次保存时只按下面的框打码。'
            : saved.length
              ? `上次保存的 ${saved.length} 个框已填在下面；再次保存时以下面的框为准。`
              : '上次保存时确认无需遮挡。'}
        </p>
      ) : null}
      <p role="status" aria-live="polite" className="text-sm text-red-700">
        {hint}
      </p>
      <table className="text-sm">
        <thead>
          <tr>
            <th className="px-1">#</th>
            <th className="px-1">左 x</th>
            <th className="px-1">上 y</th>
            <th className="px-1">宽</th>
            <th className="px-1">高</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: shown }, (_, i) => {
            const r = rows[i] ?? EMPTY;
            return (
              <tr key={i}>
                <td className="px-1">{i + 1}</td>
                {KEYS.map((k) => (
                  <td key={k} className="px-1">
                    <input
                      name={`${k}${i}`}
                      type="number"
                      min={0}
                      step={1}
                      value={r[k]}
                      onChange={(e) => edit(i, k, e.target.value)}
                      aria-label={`第 ${i + 1} 个框 ${k}`}
                      className="w-20 rounded border border-slate-400 px-1"
                    />
                  </td>
                ))}
                <td className="px-1">
                  {filled(r) ? (
                    <button type="button" className="text-red-700 underline" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
                      删除
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

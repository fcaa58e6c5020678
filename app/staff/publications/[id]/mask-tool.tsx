'use client';

import { useRef, useState, type PointerEvent } from 'react';

type Rect = { x: number; y: number; w: number; h: number };
const ROWS_WITHOUT_JS = 4;

/**
 * The privacy tool's browser half: drag on the photo to draw rectangles over faces, plates, phone numbers
 * and door numbers. It only fills the numeric x/y/w/h inputs (image pixels), which work without JavaScript too.
 */
export function MaskTool({ src, width, height, max }: { src: string; width: number; height: number; max: number }) {
  const [rects, setRects] = useState<Rect[]>([]);
  const [drag, setDrag] = useState<Rect | null>(null);
  const box = useRef<HTMLDivElement>(null);

  const toImage = (e: PointerEvent) => {
    const r = box.current!.getBoundingClientRect();
    const x = Math.round(((e.clientX - r.left) / r.width) * width);
    const y = Math.round(((e.clientY - r.top) / r.height) * height);
    return { x: Math.min(width, Math.max(0, x)), y: Math.min(height, Math.max(0, y)) };
  };
  const start = useRef<{ x: number; y: number } | null>(null);
  const onDown = (e: PointerEvent<HTMLDivElement>) => {
    if (rects.length >= max) return;
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
    if (drag && drag.w >= 4 && drag.h >= 4) setRects((rs) => [...rs, drag]);
    start.current = null;
    setDrag(null);
  };
  const pct = (r: Rect) => ({ left: `${(r.x / width) * 100}%`, top: `${(r.y / height) * 100}%`, width: `${(r.w / width) * 100}%`, height: `${(r.h / height) * 100}%` });
  const rows = Math.min(max, Math.max(ROWS_WITHOUT_JS, rects.length + 1));

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
        {[...rects, ...(drag ? [drag] : [])].map((r, i) => (
          <div key={i} className="absolute border-2 border-red-600 bg-red-600/30" style={pct(r)} aria-hidden />
        ))}
      </div>
      <p className="text-sm text-slate-600">
        在照片上拖动画框（照片 {width}×{height} 像素），或直接填写坐标。框内会打上马赛克，公开的只是处理后的照片。
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
          {Array.from({ length: rows }, (_, i) => {
            const r = rects[i];
            return (
              <tr key={`${i}-${r ? `${r.x},${r.y},${r.w},${r.h}` : ''}`}>
                <td className="px-1">{i + 1}</td>
                {(['x', 'y', 'w', 'h'] as const).map((k) => (
                  <td key={k} className="px-1">
                    <input name={`${k}${i}`} type="number" min={0} step={1} defaultValue={r ? r[k] : ''} aria-label={`第 ${i + 1} 个框 ${k}`} className="w-20 rounded border border-slate-400 px-1" />
                  </td>
                ))}
                <td className="px-1">
                  {r ? (
                    <button type="button" className="text-red-700 underline" onClick={() => setRects((rs) => rs.filter((_, j) => j !== i))}>
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

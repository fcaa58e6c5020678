'use client';

import { useState } from 'react';

/** Average size of one board's PDF + PNG in the ZIP, to turn bytes received into an estimated progress. */
const BYTES_PER_BOARD = 600_000; // measured: 590 MB for 1,000 boards (docs/benchmarks.md)

/** Downloads the streamed ZIP with a progress bar; without JavaScript the link still downloads it. */
export function ExportButton({ href, count }: { href: string; count: number }) {
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function download(event: React.MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    setError(null);
    setProgress(0);
    try {
      const res = await fetch(href);
      if (!res.ok || !res.body) throw new Error(await res.text());
      const total = Number(res.headers.get('x-board-count') ?? count) * BYTES_PER_BOARD;
      const reader = res.body.getReader();
      const chunks: Uint8Array[] = [];
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.length;
        setProgress(Math.min(0.99, received / total));
      }
      const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: 'application/zip' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'signboards.zip';
      a.click();
      URL.revokeObjectURL(url);
      setProgress(1);
    } catch (e) {
      setError(`导出失败：${(e as Error).message || '网络中断'}，请重试。`);
      setProgress(null);
    }
  }

  return (
    <div className="flex items-center gap-3">
      <a href={href} onClick={download} className="rounded bg-brand px-4 py-2 font-semibold text-white">
        批量导出 {count} 块（ZIP：PDF + PNG 预览）
      </a>
      {progress !== null ? (
        <progress max={1} value={progress} aria-label="导出进度" className="w-48">
          {Math.round(progress * 100)}%
        </progress>
      ) : null}
      {progress !== null ? <span>{progress >= 1 ? '完成' : `${Math.round(progress * 100)}%`}</span> : null}
      {error ? (
        <span role="alert" className="text-red-700">
          {error}
        </span>
      ) : null}
    </div>
  );
}

'use client';

import { useRef, useState } from 'react';

interface Problem {
  row: number;
  column?: string;
  text: string;
}
interface Result {
  mode: 'dryrun' | 'import';
  ok: boolean;
  error?: string;
  rowCount: number;
  problemCount: number;
  problems: Problem[];
  summary: string[];
  imported?: number;
}
type Progress = { phase: 'read' | 'check' | 'write'; done: number; total?: number };

const PHASE = { read: '正在读取', check: '正在检查', write: '正在写入' } as const;

/** Upload → dry run (problems by row and column) → import, reading the server's NDJSON progress lines. */
export function ImportPanel({ kinds }: { kinds: { value: string; label: string }[] }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState(kinds[0]!.value);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(mode: 'dryrun' | 'import') {
    const file = fileRef.current?.files?.[0];
    setError(null);
    setResult(null);
    if (!file) return setError('请先选择 .xlsx 文件。');
    const body = new FormData();
    body.set('file', file);
    body.set('mode', mode);
    setBusy(true);
    setProgress({ phase: 'read', done: 0 });
    try {
      const res = await fetch(`/staff/master/import/${kind}`, { method: 'POST', body });
      if (!res.ok || !res.body) return setError((await res.text()) || `上传失败（${res.status}）。`);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = JSON.parse(buffer.slice(0, nl)) as ({ type: 'progress' } & Progress) | ({ type: 'result' } & Result);
          buffer = buffer.slice(nl + 1);
          if (line.type === 'progress') setProgress(line);
          else setResult(line);
        }
      }
    } catch {
      setError('网络中断，结果未知：请刷新列表核对后再试。');
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  return (
    <section aria-labelledby="upload-heading" className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
      <h2 id="upload-heading" className="text-lg font-bold">
        上传台账
      </h2>
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col">
          <span className="font-medium">台账类型</span>
          <select name="kind" value={kind} onChange={(e) => (setKind(e.target.value), setResult(null))} className="mt-1 min-h-10 rounded border-2 border-slate-400 px-2">
            {kinds.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="font-medium">Excel 文件（.xlsx）</span>
          <input ref={fileRef} type="file" name="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={() => setResult(null)} className="mt-1" />
        </label>
        <button type="button" disabled={busy} onClick={() => run('dryrun')} className="min-h-10 rounded bg-slate-800 px-4 text-white disabled:opacity-60">
          试运行
        </button>
        <button
          type="button"
          disabled={busy || !(result?.mode === 'dryrun' && result.ok)}
          onClick={() => run('import')}
          className="min-h-10 rounded bg-brand px-4 text-white disabled:opacity-40"
        >
          导入
        </button>
      </div>
      {progress ? (
        <div role="status" aria-live="polite">
          <p>
            {PHASE[progress.phase]}：{progress.done}
            {progress.total ? ` / ${progress.total}` : ''} 行
          </p>
          <progress className="w-full" max={progress.total ?? undefined} value={progress.total ? progress.done : undefined} />
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="font-semibold text-red-700">
          {error}
        </p>
      ) : null}
      {result ? <ResultView result={result} /> : null}
    </section>
  );
}

function ResultView({ result }: { result: Result }) {
  if (result.error) {
    return (
      <p role="alert" className="font-semibold text-red-700" data-result="failed">
        {result.error}
      </p>
    );
  }
  if (result.mode === 'import' && result.ok) {
    return (
      <div role="status" className="rounded bg-green-50 p-3 text-green-800" data-result="imported">
        已导入 {result.imported} 行：{result.summary.join('；')}。
      </div>
    );
  }
  if (result.ok) {
    return (
      <div role="status" className="rounded bg-green-50 p-3 text-green-800" data-result="clean">
        试运行通过：共 {result.rowCount} 行，没有发现问题。导入后将{result.summary.join('；')}。请点「导入」。
      </div>
    );
  }
  return (
    <div role="alert" className="space-y-2" data-result="problems">
      <p className="font-semibold text-red-700">
        发现 {result.problemCount} 个问题，未写入任何数据。请在 Excel 中改正后重新上传：
        {result.problemCount > result.problems.length ? `（只列出前 ${result.problems.length} 个）` : ''}
      </p>
      <ul className="max-h-96 list-disc space-y-1 overflow-auto pl-6">
        {result.problems.map((p, i) => (
          <li key={i} data-row={p.row} data-column={p.column ?? ''}>
            {p.text}
          </li>
        ))}
      </ul>
    </div>
  );
}

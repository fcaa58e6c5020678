'use client';

import { startTransition, useActionState, useState } from 'react';
import { importAction, type ImportState } from '../actions';

/** Upload a month's 评比表: 试运行 first (every problem by row and column), then 导入 once it is clean. */
export function ImportForm({ month }: { month: string }) {
  const [state, action, pending] = useActionState<ImportState, FormData>(importAction, null);
  const [chosenMonth, setMonth] = useState(month);
  // A new file or month needs a new 试运行 before 导入.
  const [stale, setStale] = useState(true);
  return (
    // Submitted by hand, not through `action`: React resets a form after an action, and the chosen file must
    // stay chosen between 试运行 and 导入.
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
        setStale(false);
        startTransition(() => action(data));
      }}
      className="space-y-3 rounded-lg bg-white p-4 shadow-sm"
    >
      <label className="flex flex-col">
        <span className="font-medium">月份</span>
        <input type="month" name="month" required value={chosenMonth} onChange={(e) => {
          setMonth(e.target.value);
          setStale(true);
        }} className="mt-1 min-h-10 w-48 rounded border-2 border-slate-400 px-2" />
      </label>
      <label className="flex flex-col">
        <span className="font-medium">评比表（.xlsx）</span>
        <input type="file" name="file" required onChange={() => setStale(true)} accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="mt-1" />
      </label>
      <div className="flex gap-3">
        <button type="submit" name="mode" value="dryrun" disabled={pending} className="min-h-11 rounded bg-slate-800 px-5 font-bold text-white disabled:bg-slate-400">
          试运行（不写入）
        </button>
        <button type="submit" name="mode" value="import" disabled={pending || stale || !(state?.ok && state.mode === 'dryrun')} className="min-h-11 rounded bg-blue-800 px-5 font-bold text-white disabled:bg-slate-400">
          导入
        </button>
      </div>
      <p className="text-sm text-slate-700">请先试运行；试运行没有问题后才能导入，导入时重新检查，任何一行有问题都不会写入。</p>
      <div aria-live="polite">
        {pending ? <p>正在处理…</p> : null}
        {state && !pending ? (
          <div data-testid="import-result" className="space-y-2">
            <p className={state.ok ? 'font-bold text-green-800' : 'font-bold text-red-800'}>{state.message}</p>
            {state.summary.length ? (
              <ul className="list-disc pl-6">
                {state.summary.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            ) : null}
            {state.problems.length ? (
              <ol className="list-decimal space-y-1 pl-6 text-red-900">
                {state.problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ol>
            ) : null}
            {state.problemCount > state.problems.length ? <p>另有 {state.problemCount - state.problems.length} 个问题未列出。</p> : null}
          </div>
        ) : null}
      </div>
    </form>
  );
}

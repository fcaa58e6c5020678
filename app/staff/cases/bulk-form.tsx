'use client';

import { useActionState } from 'react';
import { bulkCaseAction, type BulkState } from './actions';

/**
 * The inbox table inside one form: tick cases, then 批量受理 or 批量派遣. Works without JavaScript (a plain
 * post); the answer lists every case that did not go through and why.
 */
export function BulkForm({
  children,
  canAccept,
  canDispatch,
  departments,
  numbers,
}: {
  children: React.ReactNode;
  canAccept: boolean;
  canDispatch: boolean;
  departments: { id: number; name: string }[];
  /** Case id → number, to name the cases in the report. */
  numbers: Record<number, string>;
}) {
  const [state, action, pending] = useActionState<BulkState | null, FormData>(bulkCaseAction, null);
  const failed = state?.results.filter((r) => !r.ok) ?? [];
  return (
    <form action={action} aria-label="案件列表与批量操作" className="space-y-3">
      {canAccept || canDispatch ? (
        <div className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-3 shadow-sm">
          <span className="font-medium">对勾选的案件：</span>
          {canAccept ? (
            <button type="submit" name="bulk" value="accept" disabled={pending} className="min-h-11 rounded bg-blue-800 px-4 font-semibold text-white disabled:opacity-60">
              批量受理
            </button>
          ) : null}
          {canDispatch ? (
            <>
              <label className="flex flex-col">
                <span className="font-medium">派遣给</span>
                <select name="bulkAssignee" defaultValue="chief:auto" className="mt-1 min-h-11 rounded border-2 border-slate-400 bg-white px-2">
                  <option value="chief:auto">各案件所在路段的三级路长</option>
                  {departments.map((d) => (
                    <option key={d.id} value={`department:${d.id}`}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" name="bulk" value="dispatch" disabled={pending} className="min-h-11 rounded bg-blue-800 px-4 font-semibold text-white disabled:opacity-60">
                批量派遣
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      {state ? (
        <div role={failed.length ? 'alert' : 'status'} className={`rounded-lg p-3 ${failed.length ? 'bg-red-50 text-red-900' : 'bg-green-50 text-green-900'}`}>
          <p className="font-semibold">{state.message}</p>
          {failed.length ? (
            <ul className="mt-1 list-disc pl-5">
              {failed.map((r) => (
                <li key={r.id}>
                  {numbers[r.id] ?? `案件 ${r.id}`}：{r.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {children}
    </form>
  );
}

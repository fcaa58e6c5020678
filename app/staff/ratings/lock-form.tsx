'use client';

import { useActionState } from 'react';
import { lockMonthAction, type LockState } from './actions';

/** Locking a month: an explicit confirmation, since a locked month is public and cannot be changed. */
export function LockForm({ streetId, month, monthText, unrated, locked }: { streetId: number; month: string; monthText: string; unrated: number; locked: boolean }) {
  const [state, action, pending] = useActionState<LockState, FormData>(lockMonthAction, null);
  // The lock refreshes the page as locked: stay mounted so the confirmation is still shown (and announced).
  if (locked) {
    return state?.ok ? (
      <p role="status" data-testid="lock-message" className="text-green-800">
        {state.message}
      </p>
    ) : null;
  }
  return (
    <form action={action} className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
      <h2 className="text-lg font-bold">锁定并发布{monthText}评比</h2>
      <p className="text-slate-700">
        锁定后结果正式生效并在红黑榜、商户页面公开，本月不能再评或修改。
        {unrated > 0 ? `还有 ${unrated} 个商户或路段未评，锁定后按「无」计。` : ''}
        请先保存上面的修改。
      </p>
      <input type="hidden" name="streetId" value={streetId} />
      <input type="hidden" name="month" value={month} />
      <label className="flex items-center gap-2">
        <input type="checkbox" name="confirm" value="yes" required />
        确认锁定{monthText}评比
      </label>
      <button type="submit" disabled={pending} className="min-h-11 rounded bg-red-800 px-5 font-bold text-white disabled:bg-slate-400">
        {pending ? '正在锁定…' : '锁定并发布'}
      </button>
      {state ? (
        <p role="status" data-testid="lock-message" className={state.ok ? 'text-green-800' : 'text-red-800'}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

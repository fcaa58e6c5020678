'use client';

import { useActionState } from 'react';
import { unlockMonthAction, type UnlockState } from './actions';

/**
 * Unlocking a locked month (admins): a reason and an explicit confirmation, since the month's flags leave
 * the public pages until it is locked again. The lock it was drawn with travels along, so an old form does
 * not unlock a month someone locked again since.
 */
export function UnlockForm({ streetId, month, monthText, lockedAt, reasonMax }: { streetId: number; month: string; monthText: string; lockedAt: string | null; reasonMax: number }) {
  const [state, action, pending] = useActionState<UnlockState, FormData>(unlockMonthAction, null);
  const reasonError = state && !state.ok ? state.errors?.reason : undefined;
  // The unlock refreshes the page as open: stay mounted so the answer is still shown (and announced).
  if (lockedAt === null) {
    return state?.ok ? (
      <p role="status" data-testid="unlock-message" className="rounded bg-amber-50 p-3 text-green-800">
        {state.message}
      </p>
    ) : null;
  }
  return (
    <form key={state?.seq ?? 0} action={action} aria-labelledby="unlock-title" data-testid="unlock-form" className="space-y-2 rounded-lg border-2 border-amber-600 bg-white p-4 shadow-sm">
      <h2 id="unlock-title" className="text-lg font-bold">
        解锁{monthText}评比
      </h2>
      <p className="text-slate-700">
        仅用于纠正已发布的错误。解锁后本月结果立即从红黑榜、商户页面和路段页面撤下，可以重新评比，修改后需再次锁定发布；再次锁定后申诉期重新计算。有待处理的申诉时不能解锁。
      </p>
      <input type="hidden" name="streetId" value={streetId} />
      <input type="hidden" name="month" value={month} />
      <input type="hidden" name="lockedAt" value={lockedAt} />
      <label className="block">
        <span className="font-medium">解锁原因（必填，记入操作日志）</span>
        <textarea
          name="reason"
          rows={2}
          required
          maxLength={reasonMax}
          defaultValue={state && !state.ok ? (state.reason ?? '') : ''}
          aria-describedby={reasonError ? 'unlock-reason-error' : undefined}
          className="mt-1 block w-full rounded border-2 border-slate-400 p-2"
        />
      </label>
      {reasonError ? (
        <p id="unlock-reason-error" className="font-semibold text-red-700">
          {reasonError}
        </p>
      ) : null}
      <label className="flex items-center gap-2">
        <input type="checkbox" name="confirm" value="yes" required />
        确认解锁{monthText}评比
      </label>
      <button type="submit" disabled={pending} className="min-h-11 rounded bg-amber-700 px-5 font-bold text-white disabled:bg-slate-400">
        {pending ? '正在解锁…' : '解锁'}
      </button>
      {state ? (
        <p role={state.ok ? 'status' : 'alert'} data-testid="unlock-message" className={state.ok ? 'text-green-800' : 'font-semibold text-red-800'}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

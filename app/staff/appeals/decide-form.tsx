'use client';
import { useActionState, type ReactNode } from 'react';
import { decideAppealAction, type DecideState } from './actions';

/**
 * 申诉成立 / 不成立 with the note the merchant will read; `decided` (the decision as the page shows it) once
 * decided. Mounted either way, so the confirmation survives the refresh that follows a decision.
 */
export function DecideForm({ appealId, decided }: { appealId: number; decided: ReactNode }) {
  const [state, action, pending] = useActionState<DecideState, FormData>(decideAppealAction, null);
  if (state?.ok) {
    return (
      <>
        <p role="status" className="mt-2 font-semibold text-green-800">
          {state.message}
        </p>
        {decided}
      </>
    );
  }
  if (decided) return decided;
  return (
    <form action={action} className="mt-3 space-y-2">
      <input type="hidden" name="appealId" value={appealId} />
      <label htmlFor={`note-${appealId}`} className="block font-semibold">
        处理意见（商户会在页面上看到）
      </label>
      <textarea id={`note-${appealId}`} name="note" rows={2} maxLength={500} className="block w-full rounded border-2 border-slate-400 p-2" />
      {state && !state.ok ? (
        <p role="alert" className="font-semibold text-alert">
          {state.message}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="decision" value="upheld" disabled={pending} className="min-h-11 rounded-lg bg-brand px-4 font-bold text-white disabled:opacity-70">
          申诉成立，撤销黑旗
        </button>
        <button type="submit" name="decision" value="rejected" disabled={pending} className="min-h-11 rounded-lg border-2 border-slate-600 px-4 font-bold disabled:opacity-70">
          申诉不成立，维持黑旗
        </button>
      </div>
    </form>
  );
}

'use client';

import { useActionState } from 'react';
import { markPrintedAction } from './actions';

export function MarkPrintedButton({ code, template }: { code: string; template: string }) {
  const [state, action, pending] = useActionState(markPrintedAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="template" value={template} />
      <button type="submit" disabled={pending} className="rounded border border-slate-500 px-3 py-1 disabled:opacity-60">
        {pending ? '记录中…' : '标记为已印制'}
      </button>
      {state && !state.ok ? (
        <span role="alert" className="ml-2 text-red-700">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}

'use client';

import { useActionState } from 'react';
import { issueKeyAction, revokeKeyAction } from './actions';

/** 签发新密钥: the key appears here once, to copy. */
export function IssueKeyForm() {
  const [state, action, pending] = useActionState(issueKeyAction, null);
  return (
    <form action={action} className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
      <h2 className="text-lg font-semibold">签发新密钥</h2>
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1">
          <span>使用方名称</span>
          <input name="name" required maxLength={60} placeholder="如：12345 平台" className="min-h-10 rounded border border-slate-400 px-2" />
        </label>
        <label className="flex flex-col gap-1">
          <span>每小时提交上限</span>
          <input name="ratePerHour" type="number" min={1} max={10000} defaultValue={100} required className="min-h-10 w-32 rounded border border-slate-400 px-2" />
        </label>
        <button type="submit" disabled={pending} className="min-h-10 rounded bg-blue-800 px-4 text-white disabled:opacity-60">
          签发
        </button>
      </div>
      {state ? (
        <div role={state.ok ? 'status' : 'alert'} className={state.ok ? 'space-y-2 text-green-900' : 'font-semibold text-red-700'}>
          <p>{state.message}</p>
          {state.ok ? (
            <p>
              <code className="block break-all rounded bg-slate-100 p-2 text-base text-slate-900" aria-label="新密钥">
                {state.key}
              </code>
            </p>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

/** 吊销 one key. */
export function RevokeKeyButton({ id, name }: { id: number; name: string }) {
  const [state, action, pending] = useActionState(revokeKeyAction, null);
  return (
    <form action={action} className="flex flex-col gap-1">
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} aria-label={`吊销 ${name} 的密钥`} className="min-h-10 rounded border border-red-700 px-3 text-red-800 disabled:opacity-60">
        吊销
      </button>
      {state ? (
        <p role={state.ok ? 'status' : 'alert'} className={state.ok ? 'text-green-800' : 'font-semibold text-red-700'}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

'use client';

import { useActionState } from 'react';
import { userAction } from './actions';

/** One account's 停用/启用 and 强制下线 buttons, each a plain form (works without JavaScript too). */
export function UserButtons({ userId, username, active, self }: { userId: number; username: string; active: boolean; self: boolean }) {
  const [state, action, pending] = useActionState(userAction, null);
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap gap-2">
        {self ? null : (
          <form action={action}>
            <input type="hidden" name="userId" value={userId} />
            <input type="hidden" name="op" value={active ? 'disable' : 'enable'} />
            <button type="submit" disabled={pending} aria-label={`${active ? '停用' : '启用'} ${username}`} className="min-h-10 rounded border border-slate-500 px-3 disabled:opacity-60">
              {active ? '停用' : '启用'}
            </button>
          </form>
        )}
        <form action={action}>
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="op" value="revoke" />
          <button type="submit" disabled={pending} aria-label={`强制下线 ${username}`} className="min-h-10 rounded border border-slate-500 px-3 disabled:opacity-60">
            强制下线
          </button>
        </form>
      </div>
      {state ? (
        <p role={state.ok ? 'status' : 'alert'} className={state.ok ? 'text-green-800' : 'font-semibold text-red-700'}>
          {state.message}
        </p>
      ) : null}
    </div>
  );
}

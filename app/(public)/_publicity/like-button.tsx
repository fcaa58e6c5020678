'use client';

import { useActionState } from 'react';
import { likeAction, type LikeState } from './actions';

/** 点赞 as a plain form (works without JavaScript); with it, the count updates in place. */
export function LikeButton({ id, count }: { id: number; count: number }) {
  const [state, action, pending] = useActionState<LikeState | null, FormData>(likeAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="id" value={id} />
      <button disabled={pending} className="min-h-12 rounded-full bg-brand px-6 text-lg font-semibold text-white hover:bg-brand-dark disabled:opacity-60">
        👍 点赞 <span className="tabular-nums">{state?.count ?? count}</span>
      </button>
      <p role="status" className={state && !state.ok ? 'text-red-700' : 'text-slate-700'}>
        {state?.message}
      </p>
    </form>
  );
}

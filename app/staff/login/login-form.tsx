'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { LOGIN_ERROR_MESSAGE } from '@/lib/auth/messages';

export function LoginForm({ callbackUrl, initialError }: { callbackUrl: string; initialError: string | null }) {
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn('credentials', {
      username: String(form.get('username') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    });
    setPending(false);
    // A full load, not router.push: the 工作台 layout (its role-filtered menu) was rendered for a visitor
    // on this login page, and a soft navigation would keep it.
    if (result?.ok && !result.error) window.location.assign(callbackUrl);
    else setError(LOGIN_ERROR_MESSAGE[result?.error as keyof typeof LOGIN_ERROR_MESSAGE] ?? '登录失败，请稍后重试。');
  }

  return (
    <form onSubmit={onSubmit} className="mt-4 space-y-4">
      <div>
        <label htmlFor="username" className="block font-medium">
          用户名
        </label>
        <input id="username" name="username" required autoComplete="username" maxLength={64} className="mt-1 w-full rounded border-2 border-slate-400 px-3 py-2" />
      </div>
      <div>
        <label htmlFor="password" className="block font-medium">
          密码
        </label>
        <input id="password" name="password" type="password" required autoComplete="current-password" maxLength={256} className="mt-1 w-full rounded border-2 border-slate-400 px-3 py-2" />
      </div>
      {error ? (
        <p role="alert" className="rounded bg-red-50 p-3 text-red-800">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="w-full rounded bg-brand py-3 text-lg font-semibold text-white disabled:opacity-60">
        {pending ? '正在登录…' : '登录'}
      </button>
    </form>
  );
}

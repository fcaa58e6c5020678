'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { MIN_PASSWORD_LENGTH } from '@/lib/domain/password';
import { changePasswordAction } from './actions';

const FIELDS = [
  { name: 'currentPassword', label: '当前密码', autoComplete: 'current-password' },
  { name: 'newPassword', label: '新密码', autoComplete: 'new-password' },
  { name: 'confirmPassword', label: '再次输入新密码', autoComplete: 'new-password' },
] as const;

/** Current password and the new one twice; what was typed stays after a refusal (controlled inputs). */
export function PasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, null);
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', confirmPassword: '' });
  if (state?.ok) {
    return (
      <div className="mt-4 space-y-3">
        <p role="status" className="rounded bg-green-50 p-3 text-green-800">
          {state.message}
        </p>
        <Link href="/staff" className="inline-block rounded bg-brand px-4 py-2 font-semibold text-white">
          进入工作台
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="mt-4 space-y-4">
      {FIELDS.map((f) => {
        const invalid = state && !state.ok && state.field === f.name;
        return (
          <div key={f.name}>
            <label htmlFor={f.name} className="block font-medium">
              {f.label}
            </label>
            <input
              id={f.name}
              name={f.name}
              type="password"
              required
              maxLength={256}
              minLength={f.name === 'currentPassword' ? undefined : MIN_PASSWORD_LENGTH}
              autoComplete={f.autoComplete}
              value={values[f.name]}
              onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
              aria-invalid={invalid || undefined}
              aria-describedby={invalid ? 'password-error' : f.name === 'newPassword' ? 'password-rules' : undefined}
              className={`mt-1 w-full rounded border-2 px-3 py-2 ${invalid ? 'border-red-600' : 'border-slate-400'}`}
            />
          </div>
        );
      })}
      <p id="password-rules" className="text-sm text-slate-700">
        新密码至少 {MIN_PASSWORD_LENGTH} 个字符，不能与用户名或当前密码相同。
      </p>
      {state && !state.ok ? (
        <p id="password-error" role="alert" className="rounded bg-red-50 p-3 text-red-800">
          {state.message}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="w-full rounded bg-brand py-3 text-lg font-semibold text-white disabled:opacity-60">
        {pending ? '正在保存…' : '修改密码'}
      </button>
    </form>
  );
}

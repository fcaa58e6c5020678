'use client';

import { signOut } from 'next-auth/react';

export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: '/staff/login' })} className="rounded border border-slate-400 px-3 py-2">
      退出登录
    </button>
  );
}

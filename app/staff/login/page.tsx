import type { Metadata } from 'next';
import { LOGIN_ERROR_MESSAGE } from '@/lib/auth/messages';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: '登录' };

function safeCallback(raw: string | undefined): string {
  // Only same-site paths: never send a signed-in person to another host.
  return raw && raw.startsWith('/') && !raw.startsWith('//') ? raw : '/staff';
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  const message = error ? (LOGIN_ERROR_MESSAGE[error as keyof typeof LOGIN_ERROR_MESSAGE] ?? '登录失败，请重试。') : null;
  return (
    <div className="mx-auto max-w-sm rounded-xl bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-bold">工作人员登录</h1>
      <LoginForm callbackUrl={safeCallback(callbackUrl)} initialError={message} />
    </div>
  );
}

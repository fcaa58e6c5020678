import Link from 'next/link';

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-3xl font-bold">无权访问</h1>
      <p className="mt-3 text-lg">您的账号没有打开这个页面的权限。如需开通，请联系区城管局管理员。</p>
      <p className="mt-6">
        <Link href="/staff" className="text-lg text-brand underline">
          返回工作台
        </Link>
      </p>
    </main>
  );
}

import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-3xl font-bold">页面不存在</h1>
      <p className="mt-3 text-lg">您要找的页面不存在或已被移除。可以搜索路段或商户：</p>
      <form action="/search" method="get" role="search" className="mt-5 flex gap-2">
        <label htmlFor="nf-search" className="sr-only">
          搜索路段或商户
        </label>
        <input id="nf-search" name="q" type="search" maxLength={50} className="min-h-12 flex-1 rounded-lg border-2 border-slate-400 px-3 text-lg" />
        <button type="submit" className="min-h-12 rounded-lg bg-brand px-4 text-lg font-semibold text-white">
          搜索
        </button>
      </form>
      <p className="mt-6">
        <Link href="/" className="text-lg text-brand underline">
          返回首页
        </Link>
      </p>
    </main>
  );
}

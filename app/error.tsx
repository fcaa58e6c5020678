'use client';

/** Unexpected failures: a plain message and a reference id, never a stack or SQL. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-3xl font-bold">服务暂时不可用</h1>
      <p className="mt-3 text-lg">抱歉，页面加载出错了。请稍后再试；如仍有问题，请拨打监督电话并告知参考编号。</p>
      {error.digest ? <p className="mt-3 font-mono text-base text-slate-700">参考编号：{error.digest}</p> : null}
      <button type="button" onClick={reset} className="mt-6 min-h-12 rounded-lg bg-brand px-6 text-lg font-semibold text-white">
        重试
      </button>
    </main>
  );
}

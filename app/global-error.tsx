'use client';

import './globals.css';

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="zh-CN">
      <body className="font-sans">
        <main className="mx-auto max-w-xl px-4 py-16 text-center">
          <h1 className="text-3xl font-bold">服务暂时不可用</h1>
          <p className="mt-3 text-lg">抱歉，网站出现故障，请稍后再试。</p>
          {error.digest ? <p className="mt-3 font-mono">参考编号：{error.digest}</p> : null}
        </main>
      </body>
    </html>
  );
}

/** An unexpected failure on a script-free 曝光台 / 点赞榜 page: the same plain message as the App Router's app/error.tsx. */
import Head from 'next/head';
import Link from 'next/link';

export const config = { unstable_runtimeJS: false };

export default function ServerError() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <Head>
        <title>服务暂时不可用 · 路长通</title>
      </Head>
      <h1 className="text-3xl font-bold">服务暂时不可用</h1>
      <p className="mt-3 text-lg">抱歉，页面加载出错了。请稍后再试；如仍有问题，请拨打监督电话。</p>
      <p className="mt-6">
        <Link href="/" className="text-lg text-brand underline">
          回到首页
        </Link>
      </p>
    </main>
  );
}

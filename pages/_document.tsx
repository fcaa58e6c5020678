import { Head, Html, Main, NextScript } from 'next/document';

/** The same document the App Router's root layout draws: zh-CN, the site icon, the body classes. */
export default function Document() {
  return (
    <Html lang="zh-CN">
      <Head>
        <link rel="icon" href="/icon.svg" type="image/svg+xml" />
      </Head>
      <body className="min-h-screen font-sans">
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}

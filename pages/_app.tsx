/** The Pages Router's frame (only the script-free 曝光台 / 点赞榜 pages live here): the global styles and viewport. */
import type { AppProps } from 'next/app';
import Head from 'next/head';
import '@/app/globals.css';

export default function App({ Component, pageProps }: AppProps) {
  return (
    <>
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0b5cab" />
      </Head>
      <Component {...pageProps} />
    </>
  );
}

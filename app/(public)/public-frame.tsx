/**
 * The public frame: a plain header and footer that work on any phone, with or without JavaScript. The App
 * Router's public layout and the script-free 曝光台 / 点赞榜 pages (pages/) both draw it.
 */
import Link from 'next/link';
import { SETTING_DEFAULTS } from '@/lib/domain/settings';

export interface FrameSettings {
  'district.name': string;
  'district.hotline': string;
}

export const FRAME_SETTING_KEYS = ['district.name', 'district.hotline'] as const;
export const FRAME_FALLBACK: FrameSettings = { 'district.name': SETTING_DEFAULTS['district.name'], 'district.hotline': SETTING_DEFAULTS['district.hotline'] };

export function PublicFrame({ config, children }: { config: FrameSettings; children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:bg-white focus:p-3">
        跳到正文
      </a>
      <header className="bg-brand text-white">
        <div className="mx-auto flex max-w-3xl items-center justify-between gap-3 px-4 py-3">
          <Link href="/" prefetch={false} className="whitespace-nowrap text-xl font-bold tracking-wide">
            路长通
          </Link>
          <nav aria-label="主要栏目" className="flex flex-wrap justify-end gap-1 text-base">
            <Link href="/report" prefetch={false} className="whitespace-nowrap rounded px-3 py-2 hover:bg-brand-dark">
              随手拍
            </Link>
            <Link href="/track" prefetch={false} className="whitespace-nowrap rounded px-3 py-2 hover:bg-brand-dark">
              查进度
            </Link>
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-5">
        {children}
      </main>
      <footer className="border-t border-slate-200 bg-white">
        <div className="mx-auto max-w-3xl px-4 py-4 text-sm text-slate-700">
          <p>{config['district.name']} · 路长通 · 路长制公众参与平台</p>
          <p>
            监督电话{' '}
            <a className="font-semibold text-brand underline" href={`tel:${config['district.hotline']}`}>
              {config['district.hotline']}
            </a>
          </p>
          <nav aria-label="曝光台和点赞榜" className="mt-1 flex gap-4">
            <Link href="/exposure" prefetch={false} className="text-brand underline">
              曝光台
            </Link>
            <Link href="/praise" prefetch={false} className="text-brand underline">
              点赞榜
            </Link>
          </nav>
        </div>
      </footer>
    </div>
  );
}

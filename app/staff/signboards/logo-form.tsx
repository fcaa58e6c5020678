'use client';

import { useActionState } from 'react';
import { LOGO_MAX_BYTES } from '@/lib/domain/logo';
import { removeLogoAction, uploadLogoAction, type LogoActionResult } from './actions';

function Message({ state }: { state: LogoActionResult | null }) {
  if (!state) return null;
  return state.ok ? (
    <p role="status" className="text-green-800">
      {state.message}
    </p>
  ) : (
    <p role="alert" className="font-semibold text-red-700">
      {state.error}
    </p>
  );
}

/** 区徽 / 标志: the current logo, an upload form and a remove button; plain forms, so they work without JavaScript. */
export function LogoForm({ preview }: { preview: { src: string; width: number; height: number } | null }) {
  const [uploaded, upload, uploading] = useActionState(uploadLogoAction, null);
  const [removed, remove, removing] = useActionState(removeLogoAction, null);
  return (
    <section aria-labelledby="logo-heading" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
      <h2 id="logo-heading" className="text-lg font-bold">
        区徽 / 标志
      </h2>
      <div className="flex flex-wrap items-center gap-4">
        {preview ? (
          // A data: URI of a small PNG made on the server: next/image has nothing to optimise here.
          // eslint-disable-next-line @next/next/no-img-element
          <img
            src={preview.src}
            width={preview.width}
            height={preview.height}
            alt="当前区徽"
            className="max-h-24 w-auto rounded border border-slate-300 bg-[repeating-conic-gradient(#e2e8f0_0_25%,#fff_0_50%)] bg-[length:16px_16px] p-1"
          />
        ) : (
          <p className="text-slate-700">尚未设置区徽：公示牌页眉只显示标题。</p>
        )}
        {preview ? (
          <form action={remove}>
            <button type="submit" disabled={removing} className="min-h-10 rounded border border-slate-500 px-3 disabled:opacity-60">
              {removing ? '移除中…' : '移除区徽'}
            </button>
          </form>
        ) : null}
      </div>
      <form action={upload} className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col">
          <span className="font-medium">上传新区徽</span>
          <input
            type="file"
            name="logo"
            required
            accept="image/png,image/jpeg,image/webp"
            aria-describedby="logo-hint"
            className="mt-1 min-h-10"
            onChange={(event) => {
              // Early word in the browser; the server judges the bytes again either way.
              const file = event.currentTarget.files?.[0];
              event.currentTarget.setCustomValidity(file && file.size > LOGO_MAX_BYTES ? '文件太大：区徽图片不能超过 2 MB。' : '');
            }}
          />
        </label>
        <button type="submit" disabled={uploading} className="min-h-10 rounded bg-slate-800 px-4 text-white disabled:opacity-60">
          {uploading ? '上传中…' : '上传区徽'}
        </button>
      </form>
      <p id="logo-hint" className="text-sm text-slate-700">
        PNG（可带透明背景）、JPEG 或 WebP，不超过 2 MB、2500 万像素；会缩到 1024 像素以内并去掉元数据。显示在公示牌页眉标题左侧。更换或移除后，所有已印制的公示牌都会显示为“已过期”。
      </p>
      <Message state={uploaded} />
      <Message state={removed} />
    </section>
  );
}

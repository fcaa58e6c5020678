'use client';

import { useActionState } from 'react';
import { casePublicForm, type CaseActionState } from './actions';

export interface PublicView {
  isPublic: boolean;
  /** Why it cannot be marked public now (open case, a number in the description…); null when it can. */
  refusal: string | null;
  publicParts: readonly string[];
  neverParts: readonly string[];
  description: string;
  address: string | null;
  hasLocation: boolean;
  /** The 处置后 photos that would be public, as staff thumbnail URLs. */
  photos: string[];
}

/**
 * 公开 / 取消公开 on the case page: what becomes public is listed and shown before the confirmation box, and
 * what never does is named. A plain form posting to a server action, so it works without JavaScript.
 */
export function PublicForm({ caseId, version, view }: { caseId: number; version: number; view: PublicView }) {
  const [state, formAction, pending] = useActionState<CaseActionState | null, FormData>(casePublicForm, null);
  const err = (name: string) => (state && !state.ok ? state.errors?.[name] : undefined);
  const id = (name: string) => `public-${caseId}-${name}`;

  return (
    <form key={state?.seq ?? 0} action={formAction} aria-labelledby={id('title')} data-action="public" className="space-y-3 rounded-lg border border-slate-300 bg-white p-4">
      <h3 id={id('title')} className="text-lg font-bold">
        {view.isPublic ? '取消公开' : '公开'}
      </h3>
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <input type="hidden" name="target" value={view.isPublic ? 'private' : 'public'} />

      {view.isPublic ? (
        <p>本案已公开：问题描述、地址和处置后照片在 Open311 接口和开放数据中可见。取消后不再对外提供（已下载的开放数据文件无法收回）。</p>
      ) : view.refusal ? (
        <p role="note" data-testid="public-refusal" className="rounded border-l-4 border-amber-600 bg-amber-50 p-2">
          {view.refusal}
        </p>
      ) : (
        <>
          <div>
            <p className="font-medium">公开后，以下内容将在 Open311 接口和开放数据中对外提供：</p>
            <ul className="ml-5 list-disc">
              {view.publicParts.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
            <p className="mt-1 font-medium">始终不公开：{view.neverParts.join('、')}。</p>
          </div>
          <div className="rounded bg-slate-100 p-2 text-sm" data-testid="public-preview">
            <p className="whitespace-pre-wrap">
              <span className="font-semibold">问题描述：</span>
              {view.description}
            </p>
            <p>
              <span className="font-semibold">地址：</span>
              {view.address || '（未填写）'}
              {view.hasLocation ? '（含定位）' : ''}
            </p>
            <p className="font-semibold">处置后照片 {view.photos.length} 张{view.photos.length === 0 ? '（无照片可公开）' : '：'}</p>
            {view.photos.length ? (
              <ul className="mt-1 flex flex-wrap gap-2">
                {view.photos.map((src) => (
                  <li key={src}>
                    {/* A cookie-checked staff route: next/image would fetch it without the session. */}
                    {/* eslint-disable-next-line @next/next/no-img-element */}
                    <img src={src} alt="将公开的处置后照片" className="h-16 w-20 rounded object-cover" />
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
          <label className="flex min-h-11 items-start gap-2">
            <input type="checkbox" name="confirm" value="yes" required className="mt-1 h-5 w-5 shrink-0" aria-describedby={id('confirm-error')} />
            <span>我已核对：问题描述、地址和照片中没有姓名、电话、证件号码、人脸或车牌等个人信息，可以公开。</span>
          </label>
          {err('confirm') ? (
            <p id={id('confirm-error')} className="font-semibold text-red-700">
              {err('confirm')}
            </p>
          ) : null}
        </>
      )}

      {state ? (
        <p role={state.ok ? 'status' : 'alert'} className={state.ok ? 'font-semibold text-green-800' : 'font-semibold text-red-700'}>
          {state.message}
        </p>
      ) : null}
      {view.isPublic || !view.refusal ? (
        <button
          type="submit"
          disabled={pending}
          className={`min-h-11 rounded px-5 font-semibold text-white disabled:opacity-60 ${view.isPublic ? 'bg-slate-700 hover:bg-slate-800' : 'bg-green-800 hover:bg-green-900'}`}
        >
          {pending ? '提交中…' : view.isPublic ? '取消公开' : '确认公开'}
        </button>
      ) : null}
    </form>
  );
}

'use client';

import { useActionState } from 'react';
import { createCaseAction, type NewCaseState } from './actions';
import { DESCRIPTION_MAX } from '@/lib/domain/report-form';

const field = 'mt-1 block w-full min-h-11 rounded border-2 border-slate-400 bg-white px-2 text-base';

function Err({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p id={id} className="mt-1 font-semibold text-red-700">
      {text}
    </p>
  ) : null;
}

/** The 巡查/热线 form: a plain multipart form (works without JavaScript) that keeps what was typed after a refusal. */
export function NewCaseForm({
  categories,
  segments,
  sources,
  canSelfHandle,
}: {
  categories: { code: string; name: string }[];
  segments: { code: string; name: string }[];
  sources: ('patrol' | 'hotline')[];
  canSelfHandle: boolean;
}) {
  const [state, action, pending] = useActionState<NewCaseState | null, FormData>(createCaseAction, null);
  const v = (k: string, d = '') => state?.values[k] ?? d;
  const e = (k: string) => state?.errors?.[k];
  return (
    <form key={state?.seq ?? 0} action={action} className="max-w-2xl space-y-4 rounded-lg bg-white p-4 shadow-sm">
      <fieldset>
        <legend className="font-medium">案件来源</legend>
        {sources.map((s) => (
          <label key={s} className="mr-6 inline-flex min-h-11 items-center gap-2">
            <input type="radio" name="source" value={s} defaultChecked={v('source', sources[0]) === s} className="h-5 w-5" />
            {s === 'patrol' ? '巡查发现' : '热线来电'}
          </label>
        ))}
      </fieldset>
      <label className="block">
        <span className="font-medium">问题类型</span>
        <select name="categoryCode" required defaultValue={v('categoryCode')} className={field} aria-describedby="new-category-error">
          <option value="">请选择</option>
          {categories.map((c) => (
            <option key={c.code} value={c.code}>
              {c.code} {c.name}
            </option>
          ))}
        </select>
        <Err id="new-category-error" text={e('categoryCode')} />
      </label>
      <label className="block">
        <span className="font-medium">路段（巡查必填）</span>
        <select name="segmentCode" defaultValue={v('segmentCode')} className={field} aria-describedby="new-segment-error">
          <option value="">请选择</option>
          {segments.map((s) => (
            <option key={s.code} value={s.code}>
              {s.code} {s.name}
            </option>
          ))}
        </select>
        <Err id="new-segment-error" text={e('segmentCode')} />
      </label>
      <label className="block">
        <span className="font-medium">问题描述</span>
        <textarea name="description" required maxLength={DESCRIPTION_MAX} rows={3} defaultValue={v('description')} className="mt-1 block w-full rounded border-2 border-slate-400 p-2" aria-describedby="new-description-error" />
        <Err id="new-description-error" text={e('description')} />
      </label>
      <label className="block">
        <span className="font-medium">详细地址（选填）</span>
        <input name="address" maxLength={200} defaultValue={v('address')} className={field} />
      </label>
      <fieldset className="grid grid-cols-2 gap-3">
        <legend className="font-medium">坐标（选填，WGS84）</legend>
        <label>
          <span>纬度</span>
          <input name="lat" inputMode="decimal" defaultValue={v('lat')} className={field} aria-describedby="new-lat-error" />
          <Err id="new-lat-error" text={e('lat')} />
        </label>
        <label>
          <span>经度</span>
          <input name="lng" inputMode="decimal" defaultValue={v('lng')} className={field} aria-describedby="new-lng-error" />
          <Err id="new-lng-error" text={e('lng')} />
        </label>
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="font-medium">来电人（热线，仅工作人员可见）</legend>
        <label>
          <span>姓名</span>
          <input name="reporterName" maxLength={50} defaultValue={v('reporterName')} className={field} aria-describedby="new-name-error" />
          <Err id="new-name-error" text={e('reporterName')} />
        </label>
        <label>
          <span>电话</span>
          <input name="reporterPhone" type="tel" maxLength={20} defaultValue={v('reporterPhone')} className={field} aria-describedby="new-phone-error" />
          <Err id="new-phone-error" text={e('reporterPhone')} />
        </label>
      </fieldset>
      <label className="block">
        <span className="font-medium">现场照片（选填，可拍照）</span>
        <input type="file" name="report" accept="image/*" capture="environment" multiple className="mt-1 block min-h-11 w-full" />
      </label>
      {canSelfHandle ? (
        <fieldset className="space-y-2 rounded border border-slate-300 p-3">
          <legend className="font-medium">自行处置（巡查时已当场解决）</legend>
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" name="selfHandled" value="1" defaultChecked={v('selfHandled') === '1'} className="h-5 w-5" />
            已自行处置，直接进入待核查
          </label>
          <label className="block">
            <span>处置前照片</span>
            <input type="file" name="before" accept="image/*" capture="environment" multiple className="mt-1 block min-h-11 w-full" />
          </label>
          <label className="block">
            <span>处置后照片</span>
            <input type="file" name="after" accept="image/*" capture="environment" multiple className="mt-1 block min-h-11 w-full" aria-describedby="new-photos-error" />
          </label>
        </fieldset>
      ) : null}
      <Err id="new-photos-error" text={e('photos')} />
      <label className="block">
        <span className="font-medium">内部备注（选填）</span>
        <textarea name="note" maxLength={1000} rows={2} defaultValue={v('note')} className="mt-1 block w-full rounded border-2 border-slate-400 p-2" />
      </label>
      {state ? (
        <p role="alert" className="font-semibold text-red-700">
          {state.message}
          {state.errors?.source ? ` ${state.errors.source}` : ''}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="min-h-11 rounded bg-blue-800 px-5 font-semibold text-white disabled:opacity-60">
        {pending ? '提交中…' : '登记案件'}
      </button>
    </form>
  );
}

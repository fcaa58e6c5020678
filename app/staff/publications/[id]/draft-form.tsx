'use client';

import { useActionState } from 'react';
import { saveDraftAction, type DraftState } from '../actions';

const INPUT = 'mt-1 block w-full rounded border border-slate-400 px-3 py-2 text-base disabled:border-slate-300 disabled:bg-slate-100 disabled:text-slate-700';

export interface DraftValues {
  title: string;
  body: string;
  tags: string;
  streetId: string;
  month: string;
}

/** The draft's text fields. The version travels with the form, so a save over someone else's newer save is refused. */
export function DraftForm({ id, version, initial, streets, disabled }: { id: number; version: number; initial: DraftValues; streets: { id: number; name: string }[]; disabled: boolean }) {
  const [state, action, pending] = useActionState<DraftState | null, FormData>(saveDraftAction, null);
  const v = { ...initial, ...(state && !state.ok ? state.values : {}) };
  const err = state && !state.ok ? (state.errors ?? {}) : {};
  // 已保存 belongs to the version this form saved; once another change (a photo's masks) moved the entry on, it is old news.
  const message = state?.ok && state.version !== version ? '' : state?.message;
  return (
    <form action={action} key={state?.seq ?? 0} className="space-y-3" aria-describedby="draft-status">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="expectedVersion" value={state?.ok && state.version ? state.version : version} />
      <label className="block">
        标题
        <input name="title" defaultValue={v.title} maxLength={80} className={INPUT} disabled={disabled} aria-invalid={!!err.title} aria-describedby="title-err" />
        {err.title ? (
          <span id="title-err" className="text-red-700">
            {err.title}
          </span>
        ) : null}
      </label>
      <label className="block">
        正文
        <textarea name="body" defaultValue={v.body} rows={12} className={`${INPUT} font-mono`} disabled={disabled} aria-invalid={!!err.body} aria-describedby="body-help body-err" />
        <span id="body-help" className="text-sm text-slate-600">
          空一行分段；「## 」开头为小标题，「- 」开头为列表，「&gt; 」开头为引用，**文字** 为加粗。不支持网页代码。不要写个人姓名和电话。
        </span>
        {err.body ? (
          <span id="body-err" className="block text-red-700">
            {err.body}
          </span>
        ) : null}
      </label>
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="block">
          标签（逗号或空格分隔）
          <input name="tags" defaultValue={v.tags} className={INPUT} disabled={disabled} />
          {err.tags ? <span className="text-red-700">{err.tags}</span> : null}
        </label>
        <label className="block">
          街道
          <select name="streetId" defaultValue={v.streetId} className={INPUT} disabled={disabled}>
            <option value="">（不限）</option>
            {streets.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          归入月份
          <input name="month" type="month" defaultValue={v.month} className={INPUT} disabled={disabled} />
        </label>
      </div>
      <div className="flex items-center gap-3">
        <button disabled={disabled || pending} className="rounded bg-slate-900 px-4 py-2 font-semibold text-white disabled:opacity-50">
          {pending ? '保存中…' : '保存草稿'}
        </button>
        <p id="draft-status" role="status" className={state?.ok ? 'text-green-800' : 'text-red-700'}>
          {message}
        </p>
      </div>
      {disabled ? <p className="text-sm text-slate-700">只有草稿可以修改文字：待审核的请先退回修改，已发布的请先撤下。</p> : null}
    </form>
  );
}

'use client';
/**
 * The reporter's rating (1–5 stars as large radio buttons, optional comment) and 问题未解决 forms. Each
 * stays mounted whatever the case's state, so its answer is still shown after the page data refreshes.
 * Plain forms posting to server actions: they work without JavaScript.
 */
import { useActionState } from 'react';
import { COMMENT_MAX, REOPEN_REASON_MAX, TRACK_FIELDS } from '@/lib/domain/track-fields';
import { rateAction, reopenAction } from './actions';
import type { CitizenFormState } from './form-state';

const STAR_WORDS = ['很不满意', '不满意', '一般', '满意', '非常满意'] as const;
const TEXTAREA = 'mt-1 block w-full rounded-lg border-2 border-slate-500 bg-white p-3 text-lg focus:border-brand aria-invalid:border-alert';
const BUTTON = 'min-h-14 w-full rounded-xl bg-brand px-4 text-xl font-bold text-white hover:bg-brand-dark disabled:opacity-70';

function Message({ id, state }: { id: string; state: CitizenFormState }) {
  if (!state.message) return null;
  return state.ok ? (
    <p id={id} role="status" className="rounded-lg border-2 border-green-700 bg-green-50 p-3 text-lg font-semibold text-green-900">
      {state.message}
    </p>
  ) : (
    <p id={id} role="alert" className="rounded-lg border-2 border-alert bg-red-50 p-3 text-lg font-semibold text-alert">
      {state.message}
    </p>
  );
}

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p id={id} className="mt-1 text-lg font-semibold text-alert">
      {text}
    </p>
  ) : null;
}

export function Stars({ value }: { value: number }) {
  return (
    <span>
      <span aria-hidden="true" className="text-2xl tracking-wider text-amber-600">
        {'★'.repeat(value)}
        <span className="text-slate-400">{'★'.repeat(5 - value)}</span>
      </span>{' '}
      {value} 星（{STAR_WORDS[value - 1]}）
    </span>
  );
}

export function RatingSection({ number, version, canRate, satisfaction }: { number: string; version: number; canRate: boolean; satisfaction: number | null }) {
  const [state, action, pending] = useActionState(rateAction.bind(null, number), {});
  if (!canRate && !state.message && satisfaction === null) return null;
  const errors = state.errors ?? {};
  return (
    <section aria-labelledby="rate-title" className="space-y-3">
      <h2 id="rate-title" className="text-2xl font-bold">
        评价办理结果
      </h2>
      <Message id="rate-message" state={state} />
      {satisfaction !== null ? (
        <p className="text-lg">
          您的评价：<Stars value={satisfaction} />
        </p>
      ) : null}
      {canRate ? (
        <form action={action} className="space-y-4">
          <input type="hidden" name={TRACK_FIELDS.version} value={version} />
          <fieldset aria-describedby={errors.stars ? 'stars-error' : undefined}>
            <legend className="text-xl font-bold">您对办理结果满意吗？（必选）</legend>
            <div className="mt-2 grid grid-cols-1 gap-2">
              {STAR_WORDS.map((word, i) => (
                <label
                  key={word}
                  className="flex min-h-14 cursor-pointer items-center gap-3 rounded-lg border-2 border-slate-300 bg-white px-3 text-lg has-checked:border-brand has-checked:bg-blue-50"
                >
                  <input
                    type="radio"
                    name={TRACK_FIELDS.stars}
                    value={i + 1}
                    defaultChecked={state.values?.stars === String(i + 1)}
                    className="size-7 shrink-0 accent-brand"
                  />
                  <span aria-hidden="true" className="text-2xl tracking-wider text-amber-600">
                    {'★'.repeat(i + 1)}
                  </span>
                  <span className="font-semibold">
                    {i + 1} 星 · {word}
                  </span>
                </label>
              ))}
            </div>
            <FieldError id="stars-error" text={errors.stars} />
          </fieldset>
          <div>
            <label htmlFor="rate-comment" className="block text-xl font-bold">
              想说的话（选填，最多 {COMMENT_MAX} 字）
            </label>
            <textarea
              id="rate-comment"
              name={TRACK_FIELDS.comment}
              rows={3}
              maxLength={COMMENT_MAX}
              defaultValue={state.values?.comment ?? ''}
              aria-invalid={errors.comment ? true : undefined}
              aria-describedby={errors.comment ? 'comment-error' : undefined}
              className={TEXTAREA}
            />
            <FieldError id="comment-error" text={errors.comment} />
          </div>
          <FieldError id="version-error" text={errors.version} />
          <button type="submit" disabled={pending} className={BUTTON}>
            {pending ? '正在提交…' : '提交评价'}
          </button>
        </form>
      ) : null}
    </section>
  );
}

export function ReopenSection({
  number,
  version,
  allowed,
  until,
  windowDays,
}: {
  number: string;
  version: number;
  allowed: boolean;
  until: string | null;
  windowDays: number;
}) {
  const [state, action, pending] = useActionState(reopenAction.bind(null, number), {});
  if (!allowed && !state.message && !until) return null;
  const errors = state.errors ?? {};
  return (
    <section aria-labelledby="reopen-title" className="space-y-3">
      <h2 id="reopen-title" className="text-2xl font-bold">
        问题没有解决？
      </h2>
      <Message id="reopen-message" state={state} />
      {allowed ? (
        <form action={action} className="space-y-4">
          <p className="text-lg text-slate-800">
            办结后 {windowDays} 天内（{until} 前）可以告诉我们，案件会重新交给指挥中心处理。
          </p>
          <input type="hidden" name={TRACK_FIELDS.version} value={version} />
          <div>
            <label htmlFor="reopen-reason" className="block text-xl font-bold">
              哪里还没有解决？（必填，最多 {REOPEN_REASON_MAX} 字）
            </label>
            <textarea
              id="reopen-reason"
              name={TRACK_FIELDS.reason}
              rows={4}
              maxLength={REOPEN_REASON_MAX}
              defaultValue={state.values?.reason ?? ''}
              aria-invalid={errors.reason ? true : undefined}
              aria-describedby={errors.reason ? 'reason-error' : undefined}
              className={TEXTAREA}
            />
            <FieldError id="reason-error" text={errors.reason} />
          </div>
          <FieldError id="reopen-version-error" text={errors.version} />
          <button type="submit" disabled={pending} className="min-h-14 w-full rounded-xl border-2 border-alert bg-white px-4 text-xl font-bold text-alert hover:bg-red-50 disabled:opacity-70">
            {pending ? '正在提交…' : '问题未解决，请重新处理'}
          </button>
        </form>
      ) : !state.ok && until ? (
        <p className="text-lg text-slate-800">已超过办结后 {windowDays} 天，不能在网上反映问题未解决。如问题仍在，请重新随手拍反映或拨打监督电话。</p>
      ) : null}
    </section>
  );
}

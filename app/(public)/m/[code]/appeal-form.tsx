'use client';
/** The 申诉 form: which month, the 责任书编号 or 统一社会信用代码, why, photos. Works without JavaScript. */
import { useActionState } from 'react';
import { appealAction } from './actions';
import type { AppealFormState } from './appeal-state';

const INPUT = 'mt-1 block w-full rounded-lg border-2 border-slate-500 bg-white px-3 text-lg focus:border-brand aria-invalid:border-alert';

export function AppealForm({ merchantCode, months, maxPhotos }: { merchantCode: string; months: { ratingId: number; label: string }[]; maxPhotos: number }) {
  const initial: AppealFormState = {
    merchantCode,
    values: { ratingId: String(months[0]?.ratingId ?? ''), identity: '', statement: '', contactName: '', contactPhone: '' },
    message: null,
    errors: {},
  };
  const [state, action, pending] = useActionState(appealAction, initial);
  const { values, errors, message } = state;
  const err = (name: keyof typeof errors, id: string) =>
    errors[name] ? (
      <p id={id} className="mt-1 text-lg font-semibold text-alert">
        {errors[name]}
      </p>
    ) : null;
  return (
    <form action={action} className="mt-3 space-y-4">
      {message ? (
        <p role="alert" className="rounded-lg border-2 border-alert bg-red-50 p-3 text-lg font-semibold text-alert">
          {message}
        </p>
      ) : null}
      <div>
        <label htmlFor="appeal-month" className="block text-lg font-bold">
          申诉的月份
        </label>
        <select id="appeal-month" name="ratingId" defaultValue={values.ratingId} className={`${INPUT} min-h-12`} aria-invalid={errors.ratingId ? true : undefined} aria-describedby={errors.ratingId ? 'appeal-month-error' : undefined}>
          {months.map((m) => (
            <option key={m.ratingId} value={m.ratingId}>
              {m.label}
            </option>
          ))}
        </select>
        {err('ratingId', 'appeal-month-error')}
      </div>
      <div>
        <label htmlFor="appeal-identity" className="block text-lg font-bold">
          责任书编号或统一社会信用代码
        </label>
        <p id="appeal-identity-hint" className="text-base text-slate-700">
          责任书上的 8 位编号（如 AB3D-7KXM），或营业执照上的 18 位代码
        </p>
        <input
          id="appeal-identity"
          name="identity"
          defaultValue={values.identity}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={40}
          className={`${INPUT} min-h-12 tracking-wide`}
          aria-invalid={errors.identity ? true : undefined}
          aria-describedby={errors.identity ? 'appeal-identity-hint appeal-identity-error' : 'appeal-identity-hint'}
        />
        {err('identity', 'appeal-identity-error')}
      </div>
      <div>
        <label htmlFor="appeal-statement" className="block text-lg font-bold">
          申诉理由
        </label>
        <textarea
          id="appeal-statement"
          name="statement"
          defaultValue={values.statement}
          rows={5}
          maxLength={1000}
          className={`${INPUT} py-2`}
          aria-invalid={errors.statement ? true : undefined}
          aria-describedby={errors.statement ? 'appeal-statement-error' : undefined}
        />
        {err('statement', 'appeal-statement-error')}
      </div>
      <div>
        <label htmlFor="appeal-photos" className="block text-lg font-bold">
          照片（可选，最多 {maxPhotos} 张）
        </label>
        <input id="appeal-photos" name="photos" type="file" accept="image/*" multiple className="mt-1 block w-full text-lg" aria-describedby={errors.photos ? 'appeal-photos-error' : undefined} />
        {err('photos', 'appeal-photos-error')}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="appeal-contact" className="block text-lg font-bold">
            联系人（可选，不公开）
          </label>
          <input id="appeal-contact" name="contactName" defaultValue={values.contactName} maxLength={30} className={`${INPUT} min-h-12`} aria-invalid={errors.contactName ? true : undefined} />
          {err('contactName', 'appeal-contact-error')}
        </div>
        <div>
          <label htmlFor="appeal-phone" className="block text-lg font-bold">
            联系电话（可选，不公开）
          </label>
          <input id="appeal-phone" name="contactPhone" type="tel" defaultValue={values.contactPhone} maxLength={20} className={`${INPUT} min-h-12`} aria-invalid={errors.contactPhone ? true : undefined} />
          {err('contactPhone', 'appeal-phone-error')}
        </div>
      </div>
      <button type="submit" disabled={pending} className="min-h-14 w-full rounded-xl bg-brand px-4 text-xl font-bold text-white hover:bg-brand-dark disabled:opacity-70">
        {pending ? '正在提交…' : '提交申诉'}
      </button>
    </form>
  );
}

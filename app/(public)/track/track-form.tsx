'use client';
/**
 * The lookup form: case number plus the lookup code, or the phone's last 4 digits. A plain form posting
 * to a server action, so it works before (or without) JavaScript; what was typed stays on refusal.
 */
import { useActionState } from 'react';
import { TRACK_FIELDS } from '@/lib/domain/track-fields';
import { lookupAction } from './actions';
import type { LookupState } from './lookup-state';

const INPUT =
  'mt-1 block min-h-14 w-full rounded-lg border-2 border-slate-500 bg-white px-3 text-xl tracking-wide placeholder:text-slate-600 focus:border-brand aria-invalid:border-alert';

export function TrackForm({ initial }: { initial: LookupState }) {
  const [state, action, pending] = useActionState(lookupAction, initial);
  const { values, errors = {}, message } = state;
  return (
    <form action={action} className="space-y-5" aria-describedby={message ? 'track-message' : undefined}>
      {message ? (
        <p id="track-message" role="alert" className="rounded-lg border-2 border-alert bg-red-50 p-3 text-lg font-semibold text-alert">
          {message}
        </p>
      ) : null}
      <Field
        id="track-number"
        name={TRACK_FIELDS.number}
        label="案件编号"
        hint="回执上的编号，如 20261122-0042（短横线可不输）"
        error={errors.number}
        defaultValue={values.number}
        inputMode="numeric"
        maxLength={40}
      />
      <Field
        id="track-code"
        name={TRACK_FIELDS.code}
        label="查询码"
        hint="回执上的 6 位查询码，字母不分大小写"
        error={errors.code}
        defaultValue={values.code}
        inputMode="text"
        autoCapitalize="characters"
        maxLength={20}
      />
      <p className="flex items-center gap-3 text-lg text-slate-700" aria-hidden="true">
        <span className="h-px flex-1 bg-slate-300" />
        或者
        <span className="h-px flex-1 bg-slate-300" />
      </p>
      <Field
        id="track-phone4"
        name={TRACK_FIELDS.phone4}
        label="手机号后 4 位"
        hint="反映问题时留过手机号的，可用它的后 4 位代替查询码"
        error={errors.phone4}
        defaultValue={values.phone4}
        inputMode="numeric"
        maxLength={20}
      />
      <button
        type="submit"
        disabled={pending}
        className="min-h-14 w-full rounded-xl bg-brand px-4 text-xl font-bold text-white hover:bg-brand-dark disabled:opacity-70"
      >
        {pending ? '正在查询…' : '查询'}
      </button>
    </form>
  );
}

function Field({
  id,
  name,
  label,
  hint,
  error,
  defaultValue,
  inputMode,
  autoCapitalize,
  maxLength,
}: {
  id: string;
  name: string;
  label: string;
  hint: string;
  error: string | undefined;
  defaultValue: string;
  inputMode: 'numeric' | 'text';
  autoCapitalize?: string;
  maxLength: number;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-xl font-bold">
        {label}
      </label>
      <p id={`${id}-hint`} className="text-base text-slate-700">
        {hint}
      </p>
      <input
        id={id}
        name={name}
        type="text"
        // React resets the form after the action; the reset puts back this value, which is what was sent.
        defaultValue={defaultValue}
        inputMode={inputMode}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize={autoCapitalize ?? 'off'}
        spellCheck={false}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        className={INPUT}
      />
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-lg font-semibold text-alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

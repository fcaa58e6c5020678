'use client';

import { useActionState } from 'react';
import type { FieldOption } from '@/lib/master/types';
import { saveAction, type FormState } from './actions';

export interface FormField {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'number' | 'date' | 'select';
  required?: boolean;
  hint?: string;
  options?: FieldOption[];
}

const input = 'mt-1 min-h-10 w-full rounded border-2 border-slate-400 px-2 aria-[invalid=true]:border-red-700';

/** One field: label, control, hint and its error, wired for screen readers. */
export function Field({ field, value, error }: { field: FormField; value: string; error?: string }) {
  const id = `f-${field.name}`;
  const described = [field.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, name: field.name, defaultValue: value, required: field.required, 'aria-invalid': Boolean(error), 'aria-describedby': described, className: input };
  return (
    <div>
      <label htmlFor={id} className="font-medium">
        {field.label}
        {field.required ? <span className="text-red-700"> *</span> : null}
      </label>
      {field.kind === 'select' ? (
        <select {...common}>
          <option value="">请选择</option>
          {field.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : field.kind === 'textarea' ? (
        <textarea {...common} rows={3} />
      ) : (
        <input {...common} type={field.kind === 'number' ? 'text' : field.kind} inputMode={field.kind === 'number' ? 'decimal' : undefined} />
      )}
      {field.hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {field.hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-semibold text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The shared create/edit form of every master-data list; a plain form, so it works without JavaScript. */
export function EntityForm({ entity, id, fields, values }: { entity: string; id: string; fields: FormField[]; values: Record<string, string> }) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveAction, null);
  const shown = state?.values ?? values;
  return (
    <form action={action} className="space-y-4 rounded-lg bg-white p-4 shadow-sm" noValidate>
      <input type="hidden" name="_entity" value={entity} />
      <input type="hidden" name="_id" value={id} />
      {state?.error ? (
        <p role="alert" className="font-semibold text-red-700">
          {state.error}
        </p>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        {fields.map((f) => (
          <Field key={f.name} field={f} value={shown[f.name] ?? ''} error={state?.fields?.[f.name]} />
        ))}
      </div>
      <button type="submit" disabled={pending} className="min-h-10 rounded bg-slate-800 px-6 text-white disabled:opacity-60">
        {pending ? '正在保存…' : '保存'}
      </button>
    </form>
  );
}

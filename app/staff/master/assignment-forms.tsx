'use client';

import { useActionState } from 'react';
import { CHIEF_LEVEL_LABEL } from '@/lib/domain/labels';
import { assignAction, endAssignmentAction, type FormState } from './actions';
import { Field } from './entity-form';

interface Assignment {
  id: number;
  code: string;
  segmentName: string;
  level: keyof typeof CHIEF_LEVEL_LABEL;
  startsOn: string;
  endsOn: string | null;
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

function Message({ state }: { state: FormState }) {
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

function EndForm({ assignment }: { assignment: Assignment }) {
  const [state, action, pending] = useActionState<FormState, FormData>(endAssignmentAction, null);
  return (
    <form action={action} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="assignmentId" value={assignment.id} />
      <Field field={{ name: 'endsOn', label: '卸任日期', kind: 'date', required: true }} value={state?.values?.endsOn ?? today()} error={state?.fields?.endsOn} />
      <button type="submit" disabled={pending} className="min-h-10 rounded bg-red-700 px-3 text-white">
        卸任
      </button>
      <Message state={state} />
    </form>
  );
}

/** A chief's posts: current ones can be ended (kept as history), and a new one added. Plain forms, no script needed. */
export function AssignmentForms({ chiefId, assignments }: { chiefId: number; assignments: Assignment[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(assignAction, null);
  const v = state?.values ?? {};
  return (
    <section aria-labelledby="assign-heading" className="space-y-4 rounded-lg bg-white p-4 shadow-sm">
      <h2 id="assign-heading" className="text-lg font-bold">
        任职路段
      </h2>
      <table className="w-full text-left">
        <thead>
          <tr className="bg-slate-100">
            <th className="p-2">路段</th>
            <th className="p-2">级别</th>
            <th className="p-2">任期</th>
            <th className="p-2">操作</th>
          </tr>
        </thead>
        <tbody>
          {assignments.map((a) => (
            <tr key={a.id} className="border-t border-slate-200" data-assignment={a.id} data-current={a.endsOn ? 'false' : 'true'}>
              <td className="p-2">
                <span className="font-mono">{a.code}</span> {a.segmentName}
              </td>
              <td className="p-2">{CHIEF_LEVEL_LABEL[a.level]}</td>
              <td className="p-2">
                {a.startsOn} 至 {a.endsOn ?? '今'}
              </td>
              <td className="p-2">{a.endsOn ? <span className="text-slate-500">已卸任</span> : <EndForm assignment={a} />}</td>
            </tr>
          ))}
          {assignments.length === 0 ? (
            <tr>
              <td colSpan={4} className="p-2 text-slate-600">
                尚未任职任何路段。
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <form action={action} className="grid gap-3 md:grid-cols-4" aria-label="任命到路段">
        <input type="hidden" name="chiefId" value={chiefId} />
        <Field field={{ name: 'segmentCode', label: '路段编号', kind: 'text', required: true, hint: '如 QH-0001' }} value={v.segmentCode ?? ''} error={state?.fields?.segmentCode} />
        <Field
          field={{ name: 'level', label: '路长级别', kind: 'select', required: true, options: Object.entries(CHIEF_LEVEL_LABEL).map(([value, label]) => ({ value, label })) }}
          value={v.level ?? ''}
          error={state?.fields?.level}
        />
        <Field field={{ name: 'startsOn', label: '任职日期', kind: 'date', required: true }} value={v.startsOn ?? today()} error={state?.fields?.startsOn} />
        <div className="flex items-end">
          <button type="submit" disabled={pending} className="min-h-10 rounded bg-slate-800 px-4 text-white">
            任命
          </button>
        </div>
        <div className="md:col-span-4">
          <Message state={state} />
        </div>
      </form>
    </section>
  );
}

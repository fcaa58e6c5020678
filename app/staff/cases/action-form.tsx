'use client';

import { useActionState } from 'react';
import { ACTION_LABEL, LEVEL_LABEL, type CaseLevel, type StaffCaseAction } from '@/lib/domain/case-flow';
import { caseActionForm, type CaseActionState } from './actions';

export interface ActionFormOptions {
  categories?: { code: string; name: string }[];
  categoryCode?: string | null;
  segmentCode?: string | null;
  level?: CaseLevel;
  /** For dispatch: the segment's chiefs and the departments. */
  chiefs?: { id: number; label: string }[];
  departments?: { id: number; name: string }[];
  /** For reject/merge: a likely master case number. */
  masterHint?: string | null;
}

const field = 'mt-1 block w-full min-h-11 rounded border-2 border-slate-400 bg-white px-2 text-base';
const LEVELS: CaseLevel[] = ['segment', 'street', 'district'];
const NOTE_LABEL: Partial<Record<StaffCaseAction, string>> = {
  return: '退单原因',
  report_result: '处置情况',
  verify_fail: '核查不通过的原因',
  supervise: '督办意见',
  reopen: '重新打开的原因',
  comment: '备注内容',
};
const NOTE_REQUIRED: StaffCaseAction[] = ['return', 'report_result', 'verify_fail', 'supervise', 'comment', 'reopen'];
/** Notes the public may read by default: replies a reporter expects to see. */
const PUBLIC_BY_DEFAULT: StaffCaseAction[] = ['accept', 'reject', 'dispatch', 'report_result', 'verify_pass'];

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="mt-1 font-semibold text-red-700">
      {message}
    </p>
  ) : null;
}

/**
 * One form per allowed action of a case: a plain multipart form posting to a server action, so it works
 * without JavaScript. The version it was drawn with travels as a hidden field; after a refusal (someone else
 * moved the case first, or a field is wrong) the form comes back with the message and what was typed.
 */
export function CaseActionForm({ caseId, version, action, options = {}, compact = false }: { caseId: number; version: number; action: StaffCaseAction; options?: ActionFormOptions; compact?: boolean }) {
  const [state, formAction, pending] = useActionState<CaseActionState | null, FormData>(caseActionForm, null);
  const v = (name: string, fallback = '') => (state && !state.ok ? (state.values?.[name] ?? fallback) : fallback);
  const err = (name: string) => (state && !state.ok ? state.errors?.[name] : undefined);
  const id = (name: string) => `${action}-${caseId}-${name}`;
  const label = ACTION_LABEL[action];
  const noteLabel = NOTE_LABEL[action] ?? '说明（选填）';
  const needsNote = NOTE_REQUIRED.includes(action);

  return (
    <form
      key={state?.seq ?? 0}
      action={formAction}
      aria-labelledby={id('title')}
      data-action={action}
      className="space-y-3 rounded-lg border border-slate-300 bg-white p-4"
    >
      <h3 id={id('title')} className="text-lg font-bold">
        {label}
      </h3>
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <input type="hidden" name="action" value={action} />

      {action === 'accept' ? (
        <>
          <label className="block">
            <span className="font-medium">问题类型</span>
            <select name="categoryCode" defaultValue={v('categoryCode', options.categoryCode ?? '')} className={field} aria-describedby={id('categoryCode-error')}>
              <option value="">（保持不变）</option>
              {(options.categories ?? []).map((c) => (
                <option key={c.code} value={c.code}>
                  {c.code} {c.name}
                </option>
              ))}
            </select>
            <FieldError id={id('categoryCode-error')} message={err('categoryCode')} />
          </label>
          <label className="block">
            <span className="font-medium">路段编号</span>
            <input name="segmentCode" defaultValue={v('segmentCode', options.segmentCode ?? '')} className={field} autoComplete="off" aria-describedby={id('segmentCode-error')} />
            <FieldError id={id('segmentCode-error')} message={err('segmentCode')} />
          </label>
        </>
      ) : null}

      {action === 'accept' || action === 'escalate' ? (
        <label className="block">
          <span className="font-medium">案件级别</span>
          <select name="level" defaultValue={v('level', action === 'escalate' ? '' : (options.level ?? 'segment'))} className={field} aria-describedby={id('level-error')}>
            {action === 'escalate' ? <option value="">升一级</option> : null}
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {LEVEL_LABEL[l]}
              </option>
            ))}
          </select>
          <FieldError id={id('level-error')} message={err('level')} />
        </label>
      ) : null}

      {action === 'reject' ? (
        <fieldset aria-describedby={id('rejectReason-error')}>
          <legend className="font-medium">作废原因</legend>
          {(
            [
              ['invalid', '无效反映'],
              ['duplicate', '重复反映（合并到主案件）'],
              ['out_of_scope', '不属于受理范围'],
            ] as const
          ).map(([value, text]) => (
            <label key={value} className="flex min-h-11 items-center gap-2">
              <input type="radio" name="rejectReason" value={value} defaultChecked={v('rejectReason') === value} className="h-5 w-5" />
              {text}
            </label>
          ))}
          <FieldError id={id('rejectReason-error')} message={err('rejectReason')} />
        </fieldset>
      ) : null}

      {action === 'reject' || action === 'merge' ? (
        <label className="block">
          <span className="font-medium">主案件编号{action === 'reject' ? '（重复反映时填写）' : ''}</span>
          <input
            name="masterCaseNumber"
            defaultValue={v('masterCaseNumber', options.masterHint ?? '')}
            placeholder="例如 20261118-0012"
            className={field}
            autoComplete="off"
            aria-describedby={id('masterCaseNumber-error')}
          />
          <FieldError id={id('masterCaseNumber-error')} message={err('masterCaseNumber')} />
        </label>
      ) : null}

      {action === 'dispatch' ? (
        <label className="block">
          <span className="font-medium">派遣给</span>
          <select name="assignee" defaultValue={v('assignee')} required className={field} aria-describedby={id('assignee-error')}>
            <option value="">请选择路长或职能部门</option>
            {options.chiefs?.length ? (
              <optgroup label="本路段路长">
                {options.chiefs.map((c) => (
                  <option key={c.id} value={`chief:${c.id}`}>
                    {c.label}
                  </option>
                ))}
              </optgroup>
            ) : null}
            <optgroup label="职能部门">
              {(options.departments ?? []).map((d) => (
                <option key={d.id} value={`department:${d.id}`}>
                  {d.name}
                </option>
              ))}
            </optgroup>
          </select>
          <FieldError id={id('assignee-error')} message={err('assignee')} />
        </label>
      ) : null}

      {action === 'return' ? (
        <label className="block">
          <span className="font-medium">建议处置单位（选填）</span>
          <input name="suggestedUnit" defaultValue={v('suggestedUnit')} className={field} aria-describedby={id('suggestedUnit-error')} />
          <FieldError id={id('suggestedUnit-error')} message={err('suggestedUnit')} />
        </label>
      ) : null}

      {action === 'report_result' ? (
        <>
          <label className="block">
            <span className="font-medium">处置前照片（选填，可拍照）</span>
            <input type="file" name="before" accept="image/*" capture="environment" multiple className="mt-1 block min-h-11 w-full" />
          </label>
          <label className="block">
            <span className="font-medium">处置后照片（必填，可拍照）</span>
            <input type="file" name="after" accept="image/*" capture="environment" multiple className="mt-1 block min-h-11 w-full" aria-describedby={id('photos-error')} />
            <FieldError id={id('photos-error')} message={err('photos')} />
          </label>
        </>
      ) : null}

      <label className="block">
        <span className="font-medium">{noteLabel}</span>
        <textarea
          name="note"
          rows={compact ? 2 : 3}
          defaultValue={v('note')}
          required={needsNote}
          maxLength={1000}
          className="mt-1 block w-full rounded border-2 border-slate-400 p-2 text-base"
          aria-describedby={id('note-error')}
        />
        <FieldError id={id('note-error')} message={err('note')} />
      </label>
      <label className="flex min-h-11 items-center gap-2">
        <input
          type="checkbox"
          name="noteVisibility"
          value="public"
          defaultChecked={state && !state.ok ? v('noteVisibility') === 'public' : PUBLIC_BY_DEFAULT.includes(action)}
          className="h-5 w-5"
        />
        说明对市民公开（不勾选则仅内部可见）
      </label>

      {state ? (
        <p role={state.ok ? 'status' : 'alert'} className={state.ok ? 'font-semibold text-green-800' : 'font-semibold text-red-700'}>
          {state.message}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="min-h-11 rounded bg-blue-800 px-5 font-semibold text-white hover:bg-blue-900 disabled:opacity-60">
        {pending ? '提交中…' : label}
      </button>
    </form>
  );
}

'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState, useTransition } from 'react';
import { BLACK_REASONS, FLAG_LABEL, FLAGS, RED_REASONS, type Flag } from '@/lib/domain/rating-grid';
import { saveGridAction, type GridSaveState } from './actions';

export interface GridRowView {
  key: string;
  subject: 'merchant' | 'segment';
  id: number;
  code: string;
  name: string;
  segmentCode: string | null;
  flag: Flag;
  reasons: string[];
  version: string | null;
  inspectorName: string | null;
  revoked: boolean;
  /** The merchant's standing in words (from the rule engine), when there is one. */
  standing?: { label: string; tone: 'good' | 'warning' | 'accountable' } | null;
}

type Value = { flag: Flag; reasons: string[] };

const TONE = { good: 'text-green-800', warning: 'text-amber-800', accountable: 'text-red-800 font-bold' } as const;
const KEY_FLAG: Record<string, Flag> = { '1': 'red', '2': 'black', '3': 'none' };

/**
 * The month's grid: one radio group per merchant or segment (arrow keys move between 红旗/黑旗/无, Tab to
 * the next row, 1/2/3 pick directly), reasons as checkboxes under a black or red flag, one save for all
 * changed rows (Ctrl+S). Only changed rows are sent, each with the version it was read at.
 */
export function GridForm({ streetId, month, locked, rows }: { streetId: number; month: string; locked: boolean; rows: GridRowView[] }) {
  const router = useRouter();
  const initial = useMemo(() => new Map(rows.map((r) => [r.key, { flag: r.flag, reasons: r.reasons }])), [rows]);
  const [values, setValues] = useState<Map<string, Value>>(initial);
  const [state, setState] = useState<GridSaveState | null>(null);
  const [pending, startTransition] = useTransition();
  useEffect(() => setValues(initial), [initial]);

  const changed = rows.filter((r) => {
    const v = values.get(r.key)!;
    return v.flag !== r.flag || v.reasons.join() !== r.reasons.join();
  });
  const set = (key: string, v: Value) => setValues((m) => new Map(m).set(key, v));

  const save = () => {
    if (locked || pending || changed.length === 0) return;
    const changes = changed.map((r) => ({ subject: r.subject, id: r.id, flag: values.get(r.key)!.flag, reasons: values.get(r.key)!.reasons, version: r.version }));
    startTransition(async () => {
      const result = await saveGridAction({ streetId, month, changes });
      setState(result);
      if (result.ok) router.refresh();
    });
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        save();
      }
    };
    const onLeave = (e: BeforeUnloadEvent) => {
      if (changed.length) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('beforeunload', onLeave);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('beforeunload', onLeave);
    };
  });

  const conflictKeys = new Set(state && !state.ok && state.error === 'conflict' ? state.conflicts.map((c) => `${c.subject}:${c.id}`) : []);
  const cellMessages = new Map(state && !state.ok && 'cells' in state && state.cells ? state.cells.map((c) => [`${c.subject}:${c.id}`, c.message]) : []);

  const renderRow = (r: GridRowView) => {
    const v = values.get(r.key) ?? { flag: r.flag, reasons: r.reasons };
    const reasons = v.flag === 'black' ? BLACK_REASONS : v.flag === 'red' ? RED_REASONS : [];
    const dirty = v.flag !== r.flag || v.reasons.join() !== r.reasons.join();
    const problem = cellMessages.get(r.key) ?? (conflictKeys.has(r.key) ? '此行已被他人修改' : null);
    return (
      <tr key={r.key} data-testid={`row-${r.code}`} className={problem ? 'bg-red-50' : dirty ? 'bg-amber-50' : undefined}>
        <th scope="row" className="p-2 text-left align-top font-normal">
          <span className="font-medium">{r.name}</span>
          <span className="block text-sm text-slate-700">
            {r.code}
            {r.subject === 'merchant' && r.segmentCode ? ` · ${r.segmentCode}` : ''}
            {r.inspectorName ? ` · ${r.inspectorName}评` : ''}
            {r.revoked ? ' · 申诉成立已撤销' : ''}
            {r.subject === 'merchant' ? (
              <>
                {' · '}
                <a href={`/signboards/m/${r.code}.pdf`} className="text-blue-800 underline" tabIndex={-1}>
                  责任牌
                </a>
              </>
            ) : null}
          </span>
          {r.standing ? <span className={`block text-sm ${TONE[r.standing.tone]}`}>{r.standing.label}</span> : null}
        </th>
        <td className="p-2 align-top">
          <fieldset
            onKeyDown={(e) => {
              const f = KEY_FLAG[e.key];
              if (f && !locked) {
                e.preventDefault();
                set(r.key, { flag: f, reasons: f === v.flag ? v.reasons : [] });
              }
            }}
          >
            <legend className="sr-only">{r.name} 的评比结果</legend>
            <div className="flex gap-3">
              {FLAGS.map((f) => (
                <label key={f} className={`flex min-h-10 items-center gap-1 whitespace-nowrap rounded px-2 ${v.flag === f ? (f === 'red' ? 'bg-red-600 text-white' : f === 'black' ? 'bg-slate-900 text-white' : 'bg-slate-200') : ''}`}>
                  <input
                    type="radio"
                    name={`flag-${r.key}`}
                    value={f}
                    checked={v.flag === f}
                    disabled={locked}
                    onChange={() => set(r.key, { flag: f, reasons: [] })}
                  />
                  {FLAG_LABEL[f]}
                </label>
              ))}
            </div>
          </fieldset>
          {problem ? (
            <p role="alert" className="mt-1 text-sm text-red-800">
              {problem}
            </p>
          ) : null}
        </td>
        <td className="p-2 align-top">
          {reasons.length ? (
            <fieldset>
              <legend className="sr-only">{r.name} 的{FLAG_LABEL[v.flag]}原因</legend>
              <div className="flex flex-wrap gap-x-3 gap-y-1">
                {reasons.map((reason) => (
                  <label key={reason.code} className="flex items-center gap-1 text-sm">
                    <input
                      type="checkbox"
                      checked={v.reasons.includes(reason.code)}
                      disabled={locked}
                      onChange={(e) =>
                        set(r.key, {
                          flag: v.flag,
                          reasons: reasons.map((x) => x.code).filter((c) => (c === reason.code ? e.target.checked : v.reasons.includes(c))),
                        })
                      }
                    />
                    {reason.label}
                  </label>
                ))}
              </div>
            </fieldset>
          ) : (
            <span className="text-sm text-slate-600">—</span>
          )}
        </td>
      </tr>
    );
  };

  const table = (caption: string, subset: GridRowView[]) =>
    subset.length ? (
      <table className="w-full rounded-lg bg-white shadow-sm">
        <caption className="p-2 text-left text-lg font-bold">{caption}</caption>
        <thead>
          <tr className="border-b text-left">
            <th scope="col" className="p-2">
              名称
            </th>
            <th scope="col" className="p-2">
              评比结果
            </th>
            <th scope="col" className="p-2">
              原因（黑旗必选）
            </th>
          </tr>
        </thead>
        <tbody>{subset.map(renderRow)}</tbody>
      </table>
    ) : null;

  return (
    <div className="space-y-4">
      {locked ? null : (
        <p className="text-sm text-slate-700">
          键盘操作：Tab 移到下一行，方向键在 红旗/黑旗/无 之间切换（或按 1 / 2 / 3），空格勾选原因，Ctrl+S 保存全部修改。
        </p>
      )}
      {table('商户（门前三包）', rows.filter((r) => r.subject === 'merchant'))}
      {table('路段', rows.filter((r) => r.subject === 'segment'))}
      {locked ? null : (
        <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t bg-slate-100 py-3">
          <button
            type="button"
            onClick={save}
            disabled={pending || changed.length === 0}
            className="min-h-11 rounded bg-blue-800 px-5 font-bold text-white disabled:bg-slate-400"
          >
            {pending ? '正在保存…' : `保存修改（${changed.length}）`}
          </button>
          <div aria-live="polite" className="flex-1">
            {state ? (
              <p data-testid="grid-message" className={state.ok ? 'text-green-800' : 'text-red-800'}>
                {state.ok ? `已保存 ${state.saved} 项。` : state.message}
              </p>
            ) : null}
          </div>
        </div>
      )}
    </div>
  );
}

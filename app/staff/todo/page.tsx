import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { requireStaff } from '@/lib/auth/staff';
import { listTodo } from '@/lib/cases/staff-queries';
import { getDb } from '@/lib/db';
import { cstDateTimeLabel } from '@/lib/domain/calendar';
import { STATUS_LABEL } from '@/lib/domain/case-flow';
import { deadlineLabel, isOverdue } from '@/lib/domain/inbox-query';
import { CaseActionForm } from '../cases/action-form';

export const metadata: Metadata = { title: '我的待办' };

/**
 * 我的待办 for a road chief or a department, built for a phone: the cases dispatched to me, overdue first,
 * each with the result report (camera upload) and 退单 right there.
 */
export default async function TodoPage() {
  await connection();
  const staff = await requireStaff(['handler'], '/staff/todo');
  const db = await getDb();
  const now = new Date();
  const rows = await listTodo(db, { chiefId: staff.chiefId, departmentId: staff.departmentId });
  const todo = rows.filter((r) => r.status === 'dispatched');
  const waiting = rows.filter((r) => r.status === 'handled');
  const overdue = todo.filter((r) => isOverdue(r, now)).length;

  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">我的待办</h1>
      {staff.chiefId === null && staff.departmentId === null ? (
        <p role="alert" className="rounded bg-amber-50 p-3">
          你的账号没有关联路长或部门，暂无待办。请联系管理员。
        </p>
      ) : (
        <p className="text-lg">
          待处置 <strong>{todo.length}</strong> 件{overdue ? <>，其中已超期 <strong className="text-red-700">{overdue}</strong> 件</> : null}
        </p>
      )}
      {todo.length === 0 ? <p className="rounded-lg bg-white p-4">目前没有派给你的案件。</p> : null}
      <ol className="space-y-4" aria-label="待处置案件">
        {todo.map((r) => {
          const late = isOverdue(r, now);
          return (
            <li key={r.id} data-case={r.number} className={`rounded-lg bg-white p-4 shadow-sm ${late ? 'border-l-8 border-red-700' : ''}`}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <Link href={`/staff/cases/${r.id}`} className="inline-flex min-h-11 items-center text-lg font-bold text-blue-800 underline">
                  {r.number}
                </Link>
                <span className={late ? 'font-bold text-red-700' : 'font-medium'}>{deadlineLabel(r.deadlineAt, now)}</span>
              </div>
              <p className="font-semibold">{r.categoryName ?? '未分类'}</p>
              <p className="text-slate-800">
                {r.segmentCode ? `${r.segmentCode} ${r.segmentName}` : (r.address ?? '未定位')}
              </p>
              <p className="mt-1 whitespace-pre-wrap">{r.description}</p>
              {r.superviseCount > 0 ? <p className="mt-1 font-semibold text-amber-800">已督办 {r.superviseCount} 次</p> : null}
              {r.deadlineAt ? <p className="text-sm text-slate-700">处置时限 {cstDateTimeLabel(r.deadlineAt)}</p> : null}
              <details className="mt-3">
                <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-blue-800">处置反馈（拍照上传）</summary>
                <CaseActionForm caseId={r.id} version={r.version} action="report_result" compact />
              </details>
              <details className="mt-2">
                <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-blue-800">退单（不属于我处置）</summary>
                <CaseActionForm caseId={r.id} version={r.version} action="return" compact />
              </details>
            </li>
          );
        })}
      </ol>
      {waiting.length ? (
        <section aria-labelledby="todo-waiting" className="space-y-2">
          <h2 id="todo-waiting" className="text-lg font-bold">
            已反馈，等待核查
          </h2>
          <ul className="space-y-2">
            {waiting.map((r) => (
              <li key={r.id} className="rounded-lg bg-white p-3">
                <Link href={`/staff/cases/${r.id}`} className="inline-flex min-h-11 items-center font-semibold text-blue-800 underline">
                  {r.number}
                </Link>{' '}
                {r.categoryName} · {STATUS_LABEL[r.status]}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

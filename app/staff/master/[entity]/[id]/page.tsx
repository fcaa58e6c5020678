import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { requireStaff } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { listAssignments } from '@/lib/master/chiefs';
import { getEntity } from '@/lib/master/registry';
import { setActiveAction } from '../../actions';
import { AssignmentForms } from '../../assignment-forms';
import { EntityForm, type FormField } from '../../entity-form';

export const metadata: Metadata = { title: '编辑基础数据' };

/** New (`/new`) or edit (`/{id}`) for any master-data kind, with 停用/恢复, and a chief's assignments. */
export default async function EntityEdit({ params }: { params: Promise<{ entity: string; id: string }> }) {
  await connection();
  const { entity: key, id: idText } = await params;
  await requireStaff(['admin'], `/staff/master/${key}/${idText}`);
  const entity = getEntity(key);
  const id = idText === 'new' ? null : Number(idText);
  if (!entity || (id !== null && !Number.isInteger(id)) || (id === null && entity.canCreate === false)) notFound();
  const db = await getDb();
  const values = id === null ? {} : await entity.load(db, id);
  if (!values) notFound();
  const active = id === null ? true : (await entity.list(db, { afterId: id - 1, limit: 1 }))[0]?.active !== false;
  const defs = await entity.fields(id === null ? null : { id, values }, db);
  const fields: FormField[] = await Promise.all(
    defs.map(async (f) => ({ ...f, options: typeof f.options === 'function' ? await f.options(db) : f.options })),
  );
  const assignments = key === 'chiefs' && id !== null ? await listAssignments(db, id) : null;
  const title = id === null ? `新建${entity.title}` : `编辑${entity.title}${values._title ? `：${values._title}` : ''}`;
  return (
    <div className="space-y-5">
      <p>
        <Link href="/staff/master" className="text-brand underline">
          基础数据
        </Link>{' '}
        ›{' '}
        <Link href={`/staff/master/${key}`} className="text-brand underline">
          {entity.title}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{title}</h1>
      <EntityForm entity={key} id={idText} fields={fields} values={values} />
      {assignments ? <AssignmentForms chiefId={id!} assignments={assignments} /> : null}
      {id !== null && entity.setActive ? (
        <form action={setActiveAction} className="rounded-lg bg-white p-4 shadow-sm">
          <input type="hidden" name="_entity" value={key} />
          <input type="hidden" name="_id" value={id} />
          <input type="hidden" name="active" value={active ? 'false' : 'true'} />
          <p className="mb-2">{active ? `停用后不再出现在公众页面和公示牌上，历史记录保留。${key === 'chiefs' ? '该路长的所有现任职务将于今天结束。' : ''}` : '该记录已停用。'}</p>
          <button type="submit" className={`min-h-10 rounded px-4 text-white ${active ? 'bg-red-700' : 'bg-slate-800'}`}>
            {active ? '停用' : '恢复'}
          </button>
        </form>
      ) : null}
    </div>
  );
}

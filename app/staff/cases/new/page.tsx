import type { Metadata } from 'next';
import { connection } from 'next/server';
import { requireStaff } from '@/lib/auth/staff';
import { listCaseCategories, listSegmentOptions } from '@/lib/cases/staff-queries';
import { getDb } from '@/lib/db';
import { NewCaseForm } from './form';

export const metadata: Metadata = { title: '登记巡查/热线案件' };

export default async function NewCasePage() {
  await connection();
  const staff = await requireStaff(['admin', 'dispatcher', 'handler', 'inspector'], '/staff/cases/new');
  const db = await getDb();
  const dispatchSide = staff.roles.includes('admin') || staff.roles.includes('dispatcher');
  const [categories, segments] = await Promise.all([
    listCaseCategories(db),
    listSegmentOptions(db, staff.scopeType === 'street' && staff.scopeAreaId !== null ? { streetId: staff.scopeAreaId } : {}),
  ]);
  // case-flow's checkCreate decides again on the server; the form offers what it would allow.
  const sources: ('patrol' | 'hotline')[] = dispatchSide ? ['patrol', 'hotline'] : ['patrol'];
  const canSelfHandle = dispatchSide || staff.roles.includes('handler');
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">登记巡查/热线案件</h1>
      <NewCaseForm categories={categories.map((c) => ({ code: c.code, name: c.name }))} segments={segments.map((s) => ({ code: s.code, name: s.name }))} sources={sources} canSelfHandle={canSelfHandle} />
    </div>
  );
}

'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { requireStaff } from '@/lib/auth/staff';
import { clientIp } from '@/lib/abuse/client';
import { createStaffCase, staffFlowActor } from '@/lib/cases/transitions';
import { getDb } from '@/lib/db';

export type NewCaseState = { message: string; errors?: Record<string, string>; values: Record<string, string>; seq: number };

const files = async (form: FormData, name: string) =>
  Promise.all(
    form
      .getAll(name)
      .filter((f): f is File => f instanceof File && f.size > 0)
      .map(async (f) => ({ name: f.name, data: Buffer.from(await f.arrayBuffer()) })),
  );

/** 巡查 / 热线 case entered by staff; on success, its case page. */
export async function createCaseAction(prev: NewCaseState | null, form: FormData): Promise<NewCaseState> {
  const staff = await requireStaff(['admin', 'dispatcher', 'handler', 'inspector'], '/staff/cases/new');
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === 'string' && !k.startsWith('$')) values[k] = v;
  const opt = (k: string) => values[k]?.trim() || undefined;
  const num = (k: string) => {
    const v = opt(k);
    return v === undefined || !Number.isFinite(Number(v)) ? undefined : Number(v);
  };
  const source = opt('source') === 'hotline' ? 'hotline' : 'patrol';
  const result = await createStaffCase(await getDb(), {
    actor: staffFlowActor(staff),
    source,
    selfHandled: source === 'patrol' && values.selfHandled === '1',
    categoryCode: opt('categoryCode') ?? '',
    segmentCode: opt('segmentCode'),
    description: values.description ?? '',
    address: opt('address'),
    lat: num('lat'),
    lng: num('lng'),
    reporterName: opt('reporterName'),
    reporterPhone: opt('reporterPhone'),
    note: opt('note'),
    photos: { report: await files(form, 'report'), before: await files(form, 'before'), after: await files(form, 'after') },
    ip: clientIp(await headers()),
  });
  if (!result.ok) return { message: result.message, errors: result.errors, values, seq: (prev?.seq ?? 0) + 1 };
  redirect(`/staff/cases/${result.caseId}`);
}

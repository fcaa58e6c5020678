'use server';
/** The 随手拍 form without JavaScript: a plain multipart post to this action, which answers with the receipt or the form again. */
import { revalidateTag } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/lib/db';
import { requestIdentity } from '@/lib/public/request';
import type { FieldErrors, ReportFormValues } from '@/lib/domain/report-form';
import { submissionFromForm } from '@/lib/reports/form';
import { receiptPath } from '@/lib/reports/receipt';
import { submitReport } from '@/lib/reports/submit';
import { segmentPageTag } from '@/lib/segments/queries';

export interface ReportFormState {
  message: string | null;
  errors: FieldErrors;
  /** What was typed, to fill the form again; null on first render. */
  values: ReportFormValues | null;
}

export async function submitReportAction(_prev: ReportFormState, form: FormData): Promise<ReportFormState> {
  const db = await getDb();
  const { submission, values } = await submissionFromForm(form, await requestIdentity(db));
  const result = await submitReport(db, submission);
  if (!result.ok) return { message: result.message, errors: result.errors, values };
  if (result.receipt.segmentCode) revalidateTag(segmentPageTag(result.receipt.segmentCode), 'max');
  redirect(receiptPath(result.receipt));
}

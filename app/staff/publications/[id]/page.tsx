/** /staff/publications/{id}: edit a draft, make each photo safe, and move it through review to publication. */
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireStaff } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { bodySource, editable, KIND_LABEL, KIND_PATH, MAX_MASKS, parseMaskRowsParam, STATUS_LABEL } from '@/lib/domain/publication';
import { getSettings } from '@/lib/settings/queries';
import { getStaffPublication, listStreetOptions } from '@/lib/publications/queries';
import { maskAction, removePhotoAction, transitionAction, uploadPhotoAction } from '../actions';
import { DraftForm } from './draft-form';
import { MaskTool } from './mask-tool';

export const metadata: Metadata = { title: '编辑 · 曝光台 / 点赞榜' };

type Params = Promise<{ id: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

const ROLE_LABEL: Record<string, string> = { before: '整改前', after: '整改后', photo: '现场' };
const BUTTON = 'rounded px-4 py-2 font-semibold';

export default async function EditPublicationPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const raw = (await params).id;
  if (!/^[1-9]\d{0,8}$/.test(raw)) notFound();
  const id = Number(raw);
  const staff = await requireStaff(['publicity', 'admin'], `/staff/publications/${id}`);
  const db = await getDb();
  const [page, streets, settings] = await Promise.all([getStaffPublication(db, { id }), listStreetOptions(db), getSettings(db, ['publication.requireSecondReviewer'])]);
  if (!page) notFound();
  const { p } = page;
  const query = await searchParams;
  const sp = { ok: one(query.ok), error: one(query.error) };
  // A refused 保存遮挡 comes back with the photo it was for and the rows as typed.
  const retry = { photo: Number(one(query.photo)), rows: parseMaskRowsParam(one(query.rows)) };
  const canEdit = editable(p.status);
  const second = settings['publication.requireSecondReviewer'];
  const ownEntry = p.editorUserId === staff.id;
  const hidden = (
    <>
      <input type="hidden" name="id" value={p.id} />
      <input type="hidden" name="expectedVersion" value={p.version} />
    </>
  );
  return (
    <div className="space-y-6">
      <p>
        <Link href="/staff/publications" className="text-blue-800 underline">
          ← 曝光台 / 点赞榜
        </Link>
      </p>
      <h1 className="text-2xl font-bold">
        {KIND_LABEL[p.kind]} · {STATUS_LABEL[p.status]}
      </h1>
      {sp.ok ? (
        <p role="status" className="rounded border border-green-300 bg-green-50 p-3 text-green-900">
          {sp.ok}
        </p>
      ) : null}
      {sp.error ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-800">
          {sp.error}
        </p>
      ) : null}
      <dl className="grid gap-1 text-sm text-slate-700 sm:grid-cols-2">
        {page.caseNumber ? <div>案件：{page.caseNumber}</div> : null}
        {page.merchantName ? <div>商户：{page.merchantName}</div> : null}
        {page.segmentName ? <div>路段：{page.segmentName}</div> : null}
        {page.chiefName ? <div>路长：{page.chiefName}</div> : null}
        {p.status === 'withdrawn' ? <div>撤下原因：{p.withdrawReason}</div> : null}
        {p.status === 'draft' && p.returnReason ? <div className="font-semibold text-red-800 sm:col-span-2">审核退回：{p.returnReason}</div> : null}
        {p.status === 'published' ? (
          <div>
            公开页面：
            <Link className="text-blue-800 underline" href={`${KIND_PATH[p.kind]}/${p.id}`}>
              {KIND_PATH[p.kind]}/{p.id}
            </Link>
          </div>
        ) : null}
      </dl>

      <section aria-labelledby="text-title" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="text-title" className="mb-2 text-lg font-semibold">
          文字
        </h2>
        <DraftForm
          id={p.id}
          version={p.version}
          disabled={!canEdit}
          streets={streets}
          initial={{ title: p.title, body: bodySource(p.body), tags: p.tags.join('，'), streetId: p.streetId ? String(p.streetId) : '', month: p.month ? p.month.slice(0, 7) : '' }}
        />
      </section>

      <section aria-labelledby="photos-title" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="photos-title" className="text-lg font-semibold">
          照片与隐私处理
        </h2>
        <p className="text-sm text-slate-600">每张照片都须框出人脸、车牌、电话号码和门牌号并保存；确认无需遮挡的，直接点「保存遮挡」。未处理的照片不能发布。</p>
        <ul className="mt-3 space-y-6">
          {page.photos.map((ph) => (
            <li key={ph.mediaId} id={`photo-${ph.mediaId}`} className="border-t pt-3">
              <p className="font-semibold">
                {ROLE_LABEL[ph.role] ?? ph.role} · {ph.isPublic ? <span className="text-green-800">已处理</span> : <span className="text-red-700">未处理</span>}
              </p>
              <div className="mt-2 grid gap-4 md:grid-cols-2">
                {canEdit && ph.sourceId ? (
                  <form action={maskAction}>
                    {hidden}
                    <input type="hidden" name="mediaId" value={ph.mediaId} />
                    <MaskTool src={`/staff/publications/${p.id}/photos/${ph.sourceId}`} width={ph.width} height={ph.height} max={MAX_MASKS} processed={ph.checked} saved={ph.checked ? ph.masks : null} typed={retry.photo === ph.mediaId ? retry.rows : null} />
                    <button className={`${BUTTON} mt-2 bg-slate-900 text-white`}>保存遮挡</button>
                  </form>
                ) : null}
                {ph.checked ? (
                  <figure>
                    {/* eslint-disable-next-line @next/next/no-img-element -- the derivative as the public will see it */}
                    <img src={`/staff/publications/${p.id}/photos/${ph.mediaId}`} alt="处理后的照片" width={ph.width} height={ph.height} className="h-auto w-full max-w-xl" />
                    <figcaption className="text-sm text-slate-600">公开时的样子</figcaption>
                  </figure>
                ) : (
                  <p className="text-red-700">未处理：保存遮挡之前，公开页面不会显示这张照片。</p>
                )}
              </div>
              {canEdit ? (
                <form action={removePhotoAction} className="mt-2">
                  {hidden}
                  <input type="hidden" name="mediaId" value={ph.mediaId} />
                  <button className="text-red-700 underline">删除这张照片</button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
        {canEdit ? (
          <form action={uploadPhotoAction} className="mt-4 flex flex-wrap items-end gap-3 border-t pt-3">
            {hidden}
            <label>
              添加照片
              <input type="file" name="photo" accept="image/jpeg,image/png,image/webp" className="block" />
            </label>
            <label>
              类别
              <select name="role" className="block rounded border border-slate-400 px-2 py-1" defaultValue="photo">
                <option value="before">整改前</option>
                <option value="after">整改后</option>
                <option value="photo">现场</option>
              </select>
            </label>
            <button className={`${BUTTON} bg-slate-200`}>上传</button>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="flow-title" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="flow-title" className="text-lg font-semibold">
          审核与发布
        </h2>
        {second ? <p className="text-sm text-slate-600">本区要求第二人审核：编辑本人不能发布自己编辑的内容。</p> : null}
        <div className="mt-3 flex flex-wrap gap-3">
          {p.status === 'draft' ? (
            <form action={transitionAction}>
              {hidden}
              <button name="action" value="submit" className={`${BUTTON} bg-slate-900 text-white`}>
                提交审核
              </button>
            </form>
          ) : null}
          {p.status === 'review' || (p.status === 'draft' && !second) ? (
            <form action={transitionAction}>
              {hidden}
              {/* The server refuses it too; disabled here so the editor is not offered what will fail. */}
              <button
                name="action"
                value="publish"
                disabled={second && ownEntry && p.status === 'review'}
                className={`${BUTTON} bg-green-800 text-white disabled:bg-slate-300 disabled:text-slate-700`}
                aria-describedby={second && ownEntry ? 'own-entry' : undefined}
              >
                审核通过并发布
              </button>
              {second && ownEntry ? (
                <span id="own-entry" className="ml-2 text-sm text-slate-600">
                  （须由另一位同事操作）
                </span>
              ) : null}
            </form>
          ) : null}
          {p.status === 'review' ? (
            <form action={transitionAction} className="flex flex-wrap items-end gap-2">
              {hidden}
              <label>
                退回原因（编辑会看到）
                <input name="reason" required maxLength={200} className="block w-80 rounded border border-slate-400 px-2 py-1" />
              </label>
              <button name="action" value="return" className={`${BUTTON} bg-slate-200`}>
                退回修改
              </button>
            </form>
          ) : null}
          {p.status === 'published' ? (
            <form action={transitionAction} className="flex flex-wrap items-end gap-2">
              {hidden}
              <label>
                撤下原因
                <input name="reason" required maxLength={200} className="block w-80 rounded border border-slate-400 px-2 py-1" />
              </label>
              <button name="action" value="withdraw" className={`${BUTTON} bg-red-700 text-white`}>
                撤下
              </button>
            </form>
          ) : null}
        </div>
      </section>
    </div>
  );
}

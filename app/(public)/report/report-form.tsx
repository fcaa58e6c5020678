'use client';
/**
 * The 随手拍 form. Without JavaScript it is a plain multipart form posting to a server action. With it,
 * photos are shrunk in the browser to ≤ 1600 px, previewed, uploaded with a progress bar, the proof of
 * work is solved in the background from the first touch of the form, and the typed text is kept in a draft
 * if the page or network drops.
 */
import { useActionState, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { ADDRESS_MAX, DESCRIPTION_MAX, NAME_MAX, PHOTO_HEAD_BYTES, REPORT_FIELDS as F, type FieldErrors, type ReportFieldName, type ReportFormValues } from '@/lib/domain/report-form';
import { submitReportAction, type ReportFormState } from './actions';

type Face = 'ground' | 'facade' | 'roof';
interface Props {
  idempotencyKey: string;
  prefilled: { code: string; name: string } | null;
  categories: { common: { code: string; name: string; face: Face | null }[]; groups: { code: string; name: string; kind: 'component' | 'event'; items: { code: string; name: string }[] }[] };
  streets: { name: string; segments: { code: string; name: string }[] }[];
  maxPhotos: number;
  maxPhotoMb: number;
}

interface Photo {
  id: number;
  name: string;
  blob: Blob;
  head: Blob | null;
  url: string;
}

const FACE_TITLE: Record<Face, string> = { ground: '地面', facade: '立面', roof: '屋面' };
const DRAFT_KEY = 'lz-report-draft-v1';
const FIELD = 'min-h-12 w-full rounded-lg border-2 border-slate-400 bg-white px-3 text-lg focus:border-brand aria-[invalid=true]:border-alert';
const EMPTY: ReportFormValues = { segment: '', category: '', description: '', address: '', lat: '', lng: '', name: '', phone: '', consent: false, photoLocation: true };

const noSubscription = () => () => {};
let draftAtLoad: string | null | undefined;
/** The draft left by an earlier visit, read once per page load (later writes are this visit's own). */
function firstDraft(): string | null {
  if (draftAtLoad === undefined) {
    try {
      draftAtLoad = localStorage.getItem(DRAFT_KEY);
    } catch {
      draftAtLoad = null; // storage blocked (private mode)
    }
  }
  return draftAtLoad;
}

/** Photos, upload and location (./enhanced), loaded at first use rather than with the page. */
const loadEnhanced = () => import('./enhanced');
/**
 * A solved proof of work for the next submit, or null when it could not be had (the submit tries again).
 * The solver (altcha-lib and its worker) is loaded on first use, not with the page: it was a third of this
 * page's own script, and a visitor who only reads never needs it.
 */
const loadPowClient = () => import('@/lib/abuse/pow-client');
const newPow = () =>
  loadPowClient()
    .then((client) => client.fetchAndSolvePow())
    .catch(() => null);

function FieldError({ name, errors }: { name: ReportFieldName; errors: FieldErrors }) {
  return errors[name] ? (
    <p id={`${name}-error`} role="alert" className="mt-1 text-lg font-semibold text-alert">
      {errors[name]}
    </p>
  ) : null;
}

export function ReportForm({ idempotencyKey, prefilled, categories, streets, maxPhotos, maxPhotoMb }: Props) {
  const [state, formAction] = useActionState<ReportFormState, FormData>(submitReportAction, { message: null, errors: {}, values: null });
  const initial = state.values ?? { ...EMPTY, segment: prefilled?.code ?? '' };
  const enhanced = useSyncExternalStore(noSubscription, () => true, () => false);
  const draft = useSyncExternalStore(noSubscription, firstDraft, () => null);
  const [draftAnswered, setDraftAnswered] = useState(false);
  const [values, setValues] = useState<ReportFormValues>(initial);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [errors, setErrors] = useState<FieldErrors>(state.errors);
  const [message, setMessage] = useState<string | null>(state.message);
  const [busy, setBusy] = useState<null | 'check' | number>(null);
  const [nearby, setNearby] = useState<string | null>(null);
  const pow = useRef<Promise<string | null> | null>(null);
  const nextId = useRef(1);
  const formRef = useRef<HTMLFormElement>(null);

  // The first touch, focus or change in the form starts the proof of work and fetches the photo and upload
  // code: filling the form in takes far longer, so both are ready when needed, and the page's load pays for neither.
  const startPow = () => {
    pow.current ??= newPow();
  };
  const warmUp = () => {
    if (pow.current) return; // under way since an earlier touch
    startPow();
    void loadEnhanced().catch(() => {});
  };

  useEffect(() => {
    if (!enhanced) return;
    try {
      localStorage.setItem(DRAFT_KEY, JSON.stringify({ ...values, lat: '', lng: '' }));
    } catch {
      /* storage full or blocked: the form still works */
    }
  }, [values, enhanced]);

  function restoreDraft() {
    setDraftAnswered(true);
    try {
      const saved = JSON.parse(draft ?? 'null') as Partial<ReportFormValues> | null;
      // A QR scan names the place; a draft from elsewhere must not move the report.
      if (saved) setValues((v) => ({ ...v, ...saved, segment: prefilled ? v.segment : (saved.segment ?? v.segment), lat: '', lng: '' }));
    } catch {
      /* a draft from an older version of the form: ignore it */
    }
  }

  const set = <K extends keyof ReportFormValues>(key: K, value: ReportFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  async function addPhotos(files: FileList | null) {
    if (!files) return;
    const room = maxPhotos - photos.length;
    const picked = [...files].slice(0, Math.max(0, room));
    setErrors((e) => ({ ...e, photos: files.length > room ? `最多 ${maxPhotos} 张照片，多选的 ${files.length - Math.max(0, room)} 张没有加入。` : undefined }));
    const added: Photo[] = [];
    // The shrinking code did not load (network): the photos go as they are and the server shrinks them.
    const shrink = await loadEnhanced().then((m) => m.shrink, () => async (file: File): Promise<Blob> => file);
    for (const file of picked) {
      const blob = await shrink(file);
      added.push({ id: nextId.current++, name: file.name, blob, head: file.type === 'image/jpeg' ? file.slice(0, PHOTO_HEAD_BYTES) : null, url: URL.createObjectURL(blob) });
    }
    setPhotos((p) => [...p, ...added]);
  }

  function removePhoto(id: number) {
    setPhotos((p) => {
      const gone = p.find((x) => x.id === id);
      if (gone) URL.revokeObjectURL(gone.url);
      return p.filter((x) => x.id !== id);
    });
  }

  async function locateMe() {
    setNearby('正在获取位置…');
    const { place, message } = await loadEnhanced().then(
      (m) => m.locate(),
      () => ({ place: null, message: '网络不好，没能获取位置，请选择路段或填写地址。' }),
    );
    if (place) setValues((v) => ({ ...v, lat: place.lat, lng: place.lng, segment: place.segmentCode ?? v.segment }));
    setNearby(message);
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    if (!enhanced) return; // the browser posts the form to the server action
    event.preventDefault();
    if (busy !== null) return;
    const body = new FormData(event.currentTarget);
    body.delete(F.photos);
    for (const p of photos) body.append(F.photos, p.blob, p.name.replace(/\.\w+$/, '') + '.jpg');
    if (values.photoLocation) for (const p of photos) if (p.head) body.append(F.photoHeads, p.head, 'head');
    setBusy('check');
    setMessage(null);
    startPow();
    let solution = await pow.current;
    // A challenge lives 10 minutes; a page left open longer solves a fresh one.
    const fresh = await loadPowClient().then((client) => client.powPayloadFresh(solution), () => false);
    if (!fresh) solution = await (pow.current = newPow());
    body.set(F.pow, solution ?? '');
    setBusy(0);
    const answer = await loadEnhanced().then(
      (m) => m.upload(body, (f) => setBusy(f)),
      () => null, // the code could not be fetched: the same as a dropped upload
    );
    setBusy(null);
    if (!answer) {
      setMessage('网络不稳定，提交没有完成。您填写的内容和照片都还在，请到信号好的地方再点“提交”。');
      return;
    }
    if (answer.json.ok && answer.json.receiptUrl) {
      try {
        localStorage.removeItem(DRAFT_KEY);
      } catch {
        /* nothing to clear */
      }
      window.location.assign(answer.json.receiptUrl);
      return;
    }
    // A refused proof of work cannot be used again; start the next one now.
    pow.current = newPow();
    setErrors(answer.json.errors ?? {});
    setMessage(answer.json.message ?? '提交没有成功，请稍后再试。');
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  const err = (name: ReportFieldName) => (errors[name] ? { 'aria-invalid': true, 'aria-describedby': `${name}-error` } : {});
  const commonByFace = (['ground', 'facade', 'roof'] as const).map((face) => ({ face, items: categories.common.filter((c) => c.face === face) })).filter((g) => g.items.length > 0);
  const isCommon = categories.common.some((c) => c.code === values.category);
  const segmentOptions = streets.map((s) => (
    <optgroup key={s.name} label={s.name}>
      {s.segments.map((seg) => (
        <option key={seg.code} value={seg.code}>
          {seg.name}（{seg.code}）
        </option>
      ))}
    </optgroup>
  ));

  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={onSubmit}
      onPointerDown={warmUp}
      onFocus={warmUp}
      onChange={warmUp}
      noValidate
      className="space-y-6"
      aria-describedby={message ? 'form-message' : undefined}
    >
      <input type="hidden" name={F.idempotencyKey} value={idempotencyKey} />
      <input type="hidden" name={F.js} value={enhanced ? '1' : ''} />
      <input type="hidden" name={F.pow} value="" />
      <input type="hidden" name={F.lat} value={values.lat} />
      <input type="hidden" name={F.lng} value={values.lng} />
      {/* A field people never see; form-filling bots do. */}
      <div aria-hidden="true" className="absolute -left-[9999px] h-px w-px overflow-hidden">
        <label>
          网址（请留空）
          <input type="text" name={F.honeypot} tabIndex={-1} autoComplete="off" defaultValue="" />
        </label>
      </div>

      {message && (
        <div id="form-message" role="alert" className="rounded-lg border-2 border-alert bg-red-50 p-3 text-lg font-semibold text-alert">
          {message}
          {!enhanced && Object.keys(errors).length > 0 && state.values && <span className="block font-normal">文字内容已保留；照片需要重新选择。</span>}
        </div>
      )}

      {draft && !draftAnswered && !state.values && (
        <div role="status" className="rounded-lg border-2 border-brand bg-blue-50 p-3 text-lg">
          <p>上次有没提交完的内容（文字部分），要恢复吗？</p>
          <div className="mt-2 flex flex-wrap gap-3">
            <button type="button" onClick={restoreDraft} className="min-h-12 rounded-lg bg-brand px-5 font-semibold whitespace-nowrap text-white">
              恢复
            </button>
            <button type="button" onClick={() => setDraftAnswered(true)} className="min-h-12 rounded-lg border-2 border-slate-400 bg-white px-5 whitespace-nowrap">
              不用了
            </button>
          </div>
        </div>
      )}

      <fieldset className="rounded-xl bg-white p-4 shadow-sm">
        <legend className="px-1 text-xl font-bold">1. 拍照（{maxPhotos} 张以内）</legend>
        <label htmlFor="photos" className="mt-2 flex min-h-14 cursor-pointer items-center justify-center rounded-lg border-2 border-dashed border-brand bg-blue-50 px-4 text-xl font-semibold text-brand">
          拍照或从相册选择
        </label>
        {/* One row of the same height with or without script, so the form below does not jump when the page hydrates. */}
        <div className="mt-2 min-h-12">
          <input
            id="photos"
            name={F.photos}
            type="file"
            accept="image/jpeg,image/png,image/webp,image/heic,image/*"
            multiple
            // With script the big button above, this count and the previews do the job; without it the browser's own control shows what was picked.
            className={enhanced ? 'sr-only' : 'block w-full text-lg file:mr-3 file:min-h-12 file:rounded-lg file:border-0 file:bg-slate-200 file:px-4 file:text-lg'}
            onChange={(e) => {
              if (!enhanced) return;
              void addPhotos(e.currentTarget.files);
              e.currentTarget.value = '';
            }}
            {...err('photos')}
          />
          {enhanced && (
            <p className="flex min-h-12 items-center text-lg text-slate-700" aria-live="polite">
              {photos.length === 0 ? '还没有选照片' : photos.length < maxPhotos ? `已选 ${photos.length} 张，还可以再加 ${maxPhotos - photos.length} 张` : `已选 ${photos.length} 张（最多 ${maxPhotos} 张）`}
            </p>
          )}
        </div>
        <p className="mt-1 text-base text-slate-700">支持 JPG、PNG、WebP，每张不超过 {maxPhotoMb} MB。</p>
        <FieldError name="photos" errors={errors} />
        {photos.length > 0 && (
          <ul className="mt-3 grid grid-cols-2 gap-3" aria-label="已选照片">
            {photos.map((p, i) => (
              <li key={p.id} className="relative">
                {/* eslint-disable-next-line @next/next/no-img-element -- a local object URL, nothing to optimise */}
                <img src={p.url} alt={`第 ${i + 1} 张照片`} className="aspect-square w-full rounded-lg object-cover" />
                <button type="button" onClick={() => removePhoto(p.id)} className="absolute top-1 right-1 min-h-12 min-w-12 rounded-full bg-slate-900/80 px-3 text-lg text-white" aria-label={`删除第 ${i + 1} 张照片`}>
                  ✕
                </button>
              </li>
            ))}
          </ul>
        )}
        <label className="mt-3 flex min-h-12 items-center gap-3 text-lg">
          <input type="checkbox" name={F.photoLocation} checked={values.photoLocation} onChange={(e) => set('photoLocation', e.target.checked)} className="size-6" />
          使用照片里的拍摄位置（如有）
        </label>
      </fieldset>

      <fieldset className="rounded-xl bg-white p-4 shadow-sm" {...(errors.category ? { 'aria-describedby': 'category-error' } : {})}>
        <legend className="px-1 text-xl font-bold">2. 问题类型</legend>
        {commonByFace.map((g) => (
          <div key={g.face} className="mt-3">
            <p className="text-lg font-semibold text-slate-700">{FACE_TITLE[g.face]}</p>
            <div className="mt-1 grid grid-cols-[repeat(auto-fill,minmax(8rem,1fr))] gap-2">
              {g.items.map((c) => (
                <label key={c.code} className="flex min-h-12 items-center gap-2 rounded-lg border-2 border-slate-300 px-3 text-lg has-checked:border-brand has-checked:bg-blue-50">
                  <input type="radio" name={F.category} value={c.code} checked={values.category === c.code} onChange={() => set('category', c.code)} className="size-5 shrink-0" />
                  {c.name}
                </label>
              ))}
            </div>
          </div>
        ))}
        <details className="mt-4" open={Boolean(values.category) && !isCommon}>
          <summary className="min-h-12 cursor-pointer py-2 text-lg font-semibold text-brand">更多类型（按标准分类选择）</summary>
          <label htmlFor="categoryMore" className="mt-2 block text-lg">
            全部问题类型
          </label>
          <select id="categoryMore" name={F.categoryMore} value={isCommon ? '' : values.category} onChange={(e) => set('category', e.target.value)} className={FIELD}>
            <option value="">（不在上面时在这里选）</option>
            {categories.groups.map((g) => (
              <optgroup key={g.code} label={`${g.kind === 'component' ? '部件' : '事件'} · ${g.name}`}>
                {g.items.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </details>
        <FieldError name="category" errors={errors} />
      </fieldset>

      <fieldset className="space-y-3 rounded-xl bg-white p-4 shadow-sm">
        <legend className="px-1 text-xl font-bold">3. 位置</legend>
        {prefilled ? (
          <>
            <input type="hidden" name={F.segment} value={prefilled.code} />
            <p className="text-lg">
              问题所在路段：<strong>{prefilled.name}</strong>（{prefilled.code}）
            </p>
            <details open={values.segment !== prefilled.code}>
              <summary className="min-h-12 cursor-pointer py-2 text-lg font-semibold text-brand">不是这里？重新选择路段</summary>
              <label htmlFor="segmentPick" className="block text-lg">
                选择路段
              </label>
              <select id="segmentPick" name={F.segmentPick} value={values.segment === prefilled.code ? '' : values.segment} onChange={(e) => set('segment', e.target.value || prefilled.code)} className={FIELD} {...err('segment')}>
                <option value="">（仍是上面的路段）</option>
                {segmentOptions}
              </select>
            </details>
          </>
        ) : (
          <div>
            <label htmlFor="segment" className="block text-lg">
              问题所在路段（先找街道，再选路段）
            </label>
            <select id="segment" name={F.segment} value={values.segment} onChange={(e) => set('segment', e.target.value)} className={FIELD} {...err('segment')}>
              <option value="">请选择路段（不知道可以不选，填写地址）</option>
              {segmentOptions}
            </select>
          </div>
        )}
        <FieldError name="segment" errors={errors} />
        {enhanced && (
          <div>
            <button type="button" onClick={() => void locateMe()} className="min-h-12 w-full rounded-lg border-2 border-brand px-4 text-lg font-semibold text-brand">
              使用我的位置（自动找最近的路段）
            </button>
            {nearby && (
              <p role="status" className="mt-1 text-lg text-slate-800">
                {nearby}
              </p>
            )}
          </div>
        )}
        <FieldError name="location" errors={errors} />
        <div>
          <label htmlFor="address" className="block text-lg">
            详细地址或标志物（选填）
          </label>
          <input id="address" name={F.address} type="text" maxLength={ADDRESS_MAX} value={values.address} onChange={(e) => set('address', e.target.value)} placeholder="如：中山路 12 号门口" className={FIELD} {...err('address')} />
          <FieldError name="address" errors={errors} />
        </div>
      </fieldset>

      <fieldset className="rounded-xl bg-white p-4 shadow-sm">
        <legend className="px-1 text-xl font-bold">4. 问题描述（选填）</legend>
        <label htmlFor="description" className="sr-only">
          问题描述
        </label>
        <textarea id="description" name={F.description} rows={4} maxLength={DESCRIPTION_MAX} value={values.description} onChange={(e) => set('description', e.target.value)} placeholder="简单说说看到了什么" className={`${FIELD} py-2`} {...err('description')} />
        <p className="text-right text-base text-slate-700" aria-live="polite">
          {[...values.description].length}/{DESCRIPTION_MAX}
        </p>
        <FieldError name="description" errors={errors} />
      </fieldset>

      <fieldset className="space-y-3 rounded-xl bg-white p-4 shadow-sm">
        <legend className="px-1 text-xl font-bold">5. 联系方式（选填，方便回访）</legend>
        <div>
          <label htmlFor="name" className="block text-lg">
            称呼
          </label>
          <input id="name" name={F.name} type="text" autoComplete="name" maxLength={NAME_MAX} value={values.name} onChange={(e) => set('name', e.target.value)} placeholder="如：王先生" className={FIELD} {...err('name')} />
          <FieldError name="name" errors={errors} />
        </div>
        <div>
          <label htmlFor="phone" className="block text-lg">
            手机号
          </label>
          <input id="phone" name={F.phone} type="tel" inputMode="numeric" autoComplete="tel" maxLength={20} value={values.phone} onChange={(e) => set('phone', e.target.value)} className={FIELD} {...err('phone')} />
          <FieldError name="phone" errors={errors} />
        </div>
        <p id="privacy-note" className="text-base text-slate-700">
          称呼和电话只给处理人员回访核实用，不会出现在任何公开页面；也可以用手机号后 4 位查询进度。
        </p>
        <label className="flex min-h-12 items-center gap-3 text-lg">
          <input type="checkbox" name={F.consent} checked={values.consent} onChange={(e) => set('consent', e.target.checked)} className="size-6 shrink-0" aria-describedby="privacy-note" {...err('consent')} />
          我同意按上述说明使用我的称呼和电话
        </label>
        <FieldError name="consent" errors={errors} />
      </fieldset>

      {typeof busy === 'number' && (
        <div>
          <label htmlFor="upload-progress" className="block text-lg">
            正在上传 {Math.round(busy * 100)}%
          </label>
          <progress id="upload-progress" max={1} value={busy} className="h-4 w-full" />
        </div>
      )}
      <button type="submit" disabled={busy !== null} className="min-h-14 w-full rounded-xl bg-brand px-4 text-2xl font-bold text-white hover:bg-brand-dark disabled:bg-slate-500">
        {busy === 'check' ? '正在进行安全校验…' : typeof busy === 'number' ? '正在提交…' : '提交'}
      </button>
    </form>
  );
}

/** Small pieces of the segment page (/r) that the merchant page (/m) shares: a tap-to-call link, a flag badge, fact rows and number tiles. */
import { FLAG_LABEL } from '@/lib/domain/labels';

/** What goes after `tel:`: digits and a leading +, nothing a dialler could misread. */
function dialable(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  return /\d{3,}/.test(digits) ? digits : null;
}

/**
 * A published phone as a large tap-to-call link, or a plain note when there is no number to call
 * (never a `tel:` link that dials nothing).
 */
export function PhoneLink({ phone, who, className = '' }: { phone: string | null | undefined; who: string; className?: string }) {
  const number = dialable(phone);
  if (!number) return <span className={`text-base text-slate-700 ${className}`}>未公布电话</span>;
  return (
    <a
      href={`tel:${number}`}
      className={`inline-flex min-h-11 max-w-full items-center gap-1 rounded-lg border-2 border-brand px-[min(0.75rem,3vw)] py-1 text-lg font-semibold text-brand hover:bg-blue-50 ${className}`}
    >
      <span className="sr-only">拨打{who}电话</span>
      <span aria-hidden="true">☎</span>
      {/* Breaks at the hyphen of 027-8xxx xxxx when the text is very large, never inside the digits. */}
      <span className="min-w-0 wrap-break-word">{phone!.trim()}</span>
    </a>
  );
}

/** The colours of a flag, on a badge or a month square. */
export const FLAG_STYLE = {
  red: 'bg-red-700 text-white',
  black: 'bg-slate-900 text-white',
  none: 'bg-slate-200 text-slate-900',
} as const;

/** A 红旗 / 黑旗 / 无旗 badge; `null` (never rated) reads 未评比. */
export function FlagBadge({ flag }: { flag: keyof typeof FLAG_STYLE | null }) {
  if (!flag) return <span className="inline-block rounded-full bg-slate-100 px-3 py-0.5 text-base text-slate-700">未评比</span>;
  return <span className={`inline-block rounded-full px-3 py-0.5 text-base font-semibold ${FLAG_STYLE[flag]}`}>{FLAG_LABEL[flag]}</span>;
}

/** One `label：value` line of a `<dl>`. */
export function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="inline text-slate-700">{label}：</dt>
      <dd className="inline font-semibold">{children}</dd>
    </div>
  );
}

/** A number tile of a `<dl>` grid. */
export function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-lg bg-slate-100 p-3">
      <dt className="text-base text-slate-700">{label}</dt>
      <dd className="text-2xl font-bold text-slate-900">{value}</dd>
    </div>
  );
}

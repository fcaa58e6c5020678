/**
 * Open311 answers as XML or JSON, the spec's exact content types, and the `{code, description}` error
 * list. Arrays carry their item element name in XML (the Spark convention the spec's JSON follows).
 *
 * The XML is written by hand, not with xmlbuilder2: building its DOM cost ~220 ms for 1,000 requests
 * (docs/decisions.md). The output is what xmlbuilder2 wrote (pretty-printed, two spaces, `<a/>` for an
 * empty element), except that a carriage return is sent as `&#xD;` so an XML parser reads it back
 * instead of normalising it away. tests/unit/open311-format.test.ts holds it to both.
 */
import { OPEN311_CONTENT_TYPE, type Open311Error, type Open311Format } from '../domain/open311';

/** XML element name of one item of each list. */
export const ITEM: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

export type Open311Value = string | number | boolean | null | undefined | Open311Value[] | { [key: string]: Open311Value };

/** Characters XML 1.0 cannot carry at all (C0 controls but tab, LF and CR; lone surrogates; U+FFFE/U+FFFF). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
/** What a text node must escape; CR as a reference, or a parser turns CR LF into LF. */
const MUST_ESCAPE = /[&<>\r]/g;
const ESCAPED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' };
/** Anything either pass would touch: most values need neither. */
const PLAIN = /^[^&<>\u0000-\u0008\u000B-\u001F\uD800-\uDFFF\uFFFE\uFFFF]*$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Text content: characters XML cannot carry become U+FFFD, then & < > and CR are escaped. */
export function xmlText(value: string): string {
  if (PLAIN.test(value)) return value;
  return value.replace(NOT_XML_CHAR, '\uFFFD').replace(MUST_ESCAPE, (c) => ESCAPED[c]!);
}

const checkedNames = new Set<string>();
const pads: string[] = [];

function tag(name: string): string {
  if (checkedNames.has(name)) return name;
  // Element names are this module's own keys, never input: a bad one is a programming error.
  if (!NAME.test(name)) throw new Error(`not an XML element name: ${name}`);
  checkedNames.add(name);
  return name;
}

/** A newline and two spaces per level. */
function pad(depth: number): string {
  return (pads[depth] ??= '\n' + '  '.repeat(depth));
}

/** Writes `<name>` for `value` at `depth` into `out`; a list's items take the list's ITEM name. */
function element(out: string[], depth: number, name: string, value: Open311Value): void {
  if (value === undefined) return; // "may not be returned": absent in both formats
  const p = pad(depth);
  const n = tag(name);
  if (value === null || typeof value !== 'object') {
    // null is an empty element, like JSON's null; so is an empty string.
    const text = value === null ? '' : String(value);
    out.push(text === '' ? `${p}<${n}/>` : `${p}<${n}>${xmlText(text)}</${n}>`);
    return;
  }
  const open = out.length;
  out.push(`${p}<${n}>`);
  if (Array.isArray(value)) {
    const item = ITEM[name] ?? 'item';
    for (const v of value) element(out, depth + 1, item, v);
  } else {
    for (const k of Object.keys(value)) element(out, depth + 1, k, value[k]);
  }
  if (out.length === open + 1) out[open] = `${p}<${n}/>`;
  else out.push(`${p}</${n}>`);
}

/** The body of an answer: `root` names the XML root (its items take ITEM[root]); JSON is the value itself. */
export function serialize(format: Open311Format, root: string, value: Open311Value): string {
  if (format === 'json') return JSON.stringify(value);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  element(out, 0, root, value ?? null);
  return out.join('');
}

export interface Open311Answer {
  status: number;
  format: Open311Format;
  root: string;
  body: Open311Value;
  headers?: Record<string, string>;
}

export function errorAnswer(format: Open311Format, status: number, errors: Open311Error[], headers?: Record<string, string>): Open311Answer {
  return { status, format, root: 'errors', body: errors.map((e) => ({ code: e.code, description: e.description })), headers };
}

export function toResponse(answer: Open311Answer): Response {
  return new Response(serialize(answer.format, answer.root, answer.body), {
    status: answer.status,
    headers: {
      'Content-Type': OPEN311_CONTENT_TYPE[answer.format],
      'Cache-Control': 'no-store',
      'Access-Control-Allow-Origin': '*',
      'X-Content-Type-Options': 'nosniff',
      ...answer.headers,
    },
  });
}

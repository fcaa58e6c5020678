/**
 * Open311 answers as XML (xmlbuilder2: escaping and characters XML cannot carry are its job) or JSON, the
 * spec's exact content types, and the `{code, description}` error list. Arrays carry their item element
 * name in XML (the Spark convention the spec's JSON follows).
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { OPEN311_CONTENT_TYPE, type Open311Error, type Open311Format } from '../domain/open311';

/** XML element name of one item of each list. */
const ITEM: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

export type Open311Value = string | number | boolean | null | undefined | Open311Value[] | { [key: string]: Open311Value };

function fill(el: XMLBuilder, name: string, value: Open311Value): void {
  if (value === undefined) return; // "may not be returned": absent in both formats
  const child = el.ele(name);
  if (value === null) return; // an empty element, like JSON's null
  if (Array.isArray(value)) {
    const item = ITEM[name] ?? 'item';
    for (const v of value) fillItem(child, item, v);
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) fill(child, k, v);
  } else child.txt(String(value));
}

function fillItem(el: XMLBuilder, item: string, value: Open311Value): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const child = el.ele(item);
    for (const [k, v] of Object.entries(value)) fill(child, k, v);
  } else fill(el, item, value);
}

/** The body of an answer: `root` names the XML root (its items take ITEM[root]); JSON is the value itself. */
export function serialize(format: Open311Format, root: string, value: Open311Value): string {
  if (format === 'json') return JSON.stringify(value);
  const doc = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD' });
  if (Array.isArray(value)) {
    const el = doc.ele(root);
    for (const v of value) fillItem(el, ITEM[root] ?? 'item', v);
  } else if (value !== null && typeof value === 'object') {
    const el = doc.ele(root);
    for (const [k, v] of Object.entries(value)) fill(el, k, v);
  } else doc.ele(root).txt(String(value ?? ''));
  return doc.end({ prettyPrint: true });
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

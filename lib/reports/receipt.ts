/** Where a citizen lands after sending a report, and where its receipt's QR code points. */
import type { Receipt } from './submit';

export function receiptPath(receipt: Pick<Receipt, 'number' | 'lookupCode'>): string {
  return `/report/done/${receipt.number}?code=${receipt.lookupCode}`;
}

/** The tracking link printed on the receipt (and in its QR): the public contract /track/{caseNumber}. */
export function trackPath(receipt: Pick<Receipt, 'number' | 'lookupCode'>): string {
  return `/track/${receipt.number}?code=${receipt.lookupCode}`;
}

/**
 * The proof-of-work solver as a Web Worker (started by pow-client.ts): altcha-lib's worker loop with the
 * WebCrypto PBKDF2 (altcha-lib's own `altcha-lib/workers/pbkdf2` uses node:crypto and cannot run here).
 */
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';
import { handler } from 'altcha-lib/workers/shared';

handler({ deriveKey });

import { connection } from 'next/server';
import { getDb } from '@/lib/db';
import { getSettings } from '@/lib/settings/queries';
import { FRAME_FALLBACK, FRAME_SETTING_KEYS, PublicFrame } from './public-frame';

async function footerSettings() {
  try {
    return await getSettings(await getDb(), [...FRAME_SETTING_KEYS]);
  } catch {
    // The page itself reports a database problem; the frame still renders.
    return FRAME_FALLBACK;
  }
}

/** The public frame around every App Router public page. */
export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return <PublicFrame config={await footerSettings()}>{children}</PublicFrame>;
}

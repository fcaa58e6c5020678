/**
 * Noto Sans SC from npm (@expo-google-fonts/noto-sans-sc: full TTFs, 30,890 characters including rare
 * name characters such as 喆 堃 彧 犇 昇), regular and bold. Loaded once per process and kept: satori
 * caches its parsed fonts per array, so the same array must be passed every time.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SatoriOptions } from 'satori';

// Read from node_modules at run time (not imported: bundlers do not know .ttf); next.config traces them.
const FILES = [
  { weight: 400 as const, file: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf' },
  { weight: 700 as const, file: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf' },
];

let fonts: Promise<SatoriOptions['fonts']> | undefined;

export function boardFonts(): Promise<SatoriOptions['fonts']> {
  fonts ??= Promise.all(
    FILES.map(async ({ weight, file }) => ({
      name: 'Noto Sans SC',
      data: await fs.readFile(path.join(process.cwd(), 'node_modules', file)),
      weight,
      style: 'normal' as const,
    })),
  ).catch((error) => {
    fonts = undefined; // never cache a failed read
    throw error;
  });
  return fonts;
}

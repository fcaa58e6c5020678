/** Escapes LIKE wildcards so a search for "50%" or "a_b" means those characters. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

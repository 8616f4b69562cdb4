/**
 * Why a job or a file failed, as its readers see it (jobs and scan results through the API): the
 * cause an investigator can act on ("the video could not be decoded: …"), never where the server
 * keeps things. Paths under the server's private folders (data directory, temp folders) become
 * `<server file>`, tool output is folded onto one line, and the text is capped in length. Applied
 * where such a text is written, so nothing stored holds more.
 */
import { resolve } from 'node:path';

/** Longest reason kept; a short cause, not a tool's whole output. */
export const MAX_REASON = 300;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function publicReason(text: string, privateDirs: readonly string[], max: number = MAX_REASON): string {
  let out = text;
  const dirs = [...new Set(privateDirs.filter((d) => d.length > 0).map((d) => resolve(d).replace(/\/+$/, '')))];
  // Longest first, so a folder inside another is replaced whole.
  dirs.sort((a, b) => b.length - a.length);
  for (const dir of dirs) {
    if (dir === '') continue;
    const path = new RegExp(`(?:file:)?${escapeRegExp(dir)}(?:/[^\\s'"\`,;:()]*)?(?![^\\s/'"\`,;:()])`, 'g');
    out = out.replace(path, '<server file>');
  }
  out = out
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
  if (out.length > max) out = `${out.slice(0, max - 1).trimEnd()}…`;
  return out;
}

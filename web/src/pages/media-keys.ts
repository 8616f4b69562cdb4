/**
 * What a key does on the media page: categorise with digits (the n-th value of the scheme), move
 * to the previous or next item (arrows, j/k; mirrored in a right-to-left layout), reveal or blur,
 * greyscale, back. Keys typed into a form field do nothing here.
 */
export type MediaKeyAction =
  | { kind: 'category'; index: number }
  | { kind: 'step'; by: -1 | 1 }
  | { kind: 'reveal' }
  | { kind: 'greyscale' }
  | { kind: 'back' };

export function mediaKeyAction(
  key: string,
  options: { rtl?: boolean; inField?: boolean; modifier?: boolean } = {},
): MediaKeyAction | null {
  if (options.inField || options.modifier) return null;
  if (/^[0-9]$/.test(key)) return { kind: 'category', index: Number(key) };
  const forward = options.rtl ? 'ArrowLeft' : 'ArrowRight';
  const backward = options.rtl ? 'ArrowRight' : 'ArrowLeft';
  if (key === forward || key === 'j') return { kind: 'step', by: 1 };
  if (key === backward || key === 'k') return { kind: 'step', by: -1 };
  if (key === 'r' || key === 'R') return { kind: 'reveal' };
  if (key === 'g' || key === 'G') return { kind: 'greyscale' };
  if (key === 'Escape') return { kind: 'back' };
  return null;
}

/** The neighbour of `id` in `ids` (the exhibit's review order), or null at either end. */
export function neighbour(ids: readonly number[], id: number, by: -1 | 1): number | null {
  const at = ids.indexOf(id);
  if (at < 0) return null;
  return ids[at + by] ?? null;
}

/** The start of the local day of `now`, in ms (what "today" means for the exposure counter). */
export function startOfLocalDay(now: Date): number {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
}

/** Where the app gets a media item's pictures: always through the audited thumbnail route. */

/** The thumbnail (or a video's still), blurred by the server unless `reveal`. */
export function thumbUrl(id: number, o: { reveal?: boolean; greyscale?: boolean; still?: number } = {}): string {
  const q = new URLSearchParams();
  if (o.reveal) q.set('reveal', 'true');
  if (o.greyscale) q.set('greyscale', 'true');
  if (o.still !== undefined) q.set('still', String(o.still));
  const s = q.toString();
  return `/api/v1/media/${id}/thumbnail${s ? `?${s}` : ''}`;
}

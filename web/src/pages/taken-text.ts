/** A capture time as the file states it: its own wall-clock text, and its zone only when it gives one. */
export interface Taken {
  local: string;
  offsetMinutes: number | null;
}

/** "2024-05-01 14:03:22 +02:00" from the file's own wall-clock text and zone (no zone: none shown). */
export function takenText(taken: Taken): string {
  const local = taken.local.replace('T', ' ');
  if (taken.offsetMinutes === null) return local;
  const m = Math.abs(taken.offsetMinutes);
  const zone = `${taken.offsetMinutes < 0 ? '−' : '+'}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return `${local} ${zone}`;
}

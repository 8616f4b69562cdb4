/** The audit page's filters as the API's query (pure, so it is tested without a browser). */

export interface Filters {
  action: string;
  recordKind: string;
  recordId: string;
  actorUserId: string;
  from: string;
  to: string;
}

export const EMPTY_FILTERS: Filters = { action: '', recordKind: '', recordId: '', actorUserId: '', from: '', to: '' };

/** The API query for the form's filters: blank fields left out, dates as the local day's bounds. */
export function auditQuery(f: Filters, cursor?: string) {
  const id = (s: string) => (/^[1-9][0-9]*$/.test(s.trim()) ? Number(s.trim()) : undefined);
  const day = (s: string, end: boolean) =>
    s ? new Date(`${s}T${end ? '23:59:59.999' : '00:00:00'}`).getTime() : undefined;
  return {
    limit: 50,
    ...(cursor ? { cursor } : {}),
    ...(f.action.trim() ? { action: f.action.trim() } : {}),
    ...(f.recordKind.trim() ? { recordKind: f.recordKind.trim() } : {}),
    ...(id(f.recordId) ? { recordId: id(f.recordId) } : {}),
    ...(id(f.actorUserId) ? { actorUserId: id(f.actorUserId) } : {}),
    ...(day(f.from, false) !== undefined ? { from: day(f.from, false) } : {}),
    ...(day(f.to, true) !== undefined ? { to: day(f.to, true) } : {}),
  };
}

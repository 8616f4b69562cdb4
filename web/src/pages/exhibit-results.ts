/** An exhibit and all its scan results, for the triage table and the review grid. */
import { api, unwrap } from '../api/client';

/** The exhibit with every scan result, page by page (200 a page; the API's largest). */
export async function loadExhibit(id: number) {
  const exhibit = await unwrap(api.GET('/api/v1/exhibits/{id}', { params: { path: { id }, query: { limit: 200 } } }));
  const allResults = [...exhibit.scanResults.items];
  let cursor = exhibit.scanResults.nextCursor;
  for (let pages = 0; cursor && pages < 100; pages++) {
    const page = await unwrap(
      api.GET('/api/v1/exhibits/{id}/scan-results', { params: { path: { id }, query: { limit: 200, cursor } } }),
    );
    allResults.push(...page.items);
    cursor = page.nextCursor;
  }
  return { ...exhibit, allResults };
}

/** Review order: what needs a person first comes first. */
export const STATUS_ORDER = ['new', 'near-duplicate', 'known', 'ignorable', 'error'];

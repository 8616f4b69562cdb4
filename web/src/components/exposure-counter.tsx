/**
 * The signed-in person's exposure today (items revealed in the clear since local midnight), always
 * in view in the top bar. Refreshed when the app reveals something and every minute.
 */
import { useEffect, useState } from 'react';
import { api, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { startOfLocalDay } from '../pages/media-keys';

export const REVEALED_EVENT = 'vigil:revealed';

/** Tells the counter that something was revealed (it asks the server, which counts from the audit log). */
export function announceReveal(): void {
  window.dispatchEvent(new Event(REVEALED_EVENT));
}

export function ExposureCounter() {
  const { t } = useI18n();
  const [items, setItems] = useState<number | null>(null);
  useEffect(() => {
    let alive = true;
    const load = async () => {
      const since = startOfLocalDay(new Date());
      const got = await unwrap(api.GET('/api/v1/me/exposure', { params: { query: { since } } })).catch(() => null);
      if (alive && got) setItems(got.items);
    };
    void load();
    const timer = setInterval(() => void load(), 60_000);
    window.addEventListener(REVEALED_EVENT, load);
    return () => {
      alive = false;
      clearInterval(timer);
      window.removeEventListener(REVEALED_EVENT, load);
    };
  }, []);
  if (items === null) return null;
  return (
    <span className="exposure" title={t('exposure.title')} data-testid="exposure">
      {t('exposure.label', { n: items })}
    </span>
  );
}

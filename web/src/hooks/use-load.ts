/**
 * Loads data for a page, again when `key` changes and on demand; errors become a message, never
 * a blank page. The latest `load` is always the one called.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from '../api/error-text';

export function useLoad<T>(load: () => Promise<T>, key = '') {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(load);
  latest.current = load;
  const reload = useCallback(async () => {
    try {
      setData(await latest.current());
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    }
  }, []);
  useEffect(() => {
    void key;
    void reload();
  }, [reload, key]);
  return { data, error, reload, setError };
}

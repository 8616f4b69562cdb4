/**
 * What a page hands the next one in this browser tab (sessionStorage: this tab only, gone when it
 * closes), as JSON. The storage is typed here so the modules using it type-check (and are
 * unit-tested) without the DOM. A storage that is missing, full or refused keeps nothing and reads
 * as nothing: what is kept there is a convenience, never a need.
 */
export interface TabStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const sessionStore = (): TabStorage | undefined => (globalThis as { sessionStorage?: TabStorage }).sessionStorage;

/** The value kept under `key`, parsed; null when there is none or it cannot be read. The caller checks its shape. */
export function readTab(key: string, store = sessionStore()): unknown {
  try {
    const raw = store?.getItem(key);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

/** Keeps `value` under `key` for the tab, if the storage lets it. */
export function keepInTab(key: string, value: unknown, store = sessionStore()): void {
  try {
    store?.setItem(key, JSON.stringify(value));
  } catch {
    // Full or refused: not kept.
  }
}

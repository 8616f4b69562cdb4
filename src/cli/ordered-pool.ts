/**
 * Runs `work` over items with bounded concurrency and hands results to `emit` in input order,
 * so output stays deterministic while all cores are busy. No item starts more than `window`
 * places ahead of the next one to emit, so finished-but-waiting results stay bounded too.
 */
export async function runOrdered<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
  emit: (result: R, item: T, index: number) => void,
  window = concurrency * 4,
): Promise<void> {
  const results = new Map<number, R>();
  let next = 0;
  let emitted = 0;
  let wake: (() => void) | undefined;
  let waiting: Promise<void> | undefined;
  const flush = () => {
    while (results.has(emitted)) {
      const r = results.get(emitted) as R;
      results.delete(emitted);
      emit(r, items[emitted], emitted);
      emitted++;
    }
    wake?.();
    wake = undefined;
    waiting = undefined;
  };
  const lane = async () => {
    while (next < items.length) {
      while (next >= emitted + window) {
        waiting ??= new Promise<void>((resolve) => {
          wake = resolve;
        });
        await waiting;
      }
      const i = next++;
      results.set(i, await work(items[i], i));
      flush();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
}

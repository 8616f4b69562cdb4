/**
 * Runs `work` over a stream of items, up to `concurrency` at once, and yields the results in input
 * order. Only `concurrency` items are in flight or waiting, so memory stays bounded however long
 * the stream (back-pressure: the next item is pulled only when a slot frees). `work` should not
 * throw; if it does, the error surfaces when its result's turn comes.
 */
export async function* mapOrdered<T, R>(
  source: AsyncIterable<T> | Iterable<T>,
  concurrency: number,
  work: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const iterator =
    Symbol.asyncIterator in source
      ? (source as AsyncIterable<T>)[Symbol.asyncIterator]()
      : (source as Iterable<T>)[Symbol.iterator]();
  type Settled = { ok: true; value: R } | { ok: false; error: unknown };
  const queue: Promise<Settled>[] = [];
  let exhausted = false;
  const fill = async () => {
    while (!exhausted && queue.length < Math.max(1, concurrency)) {
      const next = await iterator.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      queue.push(
        work(next.value).then(
          (value) => ({ ok: true, value }),
          (error) => ({ ok: false, error }),
        ),
      );
    }
  };
  try {
    await fill();
    while (queue.length > 0) {
      const settled = await (queue.shift() as Promise<Settled>);
      if (!settled.ok) throw settled.error;
      yield settled.value;
      await fill();
    }
  } finally {
    await iterator.return?.();
  }
}

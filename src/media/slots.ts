/**
 * A counting semaphore: at most `size` holders at once, the rest wait in arrival order. Bounds a
 * task queue by making callers wait (back-pressure) instead of growing it.
 */
export class Slots {
  readonly #size: number;
  #held = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`Slots: size must be a positive integer, got ${size}`);
    this.#size = size;
  }

  get held(): number {
    return this.#held;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  acquire(): Promise<void> {
    if (this.#held < this.#size) {
      this.#held++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** Hands the slot to the next waiter, if any, else frees it. */
  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held--;
  }
}

/**
 * The registry of signal types. Names are lower_snake and checked unique when it is built.
 */
import { AppError } from '../domain/app-error.js';
import { createCryptoSignalType } from './crypto/crypto.signal.js';
import { pdqSignalType } from './pdq/pdq.signal.js';
import type { SignalType } from './signal-type.js';
import { vpdqSignalType } from './vpdq/vpdq.signal.js';

const NAME_RE = /^[a-z][a-z0-9_]*$/;

export interface SignalRegistry {
  get(name: string): SignalType;
  has(name: string): boolean;
  list(): readonly SignalType[];
}

export function createSignalRegistry(types: readonly SignalType[]): SignalRegistry {
  const byName = new Map<string, SignalType>();
  for (const t of types) {
    if (!NAME_RE.test(t.name)) throw new AppError('internal', `Signal type name "${t.name}" is not lower_snake.`);
    if (byName.has(t.name)) throw new AppError('internal', `Signal type "${t.name}" is registered twice.`);
    byName.set(t.name, t);
  }
  return {
    get(name) {
      const t = byName.get(name);
      if (!t) {
        throw new AppError(
          'unknown-signal-type',
          `Unknown signal type "${name}"; known: ${[...byName.keys()].join(', ')}.`,
        );
      }
      return t;
    },
    has: (name) => byName.has(name),
    list: () => [...byName.values()],
  };
}

export function defaultSignalTypes(): SignalType[] {
  return [
    createCryptoSignalType('md5'),
    createCryptoSignalType('sha1'),
    createCryptoSignalType('sha256'),
    pdqSignalType,
    vpdqSignalType,
  ];
}

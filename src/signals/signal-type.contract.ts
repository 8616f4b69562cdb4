/**
 * The contract every SignalType passes (DESIGN.md §4). A new hash kind registers itself and adds
 * one `signalTypeContract(...)` call in signal-types.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../domain/app-error.js';
import { createSignalRegistry } from './registry.js';
import type { SignalType } from './signal-type.js';

export interface ContractSample {
  /** A file whose value is known from an independent source. */
  file: string;
  expected: string;
  /** A second valid value, different from `expected`. */
  other: string;
}

export function signalTypeContract(type: SignalType, sample: ContractSample): void {
  describe(`SignalType contract: ${type.name}`, () => {
    test('has a lower_snake name the registry accepts, alone and next to itself only once', () => {
      assert.match(type.name, /^[a-z][a-z0-9_]*$/);
      assert.equal(createSignalRegistry([type]).get(type.name), type);
      assert.throws(() => createSignalRegistry([type, type]), /registered twice/);
    });

    test('declares what it hashes and a threshold within its distance range', () => {
      assert.ok(type.contentTypes.length > 0);
      assert.ok(type.defaultThreshold >= 0 && type.defaultThreshold <= type.maxDistance);
      assert.equal(type.exact, type.defaultThreshold === 0);
    });

    test('normalises case and surrounding space, and round-trips its own values', () => {
      assert.equal(type.normalize(` ${sample.expected.toUpperCase()}\n`), sample.expected);
      assert.equal(type.normalize(sample.expected), sample.expected);
      assert.ok(type.isValid(sample.expected) && type.isValid(sample.other));
    });

    test('rejects malformed values with a typed error that says why', () => {
      const bad = ['', sample.expected.slice(1), `${sample.expected}0`, `${sample.expected.slice(1)}g`, 'not a hash'];
      for (const value of bad) {
        assert.equal(type.isValid(value), false, value);
        assert.throws(
          () => type.normalize(value),
          (e: unknown) => AppError.is(e, 'invalid-signal') && e.message.length > 10,
          value,
        );
      }
    });

    test('distance is 0 to itself, symmetric and positive between different values', () => {
      assert.equal(type.distance(sample.expected, sample.expected), 0);
      const d = type.distance(sample.expected, sample.other);
      assert.ok(d > 0 && d <= type.maxDistance, `distance ${d}`);
      assert.equal(type.distance(sample.other, sample.expected), d);
    });

    test('computes the known value from a file, deterministically', async () => {
      const first = await type.fromFile(sample.file);
      assert.equal(first.type, type.name);
      assert.equal(first.value, sample.expected);
      assert.equal((await type.fromFile(sample.file)).value, first.value);
    });

    test('reports a missing file as a typed error', async () => {
      await assert.rejects(type.fromFile(`${sample.file}.does-not-exist`), (e: unknown) =>
        AppError.is(e, 'unreadable-file'),
      );
    });
  });
}

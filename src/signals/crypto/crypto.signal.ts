/**
 * md5, sha1 and sha256 as signal types. Pipelines compute all three in one read with
 * `digestFile`; `fromFile` here reads for one algorithm only.
 */
import { AppError } from '../../domain/app-error.js';
import type { SignalType } from '../signal-type.js';
import { type DigestAlgorithm, digestFile } from './file-digests.js';

const HEX_LENGTH: Record<DigestAlgorithm, number> = { md5: 32, sha1: 40, sha256: 64 };

export function createCryptoSignalType(algorithm: DigestAlgorithm): SignalType {
  const length = HEX_LENGTH[algorithm];
  const re = new RegExp(`^[0-9a-fA-F]{${length}}$`);
  const normalize = (value: string): string => {
    const v = value.trim();
    if (re.test(v)) return v.toLowerCase();
    const why =
      v.length !== length
        ? `it has ${v.length} characters, ${algorithm} has ${length}`
        : 'it holds characters other than 0-9 and a-f';
    throw new AppError('invalid-signal', `Not an ${algorithm} hash: ${why}.`);
  };
  return {
    name: algorithm,
    contentTypes: ['file'],
    exact: true,
    defaultThreshold: 0,
    maxDistance: 1,
    normalize,
    isValid: (value) => re.test(value.trim()),
    distance: (a, b) => (normalize(a) === normalize(b) ? 0 : 1),
    async fromFile(path) {
      const digests = await digestFile(path, [algorithm]);
      return { type: algorithm, value: digests[algorithm] };
    },
  };
}

/**
 * Where tests find things outside the repo: the shared conformance vectors are read in place from
 * ../shared/conformance (never copied). Only a stranger's clone lacks that folder; tests that
 * need it then skip with this reason.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CONFORMANCE_DIR = process.env.VIGIL_CONFORMANCE_DIR ?? resolve(REPO_ROOT, '../shared/conformance');
export const PDQ_VECTORS = resolve(CONFORMANCE_DIR, 'pdq');

/** `false` when the vectors are here; otherwise the reason a test skips. */
export const conformanceMissing: false | string = existsSync(PDQ_VECTORS)
  ? false
  : `conformance vectors not found at ${CONFORMANCE_DIR} (a checkout without ../shared); set VIGIL_CONFORMANCE_DIR`;

export const VPDQ_VECTORS = resolve(CONFORMANCE_DIR, 'vpdq');

/** Like `conformanceMissing`, for the vPDQ sample videos and their expected hashes. */
export const vpdqConformanceMissing: false | string = existsSync(VPDQ_VECTORS)
  ? false
  : `vPDQ conformance vectors not found at ${VPDQ_VECTORS} (a checkout without ../shared); set VIGIL_CONFORMANCE_DIR`;

/**
 * Where every command keeps its data (the SQLite file, blobs, reports, index snapshots): `--db`,
 * else `$VIGIL_DATA_DIR`, else `./data`, so `vigil scan` on a laptop fills the same database that
 * `vigil serve` (`npm start`) shows.
 */
import { resolve } from 'node:path';

export const DATA_DIR_HELP = 'data directory (default: $VIGIL_DATA_DIR, else ./data)';

export function dataDirOf(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(flag ?? env.VIGIL_DATA_DIR ?? 'data');
}

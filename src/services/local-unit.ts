/**
 * The embedded (laptop) install's own agency: every case scanned and every list imported there
 * belongs to it. Created on first use; a multi-agency server has real agencies instead.
 */
import type { Agency } from '../domain/agency.record.js';
import { AgencyRepository } from '../storage/agency.repository.js';
import { databaseConfigFromEnv } from '../storage/database.config.js';
import { createDatabase, type VigilDatabase } from '../storage/database.js';

export const LOCAL_UNIT = { countryCode: 'ZZ', name: 'Local unit' };

export async function localUnit(database: VigilDatabase): Promise<Agency> {
  const agencies = new AgencyRepository(database.db);
  return (await agencies.list()).find((a) => a.name === LOCAL_UNIT.name) ?? agencies.create(LOCAL_UNIT);
}

/** Opens the data directory's database (or DATABASE_URL's), runs `work` as the local unit, closes it. */
export async function withLocalUnit<T>(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  work: (unit: { database: VigilDatabase; agencyId: number }) => Promise<T>,
): Promise<T> {
  const database = await createDatabase(databaseConfigFromEnv(env, dataDir));
  try {
    const agency = await localUnit(database);
    return await work({ database, agencyId: agency.id });
  } finally {
    await database.destroy();
  }
}

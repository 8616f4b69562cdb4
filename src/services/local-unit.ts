/**
 * The embedded (laptop) install's own agency: every case scanned there belongs to it. Created on
 * first use; a multi-agency server has real agencies instead.
 */
import type { Agency } from '../domain/agency.record.js';
import { AgencyRepository } from '../storage/agency.repository.js';
import type { VigilDatabase } from '../storage/database.js';

export const LOCAL_UNIT = { countryCode: 'ZZ', name: 'Local unit' };

export async function localUnit(database: VigilDatabase): Promise<Agency> {
  const agencies = new AgencyRepository(database.db);
  return (await agencies.list()).find((a) => a.name === LOCAL_UNIT.name) ?? agencies.create(LOCAL_UNIT);
}

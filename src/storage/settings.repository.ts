/**
 * Installation-wide settings as key/value text (e.g. which agency operates the hub). I/O only.
 */
import type { Kysely } from 'kysely';
import type { VigilSchema } from './schema.js';

export class SettingsRepository {
  constructor(private readonly db: Kysely<VigilSchema>) {}

  async get(key: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('installation_settings')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.value ?? null;
  }

  /** Sets the value only when the key has none; returns the value now stored. */
  async setIfAbsent(key: string, value: string): Promise<string> {
    await this.db
      .insertInto('installation_settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return (await this.get(key)) ?? value;
  }
}

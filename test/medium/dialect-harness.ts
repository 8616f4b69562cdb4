/**
 * Runs a suite once per dialect (the DIALECTS list, after Kysely's own tests): SQLite in a fresh
 * temp folder, and the real PostgreSQL on 127.0.0.1:5432 in a fresh `vigil_test_<random>`
 * database, dropped at the end (see ../support/scratch-database.ts). No PostgreSQL, no pass: its
 * suites fail and say how to start it.
 */
import { after, before, describe } from 'node:test';
import { type CreateDatabaseOptions, createDatabase, type VigilDatabase } from '../../src/storage/database.js';
import { DIALECTS, type DialectName } from '../../src/storage/dialect-name.js';
import { createScratchTarget, type ScratchTarget } from '../support/scratch-database.js';

export { createScratchTarget, DIALECTS, type ScratchTarget };

export interface DialectSuite {
  readonly dialect: DialectName;
  /** The suite's database: fresh, migrated, shared by the suite's tests. */
  readonly database: VigilDatabase;
  readonly target: ScratchTarget;
}

/** `describe(name [dialect])` for each dialect, with a fresh database opened before and removed after. */
export function describeEachDialect(
  name: string,
  body: (suite: DialectSuite) => void,
  options: CreateDatabaseOptions = {},
): void {
  for (const dialect of DIALECTS) {
    describe(`${name} [${dialect}]`, () => {
      let target: ScratchTarget | undefined;
      let database: VigilDatabase | undefined;
      const suite: DialectSuite = {
        dialect,
        get database() {
          if (!database) throw new Error(`no ${dialect} database: the suite's set-up failed`);
          return database;
        },
        get target() {
          if (!target) throw new Error(`no ${dialect} target: the suite's set-up failed`);
          return target;
        },
      };
      before(async () => {
        target = await createScratchTarget(dialect);
        database = await createDatabase(target.config, options);
      });
      after(async () => {
        await database?.destroy();
        await target?.cleanup();
      });
      body(suite);
    });
  }
}

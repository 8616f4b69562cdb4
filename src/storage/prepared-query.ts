/**
 * A query built and compiled once per dialect, then run many times with new parameter values.
 * Building and compiling a Kysely query costs tens of microseconds, most of a point lookup's time
 * on SQLite; hot lookups skip it. The query is compiled with placeholder values, and the compiled
 * parameters must be exactly those placeholders in order, so a builder that adds parameters of
 * its own (a `limit`, say) is refused rather than run with shifted values.
 */
import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import { AppError } from '../domain/app-error.js';
import type { DialectName } from './dialect-name.js';
import type { VigilSchema } from './schema.js';

export class PreparedQuery<Row> {
  private readonly compiled = new Map<DialectName, CompiledQuery<Row>>();

  /** `build` receives one placeholder value per parameter and must use each once, in order. */
  constructor(
    private readonly parameterCount: number,
    private readonly build: (db: Kysely<VigilSchema>, ...placeholders: string[]) => Compilable<Row>,
  ) {}

  async execute(db: Kysely<VigilSchema>, dialect: DialectName, parameters: readonly unknown[]): Promise<Row[]> {
    if (parameters.length !== this.parameterCount) {
      throw new AppError('internal', `Prepared query takes ${this.parameterCount} values, got ${parameters.length}.`);
    }
    let compiled = this.compiled.get(dialect);
    if (!compiled) {
      compiled = this.compile(db);
      this.compiled.set(dialect, compiled);
    }
    const { rows } = await db.executeQuery<Row>({ ...compiled, parameters });
    return rows;
  }

  private compile(db: Kysely<VigilSchema>): CompiledQuery<Row> {
    const placeholders = Array.from({ length: this.parameterCount }, (_, i) => `\u0000p${i}`);
    const compiled = this.build(db, ...placeholders).compile();
    const same =
      compiled.parameters.length === placeholders.length && compiled.parameters.every((p, i) => p === placeholders[i]);
    if (!same) throw new AppError('internal', `Prepared query's parameters are not its placeholders: ${compiled.sql}`);
    return compiled;
  }
}

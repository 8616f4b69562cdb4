/** The two databases Vigil runs on: SQLite embedded (the default), PostgreSQL when served. */
export const DIALECTS = ['sqlite', 'postgres'] as const;
export type DialectName = (typeof DIALECTS)[number];

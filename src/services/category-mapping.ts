/**
 * Maps a category value of one scheme to a value of another through the mapping rows (migration
 * 0002 and 0008; an installation may add its own). A row `from → to` says every item in `from`
 * is also in `to` (`narrower`) or that they are the same (`equivalent`); steps compose, so UK CAID
 * A → Project VIC 1 → … is followed. A value maps to a target value only when everything it holds
 * is in that value: Project VIC 2 maps to DHS 3 (equivalent), DHS 1 maps to Project VIC 1, but
 * Project VIC 1 maps to no single DHS value, and that is reported, never guessed.
 */
import type { CategoryMapping, CategoryScheme, CategoryValue } from '../domain/category.record.js';
import type { CategoryRepository } from '../storage/category.repository.js';

export type MapResult =
  | { ok: true; value: CategoryValue; exact: boolean }
  | { ok: false; code: 'unknown-category' | 'unmapped-category'; reason: string };

interface Edge {
  to: number;
  /** True when the step holds both ways (equivalent). */
  both: boolean;
}

export class CategoryMapper {
  private constructor(
    private readonly schemes: Map<string, CategoryScheme>,
    private readonly values: Map<number, CategoryValue>,
    /** Scheme id → value code (upper-cased) → value. */
    private readonly byCode: Map<number, Map<string, CategoryValue>>,
    private readonly within: Map<number, Edge[]>,
  ) {}

  static async load(repo: CategoryRepository): Promise<CategoryMapper> {
    const schemes = new Map<string, CategoryScheme>();
    const values = new Map<number, CategoryValue>();
    const byCode = new Map<number, Map<string, CategoryValue>>();
    for (const scheme of await repo.listSchemes()) {
      schemes.set(scheme.code, scheme);
      const codes = new Map<string, CategoryValue>();
      for (const v of await repo.listValues(scheme.id)) {
        values.set(v.id, v);
        codes.set(v.code.toUpperCase(), v);
      }
      byCode.set(scheme.id, codes);
    }
    return new CategoryMapper(schemes, values, byCode, edges(await repo.listMappings()));
  }

  scheme(code: string): CategoryScheme | null {
    return this.schemes.get(code) ?? null;
  }

  schemeById(id: number): CategoryScheme | null {
    for (const s of this.schemes.values()) if (s.id === id) return s;
    return null;
  }

  schemeCodes(): string[] {
    return [...this.schemes.keys()];
  }

  valueById(id: number): CategoryValue | null {
    return this.values.get(id) ?? null;
  }

  /** A value of the scheme by its code, case-insensitive (`a` is CAID `A`). */
  find(schemeCode: string, valueCode: string): MapResult {
    const scheme = this.schemes.get(schemeCode);
    const value = scheme ? this.byCode.get(scheme.id)?.get(valueCode.trim().toUpperCase()) : undefined;
    if (!value) {
      return {
        ok: false,
        code: 'unknown-category',
        reason: `"${valueCode.slice(0, 40)}" is not a ${schemeCode} category`,
      };
    }
    return { ok: true, value, exact: true };
  }

  /** The value of `toScheme` that holds everything `valueId` holds, the narrowest such. */
  map(valueId: number, toScheme: string): MapResult {
    const from = this.values.get(valueId);
    const target = this.schemes.get(toScheme);
    if (!from || !target)
      return { ok: false, code: 'unknown-category', reason: `no category ${valueId} or scheme ${toScheme}` };
    if (from.schemeId === target.id) return { ok: true, value: from, exact: true };
    const reached = this.reach(valueId);
    const candidates = [...reached].filter(([id]) => this.values.get(id)?.schemeId === target.id);
    const name = `${this.schemeOf(from)} ${from.code}`;
    if (candidates.length === 0) {
      const held = [...this.values.values()]
        .filter((v) => v.schemeId === target.id && this.reach(v.id).has(valueId))
        .map((v) => v.code);
      const why = held.length > 0 ? ` (only the narrower ${toScheme} ${held.join(', ')} map into it)` : '';
      return { ok: false, code: 'unmapped-category', reason: `${name} lies in no ${toScheme} value${why}` };
    }
    const exact = candidates.find(([, both]) => both);
    if (exact) return { ok: true, value: this.values.get(exact[0]) as CategoryValue, exact: true };
    // Several broader values: the one within all the others, if there is one.
    const narrowest = candidates.find(([id]) =>
      candidates.every(([other]) => other === id || this.reach(id).has(other)),
    );
    if (!narrowest) {
      const codes = candidates.map(([id]) => this.values.get(id)?.code).join(', ');
      return {
        ok: false,
        code: 'unmapped-category',
        reason: `${name} lies in more than one ${toScheme} value (${codes})`,
      };
    }
    return { ok: true, value: this.values.get(narrowest[0]) as CategoryValue, exact: false };
  }

  /** Values that hold everything `start` holds, each with whether they are also held by it. */
  private reach(start: number): Map<number, boolean> {
    const seen = new Map<number, boolean>([[start, true]]);
    const queue = [start];
    while (queue.length > 0) {
      const at = queue.shift() as number;
      const bothSoFar = seen.get(at) as boolean;
      for (const edge of this.within.get(at) ?? []) {
        const both = bothSoFar && edge.both;
        const had = seen.get(edge.to);
        if (had === undefined || (both && !had)) {
          seen.set(edge.to, both);
          queue.push(edge.to);
        }
      }
    }
    seen.delete(start);
    return seen;
  }

  private schemeOf(value: CategoryValue): string {
    for (const s of this.schemes.values()) if (s.id === value.schemeId) return s.code;
    return '?';
  }
}

function edges(mappings: readonly CategoryMapping[]): Map<number, Edge[]> {
  const within = new Map<number, Edge[]>();
  const add = (from: number, edge: Edge) => {
    const list = within.get(from) ?? [];
    list.push(edge);
    within.set(from, list);
  };
  for (const m of mappings) {
    const both = m.relation === 'equivalent';
    add(m.fromValueId, { to: m.toValueId, both });
    if (both) add(m.toValueId, { to: m.fromValueId, both });
  }
  return within;
}

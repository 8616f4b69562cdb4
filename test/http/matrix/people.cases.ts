/** Matrix cases of people.routes.ts: victims and offenders of the caller's agency, and another agency's. */
import { aPerson } from '../../support/hub-records.js';
import type { MatrixCases } from './matrix-case.js';

let n = 0;

function casesOf(kind: 'victim' | 'offender', plural: string): MatrixCases {
  const base = `/api/v1/${plural}`;
  return {
    [`GET ${base}`]: { own: async () => ({ method: 'GET', url: base }) },
    [`POST ${base}`]: {
      own: async () => ({ method: 'POST', url: base, body: { reference: `MX-${kind}-${++n}` } }),
    },
    [`GET ${base}/:id`]: {
      own: async ({ suite, ownAgency }) => ({ method: 'GET', url: `${base}/${await aPerson(suite, kind, ownAgency)}` }),
      other: async ({ suite, otherAgency }) => ({
        method: 'GET',
        url: `${base}/${await aPerson(suite, kind, otherAgency)}`,
      }),
    },
    [`PATCH ${base}/:id`]: {
      own: async ({ suite, ownAgency }) => ({
        method: 'PATCH',
        url: `${base}/${await aPerson(suite, kind, ownAgency)}`,
        body: { identified: {} },
      }),
      other: async ({ suite, otherAgency }) => ({
        method: 'PATCH',
        url: `${base}/${await aPerson(suite, kind, otherAgency)}`,
        body: { identified: {} },
      }),
    },
  };
}

export const peopleCases: MatrixCases = { ...casesOf('victim', 'victims'), ...casesOf('offender', 'offenders') };

/** Matrix cases of notes.routes.ts: notes of the caller's agency, and another agency's unshared one. */
import { NoteRepository } from '../../../src/storage/note.repository.js';
import type { ApiClient, ServerSuite } from '../../support/http-harness.js';
import { aSeries } from '../../support/hub-records.js';
import type { MatrixCases } from './matrix-case.js';

async function aNote(suite: ServerSuite, agencyId: number, author: ApiClient): Promise<number> {
  const note = await new NoteRepository(suite.vigil.database.db).create({
    agencyId,
    authorId: author.actor?.userId ?? 0,
    subject: { kind: 'series', id: await aSeries(suite, agencyId) },
    body: 'Matrix note',
  });
  return note.id;
}

export const noteCases: MatrixCases = {
  // A thread is the notes visible to the caller: another agency's subject gives an empty thread.
  'GET /api/v1/notes': {
    own: async ({ suite, ownAgency }) => ({
      method: 'GET',
      url: `/api/v1/notes?record=series:${await aSeries(suite, ownAgency)}`,
    }),
  },
  'POST /api/v1/notes': {
    own: async ({ suite, ownAgency }) => ({
      method: 'POST',
      url: '/api/v1/notes',
      body: { record: `series:${await aSeries(suite, ownAgency)}`, body: 'A note', visibleTo: [] },
    }),
    other: async ({ suite, otherAgency }) => ({
      method: 'POST',
      url: '/api/v1/notes',
      body: { record: `series:${await aSeries(suite, otherAgency)}`, body: 'A note', visibleTo: [] },
    }),
  },
  'GET /api/v1/notes/:id': {
    own: async ({ suite, ownAgency, ownAnalyst }) => ({
      method: 'GET',
      url: `/api/v1/notes/${await aNote(suite, ownAgency, ownAnalyst)}`,
    }),
    other: async ({ suite, otherAgency, otherAnalyst }) => ({
      method: 'GET',
      url: `/api/v1/notes/${await aNote(suite, otherAgency, otherAnalyst)}`,
    }),
  },
};

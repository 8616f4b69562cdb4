/** Note routes: the thread of a series or case, writing a note, one note. Every read is audited by NoteService. */
import type { Note } from '../../domain/note.record.js';
import { NOTE_SUBJECT_KINDS } from '../../services/note.service.js';
import { parseRecordRef } from '../../services/record-access.js';
import type { RouteModule } from '../http-app.js';
import { actorOf } from './actor-of.js';
import { NoteBody, NoteListQuery, NoteOut, NoteThread } from './notes.schema.js';
import { IdParams } from './record-common.schema.js';

const tags = ['notes'];

function noteOut(note: Note) {
  const { subject, ...rest } = note;
  return { ...rest, record: subject };
}

export const noteRoutes: RouteModule = (app, vigil) => {
  app.get(
    '/api/v1/notes',
    {
      config: { access: { kind: 'note', action: 'read' } },
      schema: {
        tags,
        summary: 'The notes of a series’ or case’s thread this agency may read (each read is audited)',
        querystring: NoteListQuery,
        response: { 200: NoteThread },
      },
    },
    async (request) => {
      const record = parseRecordRef(request.query.record, NOTE_SUBJECT_KINDS);
      return { items: (await vigil.notes.thread(actorOf(request.principal), record)).map(noteOut) };
    },
  );

  app.post(
    '/api/v1/notes',
    {
      config: { access: { kind: 'note', action: 'write' } },
      schema: {
        tags,
        summary: 'Write a note in the thread of a series or case, visible to the agencies named',
        body: NoteBody,
        response: { 201: NoteOut },
      },
    },
    async (request, reply) => {
      const { record, ...rest } = request.body;
      const note = await vigil.notes.create(actorOf(request.principal), {
        ...rest,
        record: parseRecordRef(record, NOTE_SUBJECT_KINDS),
      });
      return reply.code(201).send(noteOut(note));
    },
  );

  app.get(
    '/api/v1/notes/:id',
    {
      config: { access: { kind: 'note', action: 'read' } },
      schema: { tags, summary: 'One note (the read is audited)', params: IdParams, response: { 200: NoteOut } },
    },
    async (request) => noteOut(await vigil.notes.get(actorOf(request.principal), request.params.id)),
  );
};

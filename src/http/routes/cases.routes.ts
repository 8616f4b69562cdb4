/**
 * Cases and exhibits of the caller's agency: pages of cases, open, rename, close or reopen one,
 * list and add its exhibits, and read an exhibit with its sightings and scan results (audited
 * reads: they carry evidence paths). CaseService and ExhibitService hold the rules.
 */
import type { RouteModule } from '../http-app.js';
import { callerOf } from './caller.js';
import { CameraSerialList } from './camera-serials.schema.js';
import {
  CaseDetailOut,
  CaseListQuery,
  CasePage,
  CasePatchBody,
  ExhibitDetailOut,
  ExhibitList,
  ExhibitOut,
  ExhibitQuery,
  NewCaseBody,
  NewExhibitBody,
  PageQuery,
  ScanResultQuery,
  ScanResultsPage,
  SightingPage,
} from './cases.schema.js';
import { IdParams } from './record-common.schema.js';

const tags = ['cases'];
const exhibitTags = ['exhibits'];
const access = (kind: 'case' | 'exhibit' | 'sighting', action: 'read' | 'write') => ({ access: { kind, action } });

export const caseRoutes: RouteModule = (app, vigil) => {
  const { cases, exhibits } = vigil;

  app.get(
    '/api/v1/cases',
    {
      config: access('case', 'read'),
      schema: {
        tags,
        summary: "Your agency's cases, newest first",
        querystring: CaseListQuery,
        response: { 200: CasePage },
      },
    },
    async (request) => cases.list(callerOf(request), request.query),
  );

  app.post(
    '/api/v1/cases',
    {
      config: access('case', 'write'),
      schema: { tags, summary: 'Open a case', body: NewCaseBody, response: { 201: CaseDetailOut } },
    },
    async (request, reply) => reply.code(201).send(await cases.create(callerOf(request), request.body)),
  );

  app.get(
    '/api/v1/cases/:id',
    {
      config: access('case', 'read'),
      schema: { tags, summary: 'One case with its counts', params: IdParams, response: { 200: CaseDetailOut } },
    },
    async (request) => cases.get(callerOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/cases/:id',
    {
      config: access('case', 'write'),
      schema: {
        tags,
        summary: 'Rename, close or reopen a case',
        params: IdParams,
        body: CasePatchBody,
        response: { 200: CaseDetailOut },
      },
    },
    async (request) => cases.update(callerOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/cases/:id/exhibits',
    {
      config: access('exhibit', 'read'),
      schema: { tags: exhibitTags, summary: "A case's exhibits", params: IdParams, response: { 200: ExhibitList } },
    },
    async (request) => ({ items: await cases.exhibits(callerOf(request), request.params.id) }),
  );

  app.post(
    '/api/v1/cases/:id/exhibits',
    {
      config: access('exhibit', 'write'),
      schema: {
        tags: exhibitTags,
        summary: 'Add an exhibit (a seized device, folder or archive) to an open case',
        params: IdParams,
        body: NewExhibitBody,
        response: { 201: ExhibitOut },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await cases.addExhibit(callerOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/exhibits/:id',
    {
      config: access('sighting', 'read'),
      schema: {
        tags: exhibitTags,
        summary: 'An exhibit with the first pages of its sightings and scan results (audited read)',
        params: IdParams,
        querystring: ExhibitQuery,
        response: { 200: ExhibitDetailOut },
      },
    },
    async (request) => exhibits.get(callerOf(request), request.params.id, request.query.limit),
  );

  app.get(
    '/api/v1/exhibits/:id/sightings',
    {
      config: access('sighting', 'read'),
      schema: {
        tags: exhibitTags,
        summary: "A page of an exhibit's sightings (audited read)",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: SightingPage },
      },
    },
    async (request) => exhibits.sightings(callerOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/v1/exhibits/:id/camera-serials',
    {
      config: access('sighting', 'read'),
      schema: {
        tags: exhibitTags,
        summary: "The camera serials of an exhibit's files, with how many each took (audited read)",
        params: IdParams,
        response: { 200: CameraSerialList },
      },
    },
    async (request) => exhibits.cameraSerials(callerOf(request), request.params.id),
  );

  app.get(
    '/api/v1/exhibits/:id/scan-results',
    {
      config: access('sighting', 'read'),
      schema: {
        tags: exhibitTags,
        summary:
          "A page of an exhibit's scan results, by status, category, camera serial, capture day and GPS, in review order if asked (audited read)",
        params: IdParams,
        querystring: ScanResultQuery,
        response: { 200: ScanResultsPage },
      },
    },
    async (request) => exhibits.scanResults(callerOf(request), request.params.id, request.query),
  );
};

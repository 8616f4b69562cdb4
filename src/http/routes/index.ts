/** Every route module of the API, registered in this order by http-app.ts. */
import type { RouteModule } from '../http-app.js';
import { agencyRoutes } from './agencies.routes.js';
import { alertRoutes } from './alerts.routes.js';
import { auditRoutes } from './audit.routes.js';
import { authRoutes } from './auth.routes.js';
import { caseRoutes } from './cases.routes.js';
import { exposureRoutes } from './exposure.routes.js';
import { hashSetRoutes } from './hash-sets.routes.js';
import { healthRoutes } from './health.routes.js';
import { jobRoutes } from './jobs.routes.js';
import { linkRoutes } from './links.routes.js';
import { lookupRoutes } from './lookup.routes.js';
import { matchRoutes } from './matches.routes.js';
import { mediaRoutes } from './media.routes.js';
import { mediaCategoryRoutes } from './media-category.routes.js';
import { networkRoutes } from './network.routes.js';
import { noteRoutes } from './notes.routes.js';
import { partnerRoutes } from './partner.routes.js';
import { partnerKeyRoutes } from './partner-keys.routes.js';
import { peopleRoutes } from './people.routes.js';
import { placeRoutes } from './places.routes.js';
import { seriesRoutes } from './series.routes.js';
import { statsRoutes } from './stats.routes.js';
import { tokenRoutes } from './tokens.routes.js';
import { uploadSessionRoutes } from './upload-sessions.routes.js';
import { uploadRoutes } from './uploads.routes.js';
import { userRoutes } from './users.routes.js';

export const ROUTE_MODULES: readonly RouteModule[] = [
  healthRoutes,
  authRoutes,
  tokenRoutes,
  agencyRoutes,
  userRoutes,
  partnerKeyRoutes,
  caseRoutes,
  mediaRoutes,
  auditRoutes,
  statsRoutes,
  exposureRoutes,
  mediaCategoryRoutes,
  seriesRoutes,
  peopleRoutes,
  placeRoutes,
  linkRoutes,
  networkRoutes,
  matchRoutes,
  noteRoutes,
  alertRoutes,
  lookupRoutes,
  partnerRoutes,
  hashSetRoutes,
  uploadRoutes,
  uploadSessionRoutes,
  jobRoutes,
];

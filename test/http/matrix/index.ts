/** Every route module's matrix cases; add a module's cases here with its routes. */
import { agencyCases } from './agencies.cases.js';
import { alertCases } from './alerts.cases.js';
import { auditCases } from './audit.cases.js';
import { authCases } from './auth.cases.js';
import { caseCases } from './cases.cases.js';
import { hashSetCases } from './hash-sets.cases.js';
import { linkCases } from './links.cases.js';
import { lookupCases } from './lookup.cases.js';
import { matchCases } from './matches.cases.js';
import type { MatrixCases } from './matrix-case.js';
import { mediaCases } from './media.cases.js';
import { networkCases } from './network.cases.js';
import { noteCases } from './notes.cases.js';
import { peopleCases } from './people.cases.js';
import { placeCases } from './places.cases.js';
import { seriesCases } from './series.cases.js';
import { statsCases } from './stats.cases.js';
import { uploadSessionCases } from './upload-sessions.cases.js';
import { uploadCases } from './uploads.cases.js';
import { userCases } from './users.cases.js';
import { webCases } from './web.cases.js';

export const MATRIX_CASES: MatrixCases = {
  ...authCases,
  ...agencyCases,
  ...userCases,
  ...caseCases,
  ...mediaCases,
  ...auditCases,
  ...statsCases,
  ...webCases,
  ...seriesCases,
  ...peopleCases,
  ...placeCases,
  ...linkCases,
  ...networkCases,
  ...matchCases,
  ...noteCases,
  ...alertCases,
  ...lookupCases,
  ...hashSetCases,
  ...uploadCases,
  ...uploadSessionCases,
};

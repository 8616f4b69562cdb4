/**
 * The model URL at the top of a VICS file says its version, flavour and what its list holds:
 *   1.x  "odata.metadata": "http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Media"
 *   2.0  "@odata.context": "http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata#Cases"
 * Readers only look at the `DataModels/<version>.xml[/<flavour>][/$metadata]#<set>` tail, as
 * hosts differ between writers. A 2.0 URL without a flavour, or with one other than US or UK
 * (some tools write `CUSTOM`), is read as `Default`.
 */
import { VICS_VERSIONS, type VicsEntitySet, type VicsFlavour, type VicsVersion } from './vics-media.js';

export const V1_CONTEXT_KEY = 'odata.metadata';
export const V2_CONTEXT_KEY = '@odata.context';

export interface VicsModel {
  version: VicsVersion;
  flavour: VicsFlavour;
  entitySet: VicsEntitySet;
}

const TAIL = /DataModels\/(\d+\.\d+)\.xml(?:\/([A-Za-z0-9_-]+))?(?:\/\$metadata)?#(Media|Cases)\b/i;

/** The model a context URL names, or null when it is not a VICS one. */
export function parseVicsContext(url: string): VicsModel | null {
  const m = TAIL.exec(url);
  if (!m) return null;
  const version = VICS_VERSIONS.find((v) => v === m[1]);
  if (!version) return null;
  const named = (m[2] ?? '').toUpperCase();
  const flavour: VicsFlavour = named === 'US' ? 'US' : named === 'UK' ? 'UK' : 'Default';
  const entitySet: VicsEntitySet = m[3].toLowerCase() === 'cases' ? 'Cases' : 'Media';
  return { version, flavour, entitySet };
}

export function isV1(version: VicsVersion): boolean {
  return version.startsWith('1.');
}

/** The key and URL a writer puts at the top of a file of this model. */
export function vicsContext(model: VicsModel): { key: string; url: string } {
  if (isV1(model.version)) {
    return {
      key: V1_CONTEXT_KEY,
      url: `http://github.com/ICMEC/ProjectVic/DataModels/${model.version}.xml#${model.entitySet}`,
    };
  }
  const flavour = model.flavour === 'Default' ? '' : `/${model.flavour}`;
  return {
    key: V2_CONTEXT_KEY,
    url: `http://github.com/VICSDATAMODEL/ProjectVic/DataModels/${model.version}.xml${flavour}/$metadata#${model.entitySet}`,
  };
}

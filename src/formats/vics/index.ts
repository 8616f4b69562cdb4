/**
 * Project VIC VICS JSON (1.x and 2.0): a streaming reader and writer. See vics-reader.ts and
 * vics-writer.ts; the record shape is in vics-media.ts.
 */
export { parseVicsContext, type VicsModel, vicsContext } from './vics-context.js';
export {
  alternativeHash,
  emptyVicsMedia,
  VICS_FLAVOURS,
  VICS_VERSIONS,
  type VicsAlternativeHash,
  type VicsEntitySet,
  type VicsExtra,
  type VicsFlavour,
  type VicsHeader,
  type VicsItem,
  type VicsMedia,
  type VicsMediaFile,
  type VicsProperty,
  type VicsRejected,
  type VicsSegment,
  type VicsVersion,
} from './vics-media.js';
export { parseVicsMedia } from './vics-media-parse.js';
export { type ReadVicsOptions, readVics, readVicsBatches } from './vics-reader.js';
export type { VicsSource } from './vics-source.js';
export { vicsMediaObject, type WriteVicsOptions, type WriteVicsResult, writeVics } from './vics-writer.js';

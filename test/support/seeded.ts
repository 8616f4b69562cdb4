/**
 * Deterministic randomness for fixtures and benchmarks: the same seed gives the same data on every
 * machine and every run.
 */
export { seeded } from '../../src/media/synthetic-pictures.js';

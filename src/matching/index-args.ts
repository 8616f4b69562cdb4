/**
 * Checks shared by every index: ids are whole numbers that fit 32 bits, distances whole numbers ≥ 0.
 */
import { AppError } from '../domain/app-error.js';

export const MAX_ID = 0xffffffff;

export function checkId(id: number): number {
  if (!Number.isInteger(id) || id < 0 || id > MAX_ID) {
    throw new AppError('bad-usage', `Index ids are whole numbers from 0 to ${MAX_ID}, not ${id}.`);
  }
  return id;
}

export function checkDistance(maxDistance: number): number {
  if (!Number.isInteger(maxDistance) || maxDistance < 0) {
    throw new AppError('bad-usage', `A search distance is a whole number ≥ 0, not ${maxDistance}.`);
  }
  return maxDistance;
}

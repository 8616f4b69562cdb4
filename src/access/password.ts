/**
 * Passwords: argon2id hashes (OWASP's minimum: 19 MiB, 2 passes; we use 64 MiB, 3 passes, as
 * argon2's defaults) and the password policy, which says what is wrong so a person can fix it.
 */
import argon2 from 'argon2';
import { AppError } from '../domain/app-error.js';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Reasons a password is refused; empty when it is acceptable. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(`it is shorter than ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > PASSWORD_MAX_LENGTH) problems.push(`it is longer than ${PASSWORD_MAX_LENGTH} characters`);
  if (new Set(password).size < 5) problems.push('it uses fewer than 5 different characters');
  const lower = password.toLowerCase();
  if (username.length >= 3 && lower.includes(username.toLowerCase())) problems.push('it contains the username');
  if (/^(.)\1*$/.test(password) || /^(?:0123456789|1234567890|password|qwerty)/i.test(password)) {
    problems.push('it is a well-known pattern');
  }
  return problems;
}

/** Throws `bad-usage` naming every problem. */
export function assertPasswordAcceptable(password: string, username: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length > 0) {
    throw new AppError('bad-usage', `The password is not accepted: ${problems.join('; ')}.`);
  }
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** False for a wrong password and for a malformed stored hash (never throws on bad input). */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(stored, password);
  } catch {
    return false;
  }
}

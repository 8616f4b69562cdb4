/**
 * English texts for the hub's problem codes whose meaning the code alone fixes, and for validation
 * keywords (problem-text.ts); spread into en.ts. Codes whose message carries specifics keep the hub's text.
 */
const OPERATOR = 'tell the hub’s operator and quote request {requestId}';

export const enProblems = {
  'problem.totp-required': 'Enter the 6-digit code from your authenticator app.',
  'problem.password-change-required': 'Choose a new password first: the current one was for one use.',
  'problem.password-change-required.totp-enrolment': 'Your agency requires a second factor: set one up first.',
  'problem.locked-out': 'Too many failed sign-ins: try again in {seconds} s.',
  'problem.rate-limited': 'Too many requests; slow down.',
  'problem.payload-too-large': 'The request or file is larger than the hub accepts here.',
  'problem.internal': `Something went wrong on the server. Try again; if it keeps happening, ${OPERATOR}.`,
  'problem.missing-dependency': `A service the hub depends on is not available right now. Try again in a few minutes; if it keeps happening, ${OPERATOR}.`,
  'problem.corrupt-blob': `A stored file is damaged, so it was not returned. Please ${OPERATOR}.`,
  'problem.corrupt-snapshot': `The hub could not read its search index. Please ${OPERATOR}.`,
  'problem.migration-failed': `The hub is not set up correctly. Please ${OPERATOR}.`,
  'problem.unsafe-key-file': `The hub is not set up correctly. Please ${OPERATOR}.`,
  'validation.invalid': 'Invalid request: {field} {problem}.',
  'validation.required': 'lacks the required field {missingProperty}',
  'validation.additionalProperties': 'has a field it does not accept: {additionalProperty}',
  'validation.type': 'must be of type {type}',
  'validation.minLength': 'must be at least {limit} characters long',
  'validation.maxLength': 'must be at most {limit} characters long',
  'validation.minimum': 'must be {comparison} {limit}',
  'validation.maximum': 'must be {comparison} {limit}',
  'validation.minItems': 'must have at least {limit} items',
  'validation.maxItems': 'must have at most {limit} items',
  'validation.pattern': 'is not in the expected form',
  'validation.format': 'must be a valid {format}',
  'validation.enum': 'must be one of the allowed values',
  'validation.const': 'must be one of the allowed values',
  'validation.anyOf': 'matches none of the allowed forms',
};

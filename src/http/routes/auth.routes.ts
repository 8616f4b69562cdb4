/**
 * Sign-in routes: login (cookie session + CSRF token), logout, the current session, password
 * change, TOTP enrolment (personal bearer tokens: tokens.routes.ts). Thin: AuthService holds the rules.
 */
import type { FastifyReply } from 'fastify';
import type { Principal } from '../../access/principal.js';
import type { User } from '../../domain/agency.record.js';
import { AppError } from '../../domain/app-error.js';
import { SESSION_COOKIE } from '../access-gate.js';
import type { RouteModule } from '../http-app.js';
import { problemResponse } from '../problem-responses.js';
import { Done, LoginBody, PasswordBody, SessionInfo, TotpConfirmBody, TotpEnrolment } from './auth.schema.js';

const PENDING = { signedIn: true, allowPending: true } as const;
const tags = ['auth'];

function principalOf(principal: Principal | null): Principal {
  if (!principal) throw new AppError('unauthenticated', 'Sign in first.');
  return principal;
}

function userOf(user: User) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    agencyId: user.agencyId,
    roles: user.roles,
  };
}

export const authRoutes: RouteModule = (app, vigil) => {
  const secure = (reply: FastifyReply) => reply.request.protocol === 'https';

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: { public: true }, rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Sign in: sets an HttpOnly session cookie',
        body: LoginBody,
        response: {
          200: SessionInfo,
          401: problemResponse('Wrong username or password, or a TOTP code is needed (`totp-required`).'),
          429: problemResponse('Locked out after failed sign-ins, or too many attempts: see `Retry-After`.'),
        },
      },
    },
    async (request, reply) => {
      const grant = await vigil.auth.login(request.body);
      reply.setCookie(SESSION_COOKIE, grant.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: secure(reply),
        path: '/',
        expires: new Date(grant.expiresAt),
      });
      const principal = await vigil.principals.fromSession(grant.token);
      return {
        user: userOf(grant.user),
        csrfToken: grant.csrfToken,
        expiresAt: grant.expiresAt,
        pending: principal?.pending ?? null,
        secondFactor: await vigil.auth.hasSecondFactor(grant.user.id),
      };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { access: PENDING }, schema: { tags, summary: 'Sign out', response: { 200: Done } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await vigil.auth.logout(token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/auth/session',
    { config: { access: PENDING }, schema: { tags, summary: 'Who is signed in', response: { 200: SessionInfo } } },
    async (request) => {
      const principal = principalOf(request.principal);
      const user = principal.actor.userId === null ? null : await vigil.principals.userById(principal.actor.userId);
      if (!user) throw new AppError('unauthenticated', 'This session has no user.');
      return {
        user: userOf(user),
        csrfToken: principal.csrfToken ?? '',
        pending: principal.pending,
        secondFactor: await vigil.auth.hasSecondFactor(user.id),
      };
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: { access: PENDING },
      schema: {
        tags,
        summary: 'Change password (ends your other sessions)',
        body: PasswordBody,
        response: { 200: Done },
      },
    },
    async (request) => {
      const principal = principalOf(request.principal);
      if (principal.actor.userId === null) throw new AppError('forbidden', 'Keys have no password.');
      const keep = request.cookies[SESSION_COOKIE];
      await vigil.auth.changePassword(
        principal.actor.userId,
        request.body.currentPassword,
        request.body.newPassword,
        keep,
      );
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/auth/totp',
    {
      config: { access: PENDING },
      schema: { tags, summary: 'Start second-factor enrolment', response: { 200: TotpEnrolment } },
    },
    async (request) => vigil.auth.beginTotp(userIdOf(request.principal)),
  );

  app.post(
    '/api/v1/auth/totp/confirm',
    {
      config: { access: PENDING },
      schema: {
        tags,
        summary: 'Activate the second factor with a code',
        body: TotpConfirmBody,
        response: { 200: Done },
      },
    },
    async (request) => {
      await vigil.auth.confirmTotp(userIdOf(request.principal), request.body.code);
      return { ok: true as const };
    },
  );
};

function userIdOf(principal: Principal | null): number {
  const id = principalOf(principal).actor.userId;
  if (id === null) throw new AppError('forbidden', 'Only a user can do this.');
  return id;
}

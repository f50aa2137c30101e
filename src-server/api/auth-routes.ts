import { API_PREFIX, LoginRequest, LogoutRequest, RefreshRequest, type MeReply } from '../../src-shared/http/sync-api.js';
import type { z } from 'zod';
import type { ServerCore } from '../core.js';
import { readJson, sendJson, type Route } from '../http/router.js';

export function authRoutes(core: ServerCore): Route[] {
  const limit = core.config.http.bodyLimitBytes;
  return [
    {
      method: 'GET',
      path: `${API_PREFIX}/health`,
      handle: ({ res }) => sendJson(res, 200, { status: 'ok' }),
    },
    {
      method: 'POST',
      path: `${API_PREFIX}/auth/login`,
      async handle(ctx) {
        const { username, password } = await readJson(ctx, LoginRequest, Math.min(limit, 16 * 1024));
        sendJson(ctx.res, 200, await core.auth.login(username, password, ctx.ip));
      },
    },
    {
      method: 'POST',
      path: `${API_PREFIX}/auth/refresh`,
      async handle(ctx) {
        const { refreshToken } = await readJson(ctx, RefreshRequest, 16 * 1024);
        sendJson(ctx.res, 200, await core.auth.refresh(refreshToken, ctx.ip));
      },
    },
    {
      method: 'POST',
      path: `${API_PREFIX}/auth/logout`,
      async handle(ctx) {
        // A refresh token is proof enough: signing out must work after the session token has expired.
        const { refreshToken } = ctx.req.headers['content-type'] ? await readJson(ctx, LogoutRequest, 16 * 1024) : {};
        if (!refreshToken) await core.auth.authenticate(ctx.req, ctx.ip, 'auth.logout');
        await core.auth.logout(ctx.req, refreshToken);
        ctx.res.statusCode = 204;
        ctx.res.end();
      },
    },
    {
      method: 'GET',
      path: `${API_PREFIX}/me`,
      async handle(ctx) {
        const user = await core.auth.authenticate(ctx.req, ctx.ip, 'me');
        const reply: z.infer<typeof MeReply> = { user };
        sendJson(ctx.res, 200, reply);
      },
    },
  ];
}

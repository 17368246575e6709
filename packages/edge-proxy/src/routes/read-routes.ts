// Read routes: POST /v1/resolve (notation values) and GET /v1/secrets/:uid (a record with allowed fields only).
import { Hono } from 'hono';
import type { EdgeApp } from '../app-types.js';
import { readJsonObject } from '../body.js';
import { EdgeError } from '../errors.js';
import { filteredRecord, resolveNotations } from '../secret-access.js';

/** The most notations one resolve call may ask for. */
export const MAX_NOTATIONS = 100;

/**
 * The read routes (mounted under /v1 behind `authenticate`).
 *
 * @example
 * app.route('/v1', readRoutes);
 */
export const readRoutes = new Hono<EdgeApp>()
  .post('/resolve', async (c) => {
    c.var.audit.mode = 'resolve';
    const body = await readJsonObject(c.req.raw, c.var.settings.maxBodyBytes);
    const { notations } = body;
    if (!Array.isArray(notations) || notations.length === 0 || notations.length > MAX_NOTATIONS) {
      throw new EdgeError('ERR_INVALID_REQUEST', 400, `"notations" must be an array of 1 to ${MAX_NOTATIONS} strings`);
    }
    const resolved = await resolveNotations(c.var.records, c.var.rules, notations, c.var.audit);
    c.header('x-ksmkit-cache', c.var.audit.cache ?? 'miss');
    return c.json({ results: resolved.map(({ notation, values }) => ({ notation, values })) });
  })
  .get('/secrets/:uid', async (c) => {
    c.var.audit.mode = 'record';
    const record = await filteredRecord(c.var.records, c.var.rules, c.req.param('uid'), c.var.audit);
    c.header('x-ksmkit-cache', c.var.audit.cache ?? 'miss');
    return c.json({ record });
  });

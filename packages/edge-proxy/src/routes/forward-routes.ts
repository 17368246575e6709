// POST /v1/forward: inject mode over HTTP (see forward/forward-request.ts).
import { Hono } from 'hono';
import type { EdgeApp } from '../app-types.js';
import { readJsonObject } from '../body.js';
import { forwardRequest } from '../forward/forward-request.js';

/**
 * The forward route (mounted under /v1 behind `authenticate`).
 *
 * @example
 * app.route('/v1', forwardRoutes);
 */
export const forwardRoutes = new Hono<EdgeApp>().post('/forward', async (c) => {
  c.var.audit.mode = 'forward';
  const input = await readJsonObject(c.req.raw, c.var.settings.maxBodyBytes);
  return forwardRequest(input, {
    records: c.var.records,
    rules: c.var.rules,
    hosts: c.var.caller.hosts,
    settings: c.var.settings,
    audit: c.var.audit,
  });
});

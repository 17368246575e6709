// The naive edge Worker the proxy benchmark compares against: the official SDK calls KSM on every request.
import { getNotationResults, loadJsonConfig } from '@keeper-security/secrets-manager-core';

// The official SDK only speaks https://; the bench vault serves plain HTTP on loopback, so rewrite the scheme.
const send = globalThis.fetch.bind(globalThis);
globalThis.fetch = (url, init) => send(String(url).replace(/^https:/, 'http:'), init);

// biome-ignore lint/style/noDefaultExport: the Workers runtime requires the default export
export default {
  async fetch(request, env) {
    const { notations } = await request.json();
    const storage = loadJsonConfig(atob(env.KSM_CONFIG_B64));
    const results = [];
    for (const notation of notations)
      results.push({ notation, values: await getNotationResults({ storage }, notation) });
    return Response.json({ results });
  },
};

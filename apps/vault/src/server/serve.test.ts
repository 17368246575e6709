// startServer: HTTPS by default, plain HTTP only on loopback, stops cleanly.
import { describe, expect, it } from 'vitest';
import { createFixtureVault } from '../interop/fixture-vault.test-support.js';
import { httpsGet } from '../interop/sdk.test-support.js';
import { isVaultError } from '../store/errors.js';
import { startServer } from './serve.js';

describe('startServer', () => {
  it('serves HTTPS with the data dir certificate, and plain HTTP only on loopback', { timeout: 60_000 }, async () => {
    const vault = await createFixtureVault();
    try {
      const server = await startServer({ dataDir: vault.dataDir, port: 0 });
      expect(server.url).toBe(`https://127.0.0.1:${server.port}`);
      const response = await httpsGet(`${server.url}/api/rest/sm/v1/nothing/here/x`, vault.dataDir);
      expect(response.status).toBe(404);
      await server.close();
      const plain = await startServer({ dataDir: vault.dataDir, port: 0, http: true });
      const answer = await fetch(`${plain.url}/api/rest/sm/v1/get_files`, { method: 'POST', body: 'x' });
      expect(answer.status).toBe(400);
      expect(await answer.json()).toEqual({ error: 'bad_request', message: 'Unknown endpoint' });
      await plain.close();
      const refused = await startServer({ dataDir: vault.dataDir, port: 0, http: true, host: '0.0.0.0' }).catch(
        (e) => e,
      );
      expect(isVaultError(refused, 'ERR_INVALID_ARGUMENT')).toBe(true);
    } finally {
      vault.db.close();
    }
  });
});

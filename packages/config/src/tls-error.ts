// A TLS certificate failure of a KSM request as core's ERR_TLS, saying what failed and how to trust the server.
import { KsmError } from '@ksmkit/core';

/** OpenSSL / Node codes of a server certificate that could not be trusted. */
const CERT_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * `ERR_TLS` for a request error caused by the server's certificate, else the error unchanged (core turns it into
 * `ERR_NETWORK`). The message names the TLS code and the fix: the server's CA in the profile, or the right host.
 *
 * @example
 * req.on('error', (error) => reject(tlsError(error, url.host)));
 */
export function tlsError(error: unknown, host: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined || !CERT_CODES.has(code)) return error;
  const fix =
    code === 'ERR_TLS_CERT_ALTNAME_INVALID'
      ? "the certificate is not for this host name; check the profile's hostname"
      : code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID'
        ? "the server's certificate is out of its validity period; check the server and this machine's clock"
        : "the server's certificate is signed by an unknown CA; for a self-hosted server put its CA in the profile " +
          '(ksm profile init --ca-cert FILE, or caCertificate in the config) or set NODE_EXTRA_CA_CERTS';
  return new KsmError(
    'ERR_TLS',
    `TLS check of the KSM server ${host} failed (${code}): ${fix}`,
    { code, host },
    {
      cause: error,
    },
  );
}

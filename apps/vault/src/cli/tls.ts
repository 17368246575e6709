// `ksmkit-vault tls rotate`: renew the local CA and server certificate (name-constrained, short-lived).
import { defineCommand } from 'citty';
import { rotateTls, TLS_VALIDITY_DAYS } from '../server/tls.js';
import { COMMON_ARGS, dataDirOf, ownerDirOf, repeated } from './common.js';
import { emit } from './output.js';

const rotate = defineCommand({
  meta: {
    name: 'rotate',
    description: `New CA and server certificate (valid ${TLS_VALIDITY_DAYS} days), keeping the covered names: tls rotate [--host H]…`,
  },
  args: {
    ...COMMON_ARGS,
    host: { type: 'string', description: 'Another DNS name or IP the certificate must cover (repeatable)' },
  },
  async run({ args, rawArgs }) {
    const ownerDir = ownerDirOf(args);
    const result = await rotateTls(dataDirOf(args), {
      hosts: repeated(rawArgs, 'host'),
      ...(ownerDir === undefined ? {} : { ownerDir }),
    });
    emit(args.json, result, () =>
      [
        `New local CA ${result.caCertPath}, valid until ${result.notAfter}; covers ${result.names.join(', ')}`,
        'Restart `ksmkit-vault serve`, and make clients trust the new CA (NODE_EXTRA_CA_CERTS or the config caCertificate).',
      ].join('\n'),
    );
  },
});

/** The `tls` command group. */
export const tlsCommand = defineCommand({
  meta: { name: 'tls', description: 'Manage the local CA and the server certificate' },
  subCommands: { rotate },
});

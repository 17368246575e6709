// Cold-start probe for the official SDK's one-shot notation: import it, load a bound config file, print one value.
import { readFile } from 'node:fs/promises';
import { getNotationResults, loadJsonConfig } from '@keeper-security/secrets-manager-core';

// Input only through the environment: KSMKIT_BENCH_CONFIG (config file path), KSMKIT_BENCH_NOTATION; the vault CA
// comes from NODE_EXTRA_CA_CERTS. Prints the value like `ksm secret notation`; exits 2 when nothing came back.
const storage = loadJsonConfig(await readFile(process.env.KSMKIT_BENCH_CONFIG, 'utf8'));
const values = await getNotationResults({ storage }, process.env.KSMKIT_BENCH_NOTATION);
if (values.length === 0) process.exitCode = 2;
else process.stdout.write(`${values.join('\n')}\n`);

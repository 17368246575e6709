// Cold-start probe for the official SDK: import it, load a bound config file, get_secret one record by UID, exit.
import { readFile } from 'node:fs/promises';
import { getSecrets, loadJsonConfig } from '@keeper-security/secrets-manager-core';

// Input only through the environment: KSMKIT_BENCH_CONFIG (config file path), KSMKIT_BENCH_RECORD (record UID);
// the vault CA comes from NODE_EXTRA_CA_CERTS. Prints nothing; the exit code says whether the record came back.
const storage = loadJsonConfig(await readFile(process.env.KSMKIT_BENCH_CONFIG, 'utf8'));
const { records } = await getSecrets({ storage }, [process.env.KSMKIT_BENCH_RECORD]);
if (records.length !== 1) process.exitCode = 2;

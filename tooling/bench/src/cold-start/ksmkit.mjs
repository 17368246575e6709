// Cold-start probe for ksmkit: import @ksmkit/core, load a bound config file, get_secret one record by UID, exit.
import { readFile } from 'node:fs/promises';
import { createClient, createMemoryStorage, parseDeviceConfig, writeDeviceConfig } from '@ksmkit/core';

// Input only through the environment: KSMKIT_BENCH_CONFIG (config file path), KSMKIT_BENCH_RECORD (record UID);
// the vault CA comes from NODE_EXTRA_CA_CERTS. Prints nothing; the exit code says whether the record came back.
const storage = createMemoryStorage();
await writeDeviceConfig(storage, await parseDeviceConfig(await readFile(process.env.KSMKIT_BENCH_CONFIG, 'utf8')));
const { records } = await createClient({ storage }).getSecrets({ uids: [process.env.KSMKIT_BENCH_RECORD] });
if (records.length !== 1) process.exitCode = 2;

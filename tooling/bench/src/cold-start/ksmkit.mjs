// Cold-start probe for ksmkit: import the libraries a Node tool uses, load a bound config file, get_secret one record, exit.
import { readFile } from 'node:fs/promises';
import { nodeCipher, nodeFetchForConfig } from '@ksmkit/config';
import { createClient, createMemoryStorage, parseDeviceConfig, writeDeviceConfig } from '@ksmkit/core';

// Input only through the environment: KSMKIT_BENCH_CONFIG (config file path), KSMKIT_BENCH_RECORD (record UID);
// the vault CA comes from NODE_EXTRA_CA_CERTS. Prints nothing; the exit code says whether the record came back.
const storage = createMemoryStorage();
const config = await parseDeviceConfig(await readFile(process.env.KSMKIT_BENCH_CONFIG, 'utf8'));
await writeDeviceConfig(storage, config);
const client = createClient({ storage, fetch: nodeFetchForConfig(config), cipher: nodeCipher });
const { records } = await client.getSecrets({ uids: [process.env.KSMKIT_BENCH_RECORD] });
if (records.length !== 1) process.exitCode = 2;

// Post step of the GitHub Action (`runs.post`): removes the secret files the main step wrote.
import { rmSync } from 'node:fs';

const files = JSON.parse(process.env.STATE_ksm_files ?? '[]') as unknown;
if (Array.isArray(files)) for (const file of files) if (typeof file === 'string') rmSync(file, { force: true });

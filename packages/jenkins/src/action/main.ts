// Entry of the GitHub Action (`runs.main`): bundled with its dependencies into dist/action/main.js (Node 20+).
import { runAction } from './run-action.js';

process.exitCode = await runAction({ env: process.env, cwd: process.cwd(), stdout: process.stdout });

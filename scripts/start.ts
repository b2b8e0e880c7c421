/** `npm start` (after the build): the local cloud on the built `cloudfunctions/`, see emulator/main.ts. */
import path from 'node:path';
import { runLocalCloud } from '../emulator/main';

runLocalCloud(process.argv.slice(2), path.resolve(__dirname, '..')).catch((err: unknown) => {
  console.error(`[local-cloud] failed to start: ${(err as Error).message}`);
  process.exit(1);
});

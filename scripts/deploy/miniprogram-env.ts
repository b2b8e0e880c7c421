/**
 * The mini-program's CloudBase environment id lives in one place, `envId` in miniprogram/config.ts; a deploy
 * writes the id it deployed to there, so the app uploaded next talks to that environment.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../function-config';

export const MINIPROGRAM_CONFIG = path.join(ROOT, 'miniprogram', 'config.ts');

const ENV_ID_LINE = /^(\s*envId:\s*)'([^']*)'(,?)$/m;

export function readMiniprogramEnvId(file = MINIPROGRAM_CONFIG): string {
  const match = ENV_ID_LINE.exec(fs.readFileSync(file, 'utf8'));
  if (!match) throw new Error(`${path.relative(ROOT, file)}: no line "envId: '...'," found`);
  return match[2] as string;
}

/** Sets config.ts's envId to `envId` (or, without `write`, says it would). Returns a note, or undefined when it already matches. */
export function checkMiniprogramEnvId(envId: string, options: { write: boolean; file?: string }): string | undefined {
  const file = options.file ?? MINIPROGRAM_CONFIG;
  const current = readMiniprogramEnvId(file);
  if (current === envId) return undefined;
  const rel = path.relative(ROOT, file);
  if (!options.write) return `${rel}: envId would change from '${current}' to '${envId}'`;
  fs.writeFileSync(
    file,
    fs.readFileSync(file, 'utf8').replace(ENV_ID_LINE, (_m, head: string, _old: string, comma: string) => `${head}'${envId}'${comma}`),
  );
  return `${rel}: envId set to '${envId}' (was '${current}'); upload the mini-program in WeChat DevTools with mode: 'cloud'`;
}

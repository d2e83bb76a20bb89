/** `sqlsure init`: prints what it created or skipped (stdout), then the next steps. */
import { colors as pc } from '../report/color-choice.js';
import { EXIT } from './exit-codes.js';

export async function runInit(argv: { root?: string }): Promise<void> {
  const { initProject, nextSteps } = await import('../init/init-project.js');
  try {
    const r = await initProject(argv.root ?? '.');
    for (const line of r.lines) console.log(line);
    console.log(nextSteps(r));
    process.exitCode = EXIT.ok;
  } catch (err) {
    console.error(`${pc.red('error')}: ${(err as Error).message}`);
    process.exitCode = (err as Error).name === 'ConfigError' ? EXIT.usage : EXIT.failed;
  }
}

import './compile-cache';
import { CheckPool } from './check-pool';

/**
 * `npm run check`: the command line's entry. Node has only just started: the first checking process starts now,
 * and the rest of the command line (command-line.ts) loads while that process starts.
 */
if (require.main === module) {
  const pool = new CheckPool().warm();
  // Required after the start, not imported: an import would load it first.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  void (require('./command-line') as typeof import('./command-line')).runFromShell(pool);
}

import * as nodeModule from 'module';

/**
 * Imported first by the CLI and by each checking process: from Node 22.1 on, the compiled code of every module
 * loaded after it is kept on disk between runs, so start-up (paid by every run and every new checking process)
 * costs less. Older Node has no such cache; nothing happens then.
 */
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

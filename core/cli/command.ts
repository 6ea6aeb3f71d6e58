import type { ServerConfig } from '../config/define-config.js';

/** What every CLI command receives. */
export interface CommandContext {
  readonly config: ServerConfig;
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
  readonly env: NodeJS.ProcessEnv;
  /** Writes one line to standard output. */
  readonly out: (line: string) => void;
}

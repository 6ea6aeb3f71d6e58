import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { ServiceDeskError } from '../../errors/servicedesk-error.js';
import { checkListedTool, type SchemaFinding } from '../../tool/schema-check.js';
import { schemaClients, type SchemaClient } from '../../tool/schema-rules.js';

/** The clients `--check <profile>` names: one of them, or `all`. */
export function checkedClients(profile: string): readonly SchemaClient[] {
  if (profile === 'all') return schemaClients;
  if ((schemaClients as readonly string[]).includes(profile)) return [profile as SchemaClient];
  throw new ServiceDeskError(
    'CONFIG_INVALID',
    `--check takes ${schemaClients.join(', ')} or all, not "${profile}"`,
  );
}

/**
 * `tools --collection <id> --check [profile]`: per tool, each construct the clients are
 * documented to reject (error) or mishandle (warning), with the rule's source. Returns the exit
 * code: 1 when any error was found.
 *
 * @example
 * const code = printSchemaCheck({ title: 'Agent Functions (agent)', tools, clients: ['gemini'], json: false, out });
 */
export function printSchemaCheck(run: {
  readonly title: string;
  readonly tools: readonly Tool[];
  readonly clients: readonly SchemaClient[];
  readonly json: boolean;
  readonly out: (line: string) => void;
}): number {
  const findings = run.tools.flatMap((tool) => checkListedTool(tool, run.clients));
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (run.json) {
    run.out(
      JSON.stringify({ clients: run.clients, tools: run.tools.length, errors, findings }, null, 2),
    );
    return errors > 0 ? 1 : 0;
  }
  run.out(`${run.title}: schema check for ${run.clients.join(', ')}`);
  const sources = new Map<string, string>();
  for (const tool of run.tools) {
    const own = findings.filter((f) => f.tool === tool.name);
    run.out(`  ${tool.name.padEnd(40)} ${summary(own)}`);
    for (const finding of own) {
      sources.set(finding.rule, finding.source);
      run.out(
        `    ${finding.severity.padEnd(7)} ${finding.client.padEnd(14)} ${finding.where}: ${finding.construct} [${finding.rule}]`,
      );
    }
  }
  const warnings = findings.length - errors;
  run.out(`${run.tools.length} tool(s): ${errors} error(s), ${warnings} warning(s)`);
  for (const [rule, source] of sources) run.out(`  ${rule}: ${source}`);
  return errors > 0 ? 1 : 0;
}

function summary(findings: readonly SchemaFinding[]): string {
  if (findings.length === 0) return 'ok';
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  return [errors > 0 && `${errors} error(s)`, warnings > 0 && `${warnings} warning(s)`]
    .filter(Boolean)
    .join(', ');
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ticketTriageRef, ticketTriageServiceId } from '../../plugins/ai-assist/api.js';
import { deskScopes, deskServiceId, deskStoreRef } from '../../plugins/desk/api.js';
import { deskPlugin } from '../../plugins/desk/index.js';
import { ticketsPlugin } from '../../plugins/tickets/index.js';

/** Every .ts file under `folder`, relative to the repository root. */
function sources(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(folder, file));
}

describe("plugins' api modules (issue 18, item 1)", () => {
  it('makes each service ref once, in an api.ts: no plugin or example copies an id', () => {
    const refsOutsideApi = [...sources('plugins'), ...sources('examples')].filter(
      (file) =>
        !file.endsWith('/api.ts') && readFileSync(file, 'utf8').includes('defineServiceRef'),
    );
    expect(refsOutsideApi).toEqual([]);
  });

  it('exports the desk store and triage refs under the ids their plugins provide', () => {
    expect(deskStoreRef).toEqual({ id: deskServiceId });
    expect(ticketTriageRef).toEqual({ id: ticketTriageServiceId });
    expect(Object.isFrozen(deskStoreRef)).toBe(true);
  });

  it("declares the desk's scopes once, in its api module", () => {
    expect(deskPlugin().scopes).toEqual(deskScopes);
  });

  it('has tickets declare desk as required and ai-assist as optional', () => {
    const tickets = ticketsPlugin();
    expect(tickets.requires).toEqual(['desk']);
    expect(tickets.optionalRequires).toEqual(['ai-assist']);
  });
});

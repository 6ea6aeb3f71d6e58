import { describe, expect, it } from 'vitest';
import {
  consentedScopes,
  consentPermissions,
  type ConsentToolInfo,
} from '../../../core/oauth/consent-permissions.js';

const offered = [
  'tickets:read:own',
  'tickets:read:org',
  'tickets:read:all',
  'tickets:write:own',
  'tickets:log-opportunity:own',
  'time:write',
  'kb:read',
  'ai:run:own',
  'ai:run:org',
  'ai:run:all',
  'runbooks:run',
  'assets:read:all',
  'assets:write:all',
  'diagnostics:read',
];

const tool = (name: string, scopes: string[], readOnly: boolean): ConsentToolInfo => ({
  name,
  title: name,
  scopes,
  readOnly,
});

const tools = [
  tool('get_ticket', ['tickets:read:own'], true),
  tool('create_ticket', ['tickets:write:own'], false),
  tool('log_opportunity', ['tickets:log-opportunity:own', 'tickets:write:own'], false),
  tool('log_time', ['time:write', 'tickets:write:own'], false),
  // Writes (it can e-mail an article) with a read scope only.
  tool('search_knowledge_base', ['kb:read'], false),
  // Matches tickets and articles: listed under its first scope, unless an optional line removes it.
  tool('get_matching', ['tickets:read:all', 'kb:read'], true),
  tool('run_ai_summarise', ['ai:run:own', 'tickets:read:own'], false),
  tool('run_raise_and_resolve', ['runbooks:run'], false),
  tool('get_report', ['reports:read:all', 'tickets:read:all'], true),
  tool('list_assets', ['assets:read:all'], true),
  tool('ping', ['diagnostics:read'], true),
];

const areas = consentPermissions({ offered, describe: (s) => `about ${s}`, tools });
const lines = areas.flatMap((a) => a.permissions);
const line = (scope: string) => lines.find((p) => p.scope === scope);
const toolsUnder = (scope: string) =>
  line(scope)?.tools.map((t) => `${t.name}:${t.write ? 'w' : 'r'}`);

describe('consentPermissions: the consent page’s lines', () => {
  it('groups by area: known areas in their order, an unknown resource by its name, a lone one under Other', () => {
    expect(areas.map((a) => a.heading)).toEqual([
      'Tickets',
      'Knowledge and catalogue',
      'Runbooks',
      'AI',
      'Assets',
      'Other',
    ]);
    expect(areas.find((a) => a.heading === 'Other')?.permissions.map((p) => p.scope)).toEqual([
      'diagnostics:read',
    ]);
  });

  it('folds the narrower levels into the widest granted: 14 scopes, 10 lines', () => {
    expect(lines.map((p) => p.scope)).toHaveLength(10);
    expect(line('ai:run:all')?.covers).toEqual(['ai:run:own', 'ai:run:org', 'ai:run:all']);
    expect(line('ai:run:org')).toBeUndefined();
    expect(line('ai:run:own')).toBeUndefined();
    expect(line('tickets:read:all')?.covers).toHaveLength(3);
    expect(line('tickets:read:all')?.description).toBe('about tickets:read:all');
  });

  it('makes every line that lets a tool write optional, and only those', () => {
    const optional = lines.filter((p) => p.optional).map((p) => p.scope);
    expect(optional.sort()).toEqual(
      [
        'ai:run:all',
        'assets:write:all',
        'kb:read',
        'runbooks:run',
        'tickets:log-opportunity:own',
        'tickets:write:own',
        'time:write',
      ].sort(),
    );
    // The read an AI ability also needs stays a read.
    expect(line('tickets:read:all')?.optional).toBe(false);
  });

  it('lists each tool, marked read or write, under the lines unticking would remove it with', () => {
    expect(toolsUnder('tickets:read:all')).toEqual(['get_ticket:r']);
    expect(toolsUnder('tickets:write:own')).toEqual([
      'create_ticket:w',
      'log_opportunity:w',
      'log_time:w',
    ]);
    expect(toolsUnder('tickets:log-opportunity:own')).toEqual(['log_opportunity:w']);
    expect(toolsUnder('time:write')).toEqual(['log_time:w']);
    expect(toolsUnder('kb:read')).toEqual(['search_knowledge_base:w', 'get_matching:r']);
    expect(toolsUnder('ai:run:all')).toEqual(['run_ai_summarise:w']);
    expect(toolsUnder('assets:write:all')).toEqual([]);
    // A tool the offered scopes do not reach is not listed.
    expect(lines.flatMap((p) => p.tools).some((t) => t.name === 'get_report')).toBe(false);
  });

  it('puts what comes with the connection before what may be withheld, writes before other actions', () => {
    expect(areas[0]?.permissions.map((p) => p.scope)).toEqual([
      'tickets:read:all',
      'tickets:write:own',
      'time:write',
      'tickets:log-opportunity:own',
    ]);
  });
});

describe('consentedScopes: what a consent form grants', () => {
  it('grants every read whatever the form says, and only the optional lines ticked', () => {
    const none = consentedScopes(areas, new Set());
    expect(none).toEqual(
      [
        'assets:read:all',
        'diagnostics:read',
        'tickets:read:all',
        'tickets:read:org',
        'tickets:read:own',
      ].sort(),
    );
  });

  it('grants a ticked line with every level it covers', () => {
    const granted = consentedScopes(areas, new Set(['ai:run:all']));
    expect(granted).toEqual(expect.arrayContaining(['ai:run:own', 'ai:run:org', 'ai:run:all']));
  });

  it('ignores what the page did not offer as a line: a scope outside the offer, a folded level', () => {
    const crafted = consentedScopes(areas, new Set(['tickets:write:all', 'ai:run:own']));
    expect(crafted).toEqual(consentedScopes(areas, new Set()));
  });
});

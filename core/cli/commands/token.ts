import { ServiceDeskError } from '../../errors/servicedesk-error.js';
import { mintAccessToken } from '../../oauth/mint-access-token.js';
import type { CommandContext } from '../command.js';
import { builtInSettingsOf, withAuthorizationServer } from '../open-authorization-server.js';

const defaultTtl = 900;
const minimumTtl = 60;

/** `--ttl`: whole seconds from 60 up to the server's access-token lifetime. */
function ttlOf(value: unknown, maximum: number): number {
  if (value === undefined) return Math.min(defaultTtl, maximum);
  const ttl = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(ttl) || ttl < minimumTtl || ttl > maximum) {
    throw new ServiceDeskError(
      'CLI_USAGE',
      `--ttl "${typeof value === 'string' ? value : ''}" must be whole seconds from ${minimumTtl} to ${maximum} (auth.builtIn.accessTokenTtl)`,
    );
  }
  return ttl;
}

function required(ctx: CommandContext, option: string, meaning: string): string {
  const value = ctx.options[option];
  if (typeof value !== 'string' || value.trim() === '')
    throw new ServiceDeskError('CLI_USAGE', `token needs --${option} <${meaning}>`);
  return value.trim();
}

/**
 * `token --user <email> --collection <id> [--scopes a,b] [--ttl 900] [--json]`: mints a
 * short-lived access token of the built-in authorization server for a desk account on one
 * collection, for curl and the MCP Inspector. The first line is the token alone.
 *
 * @example
 * await main(['token', '--user', 'sam@helpdesk.example', '--collection', 'agent']);
 */
export async function tokenCommand(ctx: CommandContext): Promise<number> {
  const settings = builtInSettingsOf(ctx.config, 'token');
  const email = required(ctx, 'user', 'email');
  const collection = required(ctx, 'collection', 'id');
  const scopesOption = ctx.options['scopes'];
  const scopes =
    typeof scopesOption === 'string' ? scopesOption.split(/[\s,]+/).filter(Boolean) : [];
  const ttl = ttlOf(ctx.options['ttl'], settings.accessTokenTtl ?? 3600);
  return withAuthorizationServer(ctx, 'token', async ({ auth, server }) => {
    const minted = await mintAccessToken(auth, server.db, { email, collection, scopes, ttl });
    if (ctx.options['json'] === true) {
      ctx.out(
        JSON.stringify(
          {
            access_token: minted.token,
            token_type: 'Bearer',
            expires_in: ttl,
            expires_at: minted.expiresAt.toISOString(),
            scope: minted.scopes.join(' '),
            audience: minted.audience,
            user: minted.userId,
          },
          null,
          2,
        ),
      );
      return 0;
    }
    ctx.out(minted.token);
    ctx.out(`Authorization: Bearer ${minted.token}`);
    ctx.out(`  for      ${minted.userId} on ${minted.audience}`);
    ctx.out(`  scopes   ${minted.scopes.join(' ')}`);
    ctx.out(`  expires  ${minted.expiresAt.toISOString()} (in ${ttl} s)`);
    ctx.out(
      `  try      curl -s ${minted.audience} -H 'Authorization: Bearer ${minted.token}' ` +
        `-H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' ` +
        `-d '{"jsonrpc":"2.0","id":1,"method":"tools/list"}'`,
    );
    ctx.out(
      `  revoke   curl -s ${auth.issuer}/token/revocation -d client_id=servicedesk-cli -d token=${minted.token}`,
    );
    return 0;
  });
}

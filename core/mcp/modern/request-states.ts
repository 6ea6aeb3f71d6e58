import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from '../../storage/database.js';
import { protocolError } from '../../errors/protocol-error.js';
import type { RequestStateTables } from './request-state-schema.js';

/** How long a client has to answer the questions of one round, in ms. */
export const requestStateTtlMs = 10 * 60_000;

/** What one call's request state binds: who asked, where, for which tool with which arguments. */
export interface StateBinding {
  readonly user: string;
  readonly client: string;
  readonly collection: string;
  readonly tool: string;
  readonly arguments: unknown;
}

/** What a request state carries between rounds (ADR 0026, "MRTR"). */
export interface StatePayload {
  readonly v: 1;
  readonly user: string;
  readonly client: string;
  readonly collection: string;
  readonly tool: string;
  /** SHA-256 of the arguments' canonical JSON: a retry with other arguments is another call. */
  readonly args: string;
  readonly exp: number;
  readonly nonce: string;
  /** Every answer so far, by ask key. */
  readonly answers: Readonly<Record<string, unknown>>;
  /** The keys asked in the round this state ends, with their methods: the only ones the retry may answer. */
  readonly asked: Readonly<Record<string, string>>;
}

/** JSON with object keys sorted, so equal arguments give equal digests. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function digestOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('base64url');
}

function invalid(why: string): Error {
  return protocolError(
    'MCP_REQUEST_STATE_INVALID',
    `params.requestState is not valid for this call: ${why}; call the tool again without requestState and inputResponses`,
  );
}

const secretName = 'mrtr-request-state';

/**
 * Seals and opens the `requestState` of 2026-07-28 multi-round-trip calls: an HMAC-SHA256-signed,
 * expiring payload bound to the caller, collection, tool and arguments, so a client can carry
 * answers between rounds but not forge, move or reuse them. The key is one row of `sdm_secrets`
 * (the first instance to start writes it; every instance reads the same), so any instance behind
 * a load balancer opens a state another sealed. Confirmations are single-use through
 * `sdm_request_state_uses`.
 *
 * @example
 * const states = new RequestStates(runtime.db);
 * const token = await states.seal(binding, { answers: {}, asked: { 'ask-0': 'elicitation/create' } });
 * const payload = await states.open(token, binding);
 */
export class RequestStates {
  readonly #db;
  #key: Promise<Buffer> | undefined;
  #nextSweep = 0;

  constructor(db: Database) {
    this.#db = db.withTables<RequestStateTables>();
  }

  #secret(): Promise<Buffer> {
    this.#key ??= (async () => {
      await this.#db
        .insertInto('sdm_secrets')
        .values({
          name: secretName,
          value: randomBytes(32).toString('base64url'),
          created_at: new Date().toISOString(),
        })
        .onConflict((conflict) => conflict.column('name').doNothing())
        .execute();
      const row = await this.#db
        .selectFrom('sdm_secrets')
        .select('value')
        .where('name', '=', secretName)
        .executeTakeFirstOrThrow();
      return Buffer.from(row.value, 'base64url');
    })();
    // A failed read is tried again on the next call rather than remembered.
    this.#key.catch(() => (this.#key = undefined));
    return this.#key;
  }

  async seal(
    binding: StateBinding,
    carried: Pick<StatePayload, 'answers' | 'asked'>,
  ): Promise<string> {
    const payload: StatePayload = {
      v: 1,
      user: binding.user,
      client: binding.client,
      collection: binding.collection,
      tool: binding.tool,
      args: digestOf(binding.arguments),
      exp: Date.now() + requestStateTtlMs,
      nonce: randomBytes(16).toString('base64url'),
      answers: carried.answers,
      asked: carried.asked,
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    const mac = createHmac('sha256', await this.#secret())
      .update(body)
      .digest('base64url');
    return `${body}.${mac}`;
  }

  /** The payload of `token` when it is genuine, unexpired and made for this very call. */
  async open(token: unknown, binding: StateBinding): Promise<StatePayload> {
    if (typeof token !== 'string') throw invalid('it must be the string the server sent');
    const [body, mac, extra] = token.split('.');
    if (body === undefined || mac === undefined || extra !== undefined)
      throw invalid('it is not a state this server sent');
    const expected = createHmac('sha256', await this.#secret())
      .update(body)
      .digest();
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw invalid('it is not a state this server sent');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as StatePayload;
    if (payload.exp < Date.now()) throw invalid('it expired');
    if (
      payload.user !== binding.user ||
      payload.client !== binding.client ||
      payload.collection !== binding.collection ||
      payload.tool !== binding.tool
    )
      throw invalid('it was made for another caller, collection or tool');
    if (payload.args !== digestOf(binding.arguments))
      throw invalid('the arguments differ from the first round');
    return payload;
  }

  /** Marks a state used; false when it already was (a replayed confirmation). */
  async consume(payload: StatePayload): Promise<boolean> {
    await this.#sweep();
    const inserted = await this.#db
      .insertInto('sdm_request_state_uses')
      .values({ nonce: payload.nonce, expires_at: new Date(payload.exp).toISOString() })
      .onConflict((conflict) => conflict.column('nonce').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** Drops used nonces whose states have expired anyway, at most once a minute. */
  async #sweep(): Promise<void> {
    if (Date.now() < this.#nextSweep) return;
    this.#nextSweep = Date.now() + 60_000;
    await this.#db
      .deleteFrom('sdm_request_state_uses')
      .where('expires_at', '<', new Date().toISOString())
      .execute();
  }
}

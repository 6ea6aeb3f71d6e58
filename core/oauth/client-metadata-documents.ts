import type { Adapter, AdapterPayload, ClientMetadata } from 'oidc-provider';
import type { Logger } from '../log/logger.js';
import { applicationTypeOf, redirectUriRefusal } from './application-type.js';
import {
  DocumentFetchError,
  fetchJsonDocument,
  type DocumentFetchOptions,
} from './metadata-document-fetch.js';
import { errors } from './oidc-provider.js';
import { registrationLimits } from './registered-clients.js';

/** `auth.builtIn.clientMetadataDocuments`: clients identified by the URL of their metadata. */
export interface ClientMetadataDocumentSettings {
  /** Accept a client id that is the https URL of the client's metadata document; default true. */
  readonly enabled?: boolean;
  /** Fetch documents from hosts on private, loopback or link-local addresses too; default false. */
  readonly allowPrivateAddresses?: boolean;
  /** Certificate authorities (PEM) trusted beside the system's when fetching, e.g. an internal PKI. */
  readonly trustedCertificates?: readonly string[];
}

/** Limits of a fetch: a metadata document is a few hundred bytes. */
const fetchLimits = Object.freeze({ timeoutMs: 5_000, maxBytes: 5_120 });
/**
 * How long a document is kept: its own max-age within these bounds, else the default. A refusal
 * is kept for `refused`, so one sign-in (which reads its client several times) fetches once and
 * a broken or hostile host is not asked again at every request.
 */
const cacheSeconds = Object.freeze({ min: 60, max: 86_400, default: 600, refused: 30 });
const maxCachedDocuments = 1_000;

/**
 * True for a client id that names a metadata document: an https URL with a path, and no
 * fragment, credentials or dot segments (draft-ietf-oauth-client-id-metadata-document §3).
 *
 * @example
 * isClientMetadataUrl('https://claude.ai/oauth/mcp-client.json') // true
 * isClientMetadataUrl('sdm-7f3a') // false
 */
export function isClientMetadataUrl(clientId: string): boolean {
  const url = URL.parse(clientId);
  return (
    url !== null &&
    url.protocol === 'https:' &&
    url.pathname !== '/' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === '' &&
    url.href === clientId &&
    !/\/\.\.?(\/|$)/.test(clientId.slice(url.origin.length))
  );
}

const refuse = (clientId: string, reason: string): never => {
  throw new errors.InvalidClientMetadata(
    `the client's metadata document at ${clientId} cannot be used: ${reason}`,
  );
};

const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;

/**
 * The client metadata oidc-provider gets for a document: a public client (no secret) using the
 * authorization code flow, with only the fields a person or the flow reads. Throws
 * `invalid_client_metadata` naming what is wrong.
 */
function clientFromDocument(clientId: string, json: unknown): ClientMetadata {
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    return refuse(clientId, 'it is not a JSON object');
  const doc = json as Record<string, unknown>;
  if (doc['client_id'] !== clientId)
    return refuse(clientId, 'its client_id is not the URL it was fetched from');
  for (const field of ['client_secret', 'client_secret_expires_at'])
    if (field in doc) refuse(clientId, `it has a ${field}, which a public document must not`);
  const method = doc['token_endpoint_auth_method'] ?? 'none';
  if (method !== 'none')
    refuse(
      clientId,
      `token_endpoint_auth_method ${JSON.stringify(method)}: only "none" is accepted`,
    );
  const redirects = strings(doc['redirect_uris']);
  if (redirects === undefined || redirects.length === 0)
    return refuse(clientId, 'redirect_uris must list at least one URI');
  if (redirects.length > registrationLimits.redirectUris)
    refuse(clientId, `redirect_uris may list at most ${registrationLimits.redirectUris} URIs`);
  // The same application_type rules as registration, checked here so the page names the reason.
  const applicationType = applicationTypeOf(doc['application_type']);
  if (applicationType === undefined)
    return refuse(clientId, `application_type must be "web" or "native" (or left out for "web")`);
  for (const uri of redirects) {
    if (uri.length > registrationLimits.uriLength)
      refuse(
        clientId,
        `redirect_uris: each URI must be at most ${registrationLimits.uriLength} characters`,
      );
    const refusal = redirectUriRefusal(uri, applicationType);
    if (refusal !== undefined) refuse(clientId, refusal);
  }
  const grants = strings(doc['grant_types']) ?? ['authorization_code'];
  if (!grants.every((g) => g === 'authorization_code' || g === 'refresh_token'))
    refuse(clientId, 'grant_types may hold only authorization_code and refresh_token');
  const name = doc['client_name'];
  return {
    client_id: clientId,
    client_name:
      typeof name === 'string' && name.length > 0
        ? name.slice(0, registrationLimits.clientNameLength)
        : new URL(clientId).host,
    redirect_uris: redirects,
    grant_types: grants,
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
    application_type: applicationType,
  };
}

/**
 * The clients named by their metadata document's URL (CIMD): each is fetched when first used
 * (safely: {@link fetchJsonDocument}), checked, and kept in memory for its `Cache-Control` max-age
 * (1 minute to 1 day, 10 minutes when it says none; not at all with no-store); a refusal is kept
 * for 30 seconds. Nothing is written to the store.
 *
 * @example
 * const documents = new ClientMetadataDocuments(settings, log);
 * await documents.find('https://app.example/client.json') // { client_id, redirect_uris, … }
 */
export class ClientMetadataDocuments {
  readonly #fetch: DocumentFetchOptions;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #cache = new Map<string, { answer: ClientMetadata | Error; until: number }>();
  readonly #pending = new Map<string, Promise<ClientMetadata>>();

  constructor(settings: ClientMetadataDocumentSettings, log: Logger, now: () => number = Date.now) {
    this.#fetch = {
      ...fetchLimits,
      allowPrivateAddresses: settings.allowPrivateAddresses ?? false,
      ...(settings.trustedCertificates !== undefined && {
        trustedCertificates: settings.trustedCertificates,
      }),
    };
    this.#log = log;
    this.#now = now;
  }

  /** The client a metadata URL names; throws `invalid_client_metadata` saying why it cannot be used. */
  async find(clientId: string): Promise<ClientMetadata> {
    const cached = this.#cache.get(clientId);
    if (cached !== undefined && cached.until > this.#now()) {
      if (cached.answer instanceof Error) throw cached.answer;
      return cached.answer;
    }
    const pending = this.#pending.get(clientId) ?? this.#load(clientId);
    this.#pending.set(clientId, pending);
    try {
      return await pending;
    } finally {
      this.#pending.delete(clientId);
    }
  }

  async #load(clientId: string): Promise<ClientMetadata> {
    try {
      const fetched = await this.#fetchDocument(clientId);
      const metadata = clientFromDocument(clientId, fetched.json);
      if (!fetched.noStore) {
        const seconds = fetched.maxAgeSeconds ?? cacheSeconds.default;
        this.#keep(
          clientId,
          metadata,
          Math.min(Math.max(seconds, cacheSeconds.min), cacheSeconds.max),
        );
      }
      return metadata;
    } catch (error) {
      if (error instanceof Error) this.#keep(clientId, error, cacheSeconds.refused);
      throw error;
    }
  }

  async #fetchDocument(clientId: string) {
    try {
      return await fetchJsonDocument(new URL(clientId), this.#fetch);
    } catch (error) {
      const reason =
        error instanceof DocumentFetchError ? error.message : 'it could not be fetched';
      this.#log.warn('a client metadata document could not be fetched', { clientId, reason });
      return refuse(clientId, reason);
    }
  }

  #keep(clientId: string, answer: ClientMetadata | Error, seconds: number): void {
    this.#cache.delete(clientId);
    if (this.#cache.size >= maxCachedDocuments) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
    this.#cache.set(clientId, { answer, until: this.#now() + seconds * 1000 });
  }
}

/**
 * oidc-provider's `Client` storage with metadata-document clients in front: a client id that is a
 * metadata URL is answered from {@link ClientMetadataDocuments}, every other from `stored`.
 *
 * @example
 * adapter: (name) => name === 'Client' ? new MetadataDocumentClients(kysely, documents) : kysely
 */
export class MetadataDocumentClients implements Adapter {
  readonly #stored: Adapter;
  readonly #documents: ClientMetadataDocuments;

  constructor(stored: Adapter, documents: ClientMetadataDocuments) {
    this.#stored = stored;
    this.#documents = documents;
  }

  async find(id: string): Promise<AdapterPayload | void | undefined> {
    if (!isClientMetadataUrl(id)) return this.#stored.find(id);
    return await this.#documents.find(id);
  }

  // A metadata-document client is never written: it lives at its URL.
  upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void | undefined> {
    return this.#stored.upsert(id, payload, expiresIn);
  }
  findByUserCode(userCode: string): Promise<AdapterPayload | void | undefined> {
    return this.#stored.findByUserCode(userCode);
  }
  findByUid(uid: string): Promise<AdapterPayload | void | undefined> {
    return this.#stored.findByUid(uid);
  }
  consume(id: string): Promise<void | undefined> {
    return this.#stored.consume(id);
  }
  destroy(id: string): Promise<void | undefined> {
    return this.#stored.destroy(id);
  }
  revokeByGrantId(grantId: string): Promise<void | undefined> {
    return this.#stored.revokeByGrantId(grantId);
  }
}

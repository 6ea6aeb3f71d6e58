import type { Scope } from '../scope/scope.js';
import type { ClientMetadataDocumentSettings } from './client-metadata-documents.js';

/**
 * A confidential client declared in config, bound to one collection — for Copilot Studio's
 * "manual" mode and for service accounts. Give the secret as `clientSecret` (read it from the
 * environment; only its hash is kept) or as `clientSecretHash`: `sha256$` followed by the
 * base64url SHA-256 of the secret (`printf %s "$SECRET" | openssl dgst -sha256 -binary | basenc --base64url | tr -d =`).
 */
export interface StaticClient {
  /** Letters, digits, `.`, `_` and `-`. */
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly clientSecretHash?: string;
  /** Shown on the consent page. */
  readonly name: string;
  /** The id of the one collection its tokens are for. */
  readonly collection: string;
  /** Exact redirect URIs (https, or http on loopback with any port); none for service accounts. */
  readonly redirectUris?: readonly string[];
  /**
   * Lets the client get tokens for itself (`client_credentials`) as a service account with
   * these scopes (still cut to the collection's grant and the `service` role's policy).
   */
  readonly serviceAccount?: { readonly userId?: string; readonly scopes: readonly Scope[] };
}

/** `auth.builtIn`: the built-in OAuth 2.1 authorization server (ADR 0009). */
export interface BuiltInAuthSettings {
  readonly clients?: readonly StaticClient[];
  /**
   * Clients identified by the https URL of their metadata document (Client ID Metadata
   * Documents, which MCP prefers to registration): on by default, fetched with limits and never
   * from a private address unless allowed here.
   */
  readonly clientMetadataDocuments?: ClientMetadataDocumentSettings;
  /** Whether MCP clients may register themselves (RFC 7591; deprecated by MCP 2026-07-28); default true. */
  readonly dynamicRegistration?: boolean;
  /** Access-token lifetime in seconds; default 3600. */
  readonly accessTokenTtl?: number;
  /** Refresh-token lifetime in seconds; default 14 days. Each use rotates it. */
  readonly refreshTokenTtl?: number;
  /** A signing key older than this many days is replaced at start (the old one stays published); default 90. */
  readonly signingKeyMaxAgeDays?: number;
  /** Failed sign-ins allowed per IP address and e-mail in `loginWindowMs`; default 5. */
  readonly loginAttempts?: number;
  /** The sign-in rate-limit window in ms; default 15 minutes. */
  readonly loginWindowMs?: number;
  /** Self-registrations (RFC 7591) allowed per client address per hour; default 20. */
  readonly registrationsPerHour?: number;
  /** A self-registered client that got no authorization code within this many hours is removed; default 24. */
  readonly unusedClientTtlHours?: number;
}

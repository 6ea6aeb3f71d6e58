// The one module that loads oidc-provider's code; the rest of the framework imports Provider and
// errors from here (ESLint refuses a value import of oidc-provider elsewhere; types are fine).
// The first import installs a filter that drops oidc-provider's "Unsupported runtime" line on
// Node 20 while oidc-provider loads; the body then removes that filter (ADR 0021). oidc-provider
// is loaded with import(), not a static import: the bundled build (ADR 0036) puts a static import
// of an external package before its own code, which would load it before the filter is in place.
import type * as OidcProvider from 'oidc-provider';
import { stopFilteringUnsupportedRuntimeWarning } from './unsupported-runtime-warning.js';

const loaded = await import('oidc-provider');
stopFilteringUnsupportedRuntimeWarning();

/** oidc-provider's `Provider` class. */
export const Provider = loaded.default;
/** An oidc-provider instance. */
export type Provider = OidcProvider.default;
/** oidc-provider's error classes. */
export const errors = loaded.errors;
/** oidc-provider's interaction policy helpers. */
export const interactionPolicy = loaded.interactionPolicy;

// The one module that loads oidc-provider's code; the rest of the framework imports Provider and
// errors from here (ESLint refuses a value import of oidc-provider elsewhere; types are fine).
// Imports are evaluated in order, before this module's body: the first drops oidc-provider's
// "Unsupported runtime" line on Node 20 while oidc-provider loads, and the body then removes that
// filter (ADR 0021).
import { stopFilteringUnsupportedRuntimeWarning } from './unsupported-runtime-warning.js';
import Provider, { errors, interactionPolicy } from 'oidc-provider';

stopFilteringUnsupportedRuntimeWarning();

export { Provider, errors, interactionPolicy };

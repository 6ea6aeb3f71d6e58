import type { Rule } from 'eslint';

/** See layering-rule.js. */
export declare const layeringRule: Rule.RuleModule;

/**
 * The plugin ids plugins/<id>/index.ts declares in the literal `requires` and
 * `optionalRequires` arrays of its definePlugin call, or why lint cannot read them.
 */
export declare function declaredRequires(
  indexFile: string,
): { readonly ids: readonly string[] } | { readonly problem: string };

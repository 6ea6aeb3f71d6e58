import type { Rule } from 'eslint';

/** See layering-rule.js. */
export declare const layeringRule: Rule.RuleModule;

/** The one scope every conformance fixture requires; grant it on the conformance collection. */
export const conformanceScope = 'conformance:test';

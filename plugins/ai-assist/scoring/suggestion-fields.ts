/** The ticket fields AI suggestions predict, in the order they are reported. */
export const suggestionFields = ['category', 'priority', 'team'] as const;

/** One of {@link suggestionFields}. */
export type SuggestionField = (typeof suggestionFields)[number];

/** How many of the most similar resolved tickets vote, unless configured otherwise. */
export const defaultNeighbours = 10;

/** The confidence a prediction needs before it is applied, unless the caller names another. */
export const defaultThreshold = 0.6;

/** The ticket fields AI suggestions predict, in the order they are reported. */
export const suggestionFields = ['category', 'priority', 'team'] as const;

/** One of {@link suggestionFields}. */
export type SuggestionField = (typeof suggestionFields)[number];

/** How many of the most similar resolved tickets vote, unless configured otherwise. */
export const defaultNeighbours = 10;

/**
 * The confidence a prediction of category, priority or team needs before it is applied, unless
 * the caller names another. The learned models' confidences are calibrated, so what is applied
 * at 0.85 is right about 85 % of the time or more: the figure issue 22 asks of the default.
 */
export const defaultThreshold = 0.85;

/**
 * The share of the similar tickets' vote a ticket type's choice (e.g. `affected_service`) needs
 * before triage fills it in, unless configured otherwise. A vote, not a calibrated model: the
 * value the type-field triage had before the models came.
 */
export const defaultTypeFieldThreshold = 0.6;

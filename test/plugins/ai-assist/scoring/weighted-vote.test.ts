import { describe, expect, it } from 'vitest';
import { decideSuggestion } from '../../../../plugins/ai-assist/scoring/suggestion-decision.js';
import { predictByWeightedVote } from '../../../../plugins/ai-assist/scoring/weighted-vote.js';

type Field = 'team' | 'category' | 'priority';
const fields: Field[] = ['team', 'category', 'priority'];

describe('predictByWeightedVote', () => {
  it('gives each value the sum of its voters’ scores and the winner its share as confidence', () => {
    const predictions = predictByWeightedVote<Field>(
      [
        { id: 'n1', score: 3, labels: { team: 'network', priority: '2' } },
        { id: 'n2', score: 2, labels: { team: 'service-desk', priority: '3' } },
        { id: 'n3', score: 1, labels: { team: 'network', priority: '3' } },
        { id: 'n4', score: 4, labels: { team: null, priority: '2' } },
      ],
      fields,
    );
    // team: network 3 + 1 = 4 of 6 (0.667 to three decimals); n4 has no team and casts no vote.
    expect(predictions.team).toEqual({
      value: 'network',
      confidence: 0.667,
      evidence: ['n1', 'n3'],
      voters: 3,
    });
    // priority: "2" 4 + 3 = 7, "3" 2 + 1 = 3 → 0.7; evidence most similar first.
    expect(predictions.priority).toEqual({
      value: '2',
      confidence: 0.7,
      evidence: ['n4', 'n1'],
      voters: 4,
    });
    // Nobody labels the category: no prediction at all.
    expect(predictions.category).toBeUndefined();
  });

  it('breaks a tie in favour of the more similar neighbour’s value', () => {
    const predictions = predictByWeightedVote<Field>(
      [
        { id: 'low', score: 1, labels: { team: 'b' } },
        { id: 'high', score: 2, labels: { team: 'a' } },
        { id: 'low2', score: 1, labels: { team: 'b' } },
      ],
      ['team'],
    );
    expect(predictions.team?.value).toBe('a');
    expect(predictions.team?.confidence).toBe(0.5);
  });

  it('counts every neighbour once when no score is positive', () => {
    const predictions = predictByWeightedVote<Field>(
      [
        { id: '1', score: 0, labels: { team: 'a' } },
        { id: '2', score: 0, labels: { team: 'b' } },
        { id: '3', score: 0, labels: { team: 'b' } },
      ],
      ['team'],
    );
    expect(predictions.team).toMatchObject({ value: 'b', confidence: 0.667 });
  });

  it('predicts nothing from no neighbours', () => {
    expect(predictByWeightedVote<Field>([], fields)).toEqual({});
  });
});

describe('decideSuggestion', () => {
  const prediction = { value: 'network', confidence: 0.75, evidence: ['1'], voters: 2 };
  it.each([
    [{ prediction, current: 'service-desk', threshold: 0.6 }, 'applied'],
    [{ prediction, current: undefined, threshold: 0.75 }, 'applied'],
    [{ prediction, current: 'service-desk', threshold: 0.6, dryRun: true }, 'would_apply'],
    [{ prediction, current: 'service-desk', threshold: 0.8 }, 'below_threshold'],
    [{ prediction, current: 'network', threshold: 0.6 }, 'already_set'],
    [{ prediction: undefined, current: 'network', threshold: 0.6 }, 'no_evidence'],
  ] as const)('%o → %s', (decision, outcome) => {
    expect(decideSuggestion(decision)).toBe(outcome);
  });
});

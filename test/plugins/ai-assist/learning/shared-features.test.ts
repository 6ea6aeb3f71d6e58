import { describe, expect, it } from 'vitest';
import {
  trainTextClassifier,
  type TrainingExample,
} from '../../../../plugins/ai-assist/learning/text-classifier.js';
import {
  buildVocabulary,
  sharedFeatureMinimums,
} from '../../../../plugins/ai-assist/learning/vocabulary.js';

describe('sharedFeatureMinimums', () => {
  it('asks for three documents from two organisations', () => {
    expect(sharedFeatureMinimums).toEqual({ documents: 3, organisations: 2 });
  });

  it('marks a feature shared only when both minimums are met, each organisation-less document alone', () => {
    const vocabulary = buildVocabulary([
      { text: 'alpha beta gamma', organisation: 'acme' },
      { text: 'alpha beta gamma', organisation: 'acme' },
      { text: 'alpha beta', organisation: 'globex' },
      { text: 'gamma delta', organisation: 'acme' },
      { text: 'delta', organisation: null },
      { text: 'delta' },
    ]);
    const shared = (key: string) => vocabulary.shared[vocabulary.index.get(key) ?? -1];
    expect(shared('w:alpha')).toBe(1); // 3 documents, 2 organisations
    expect(shared('w:gamma')).toBe(0); // 3 documents, all acme
    expect(shared('w:delta')).toBe(1); // acme and two documents of unknown, separate organisations
    expect(vocabulary.index.has('w:beta')).toBe(true); // 3 documents
    expect(shared('b:alpha beta')).toBe(1);
  });
});

describe('predict with sharedOnly', () => {
  // Two organisations' tickets; only acme writes "qxzvb", which always means printing there.
  const examples: TrainingExample[] = [];
  const texts: [string, string][] = [
    ['vpn router down', 'network'],
    ['wifi firewall slow', 'network'],
    ['printer toner empty', 'printing'],
    ['paper tray jam printer', 'printing'],
  ];
  for (let i = 0; i < 30; i += 1) {
    const [text, label] = texts[i % texts.length] as [string, string];
    const organisation = i % 2 === 0 ? 'acme' : 'globex';
    const secret = organisation === 'acme' && label === 'printing' ? ' qxzvb' : '';
    examples.push({ id: `t${i}`, text: `${text}${secret} please`, label, organisation });
  }
  const classifier = trainTextClassifier([
    ...examples,
    ...examples.map((e) => ({ ...e, id: `${e.id}-again` })),
  ]);

  it('treats a word only one organisation wrote exactly as a word nobody wrote', () => {
    const withSecret = classifier?.predict('slow please qxzvb', { sharedOnly: true });
    const withUnknown = classifier?.predict('slow please wjkmy', { sharedOnly: true });
    expect(withSecret).toBeDefined();
    expect(withSecret).toEqual(withUnknown);
  });

  it('does read that word without sharedOnly (so the test above can fail)', () => {
    const withSecret = classifier?.predict('slow please qxzvb');
    const withUnknown = classifier?.predict('slow please wjkmy');
    expect(withSecret).not.toEqual(withUnknown);
    expect(classifier?.predict('qxzvb')?.value).toBe('printing');
    expect(classifier?.predict('qxzvb', { sharedOnly: true })).toBeUndefined();
  });
});

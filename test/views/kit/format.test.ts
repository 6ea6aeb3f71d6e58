import { describe, expect, it } from 'vitest';
import {
  minutesLeft,
  priorityLabel,
  slaClass,
  slaLabel,
  statusLabel,
  timeLeft,
} from '../../../views/kit/format.js';

const now = new Date('2026-01-01T10:00:00Z');

describe('views/kit/format', () => {
  it('says how long is left before a due time, in at most two units', () => {
    expect(timeLeft('2026-01-01T12:10:00Z', now)).toBe('2 h 10 min left');
    expect(timeLeft('2026-01-01T12:00:00Z', now)).toBe('2 h left');
    expect(timeLeft('2026-01-01T10:05:00Z', now)).toBe('5 min left');
    expect(timeLeft('2026-01-01T10:00:20Z', now)).toBe('less than 1 min left');
    expect(timeLeft('2026-01-03T13:00:00Z', now)).toBe('2 d 3 h left');
  });

  it('says how long ago a due time was breached', () => {
    expect(timeLeft('2026-01-01T07:00:00Z', now)).toBe('breached 3 h ago');
    expect(minutesLeft(-45)).toBe('breached 45 min ago');
  });

  it('has words for no due time and an unreadable one', () => {
    expect(timeLeft(null, now)).toBe('no due time');
    expect(timeLeft('not a date', now)).toBe('no due time');
    expect(minutesLeft(null)).toBe('no due time');
  });

  it('names SLA states, priorities and statuses', () => {
    expect(slaClass('at_risk')).toBe('sla-at_risk');
    expect(slaClass('nonsense')).toBe('sla-none');
    expect(slaLabel('ok')).toBe('on track');
    expect(slaLabel(undefined)).toBe('no SLA');
    expect(priorityLabel(1)).toBe('P1 critical');
    expect(priorityLabel(9)).toBe('P9');
    expect(statusLabel('on_hold')).toBe('on hold');
  });
});

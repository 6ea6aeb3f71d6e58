import { describe, expect, it } from 'vitest';
import {
  atRiskCutoff,
  slaDueTimes,
  slaDueTimesOnPriorityChange,
  slaStatus,
  type SlaTicket,
} from '../../../plugins/desk/sla/sla-clock.js';

// P2: respond within 1 hour, resolve within 8 hours (480 min), at risk at 75 % (after 6 hours).
const policy = { priority: 2, response_minutes: 60, resolution_minutes: 480, at_risk_percent: 75 };
const created = new Date('2026-01-05T09:00:00.000Z');
const at = (iso: string) => new Date(iso);

function openTicket(overrides: Partial<SlaTicket> = {}): SlaTicket {
  return {
    status: 'open',
    ...slaDueTimes(policy, created),
    responded_at: null,
    resolved_at: null,
    ...overrides,
  };
}

describe('SLA due times', () => {
  it('adds the policy minutes to the creation time', () => {
    expect(slaDueTimes(policy, created)).toEqual({
      response_due_at: '2026-01-05T10:00:00.000Z',
      resolution_due_at: '2026-01-05T17:00:00.000Z',
    });
  });

  it('restarts both targets from a priority change when there was no response yet', () => {
    const p1 = { priority: 1, response_minutes: 15, resolution_minutes: 240, at_risk_percent: 50 };
    const ticket = { responded_at: null, response_due_at: '2026-01-05T10:00:00.000Z' };
    expect(slaDueTimesOnPriorityChange(ticket, p1, at('2026-01-05T11:30:00.000Z'))).toEqual({
      response_due_at: '2026-01-05T11:45:00.000Z',
      resolution_due_at: '2026-01-05T15:30:00.000Z',
    });
  });

  it('keeps the response due time of a ticket already responded to', () => {
    const p1 = { priority: 1, response_minutes: 15, resolution_minutes: 240, at_risk_percent: 50 };
    const ticket = {
      responded_at: '2026-01-05T09:20:00.000Z',
      response_due_at: '2026-01-05T10:00:00.000Z',
    };
    expect(slaDueTimesOnPriorityChange(ticket, p1, at('2026-01-05T11:30:00.000Z'))).toEqual({
      response_due_at: '2026-01-05T10:00:00.000Z',
      resolution_due_at: '2026-01-05T15:30:00.000Z',
    });
  });
});

describe('SLA state', () => {
  it('is ok with the whole window left', () => {
    expect(slaStatus(openTicket(), policy, at('2026-01-05T09:00:00.000Z'))).toMatchObject({
      state: 'ok',
      minutes_remaining: 480,
    });
  });

  it('is ok just before the at-risk point and at risk exactly at it', () => {
    expect(slaStatus(openTicket(), policy, at('2026-01-05T14:59:59.000Z')).state).toBe('ok');
    expect(slaStatus(openTicket(), policy, at('2026-01-05T15:00:00.000Z'))).toMatchObject({
      state: 'at_risk',
      minutes_remaining: 120,
    });
  });

  it('is at risk at the due time itself and breached once past it, with negative minutes', () => {
    expect(slaStatus(openTicket(), policy, at('2026-01-05T17:00:00.000Z'))).toMatchObject({
      state: 'at_risk',
      minutes_remaining: 0,
    });
    expect(slaStatus(openTicket(), policy, at('2026-01-05T17:45:00.000Z'))).toMatchObject({
      state: 'breached',
      minutes_remaining: -45,
    });
  });

  it('stops the clock at resolution: on time is ok, late is breached', () => {
    const onTime = openTicket({ status: 'resolved', resolved_at: '2026-01-05T16:00:00.000Z' });
    expect(slaStatus(onTime, policy, at('2026-01-09T00:00:00.000Z'))).toMatchObject({
      state: 'ok',
      minutes_remaining: 60,
    });
    const late = openTicket({ status: 'closed', resolved_at: '2026-01-05T18:00:00.000Z' });
    expect(slaStatus(late, policy, at('2026-01-09T00:00:00.000Z'))).toMatchObject({
      state: 'breached',
      minutes_remaining: -60,
    });
  });

  it('measures the window back from a due time that a priority change moved', () => {
    // Re-prioritised at 12:00: resolution due 20:00; 75 % of 8 hours is reached at 18:00.
    const moved = openTicket(slaDueTimes(policy, at('2026-01-05T12:00:00.000Z')));
    expect(slaStatus(moved, policy, at('2026-01-05T17:59:00.000Z')).state).toBe('ok');
    expect(slaStatus(moved, policy, at('2026-01-05T18:00:00.000Z')).state).toBe('at_risk');
  });

  it('reports a missed first response separately', () => {
    expect(slaStatus(openTicket(), policy, at('2026-01-05T09:59:00.000Z')).response_breached).toBe(
      false,
    );
    expect(slaStatus(openTicket(), policy, at('2026-01-05T10:01:00.000Z')).response_breached).toBe(
      true,
    );
    const answeredLate = openTicket({ responded_at: '2026-01-05T10:30:00.000Z' });
    expect(slaStatus(answeredLate, policy, at('2026-01-05T11:00:00.000Z')).response_breached).toBe(
      true,
    );
    const answered = openTicket({ responded_at: '2026-01-05T09:30:00.000Z' });
    expect(slaStatus(answered, policy, at('2026-01-05T11:00:00.000Z')).response_breached).toBe(
      false,
    );
  });

  it('is ok with no minutes when the ticket has no resolution target', () => {
    const untimed = openTicket({ response_due_at: null, resolution_due_at: null });
    expect(slaStatus(untimed, undefined, at('2027-01-01T00:00:00.000Z'))).toMatchObject({
      state: 'ok',
      minutes_remaining: null,
      response_breached: false,
    });
  });

  it('puts the at-risk cutoff where the state turns at risk', () => {
    const now = at('2026-01-05T15:00:00.000Z');
    // Due ≤ now + 25 % of 480 minutes (2 hours) is at risk.
    expect(atRiskCutoff(policy, now)).toBe('2026-01-05T17:00:00.000Z');
  });
});

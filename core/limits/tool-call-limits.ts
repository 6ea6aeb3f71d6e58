import type { Principal } from '../auth/principal.js';
import type { SharedState } from '../coordination/shared-state.js';
import type { ResolvedCallLimits } from './call-limit-settings.js';
import { openLimiter, type Limiter } from './rate-limiter.js';

/** Which budget refused a call. */
export type CallBudgetKind = 'user' | 'client' | 'collection';

/** Why a call was refused: the budget, its size and window, and when to try again. */
export interface CallLimitRefusal {
  readonly budget: CallBudgetKind;
  readonly collectionId: string;
  readonly limit: number;
  readonly windowSeconds: number;
  /** Whole seconds until the budget has room again (at least 1), as sent in `Retry-After`. */
  readonly retryAfterSeconds: number;
}

interface CollectionBudgets {
  readonly limits: ResolvedCallLimits;
  /** The budgets that are on, in the order they are charged. */
  readonly charged: readonly { readonly kind: CallBudgetKind; readonly limiter: Limiter }[];
}

/** The key a budget counts a call under. */
function keyOf(kind: CallBudgetKind, principal: Principal): string {
  if (kind === 'user') return principal.userId;
  if (kind === 'client') return principal.clientId;
  return 'all';
}

/**
 * The `tools/call` budgets of every collection, counted in shared state (so instances sharing
 * Redis enforce one budget together). A call is charged to its user's budget, then its client's,
 * then the collection's, stopping at the first that refuses: a runaway caller spends only its own
 * budget, not its client's or the desk's.
 *
 * @example
 * const limits = new ToolCallLimits(shared, settings.collectionCallLimits);
 * const refusal = await limits.charge(principal);
 * if (refusal) throw rateLimitedError(refusal);
 */
export class ToolCallLimits {
  readonly #byCollection = new Map<string, CollectionBudgets>();

  constructor(shared: SharedState, byCollection: ReadonlyMap<string, ResolvedCallLimits>) {
    for (const [id, limits] of byCollection) {
      const budgets: [CallBudgetKind, number][] = [
        ['user', limits.perUser],
        ['client', limits.perClient],
        ['collection', limits.perCollection],
      ];
      const charged = budgets
        .filter(([, points]) => points > 0)
        .map(([kind, points]) => ({
          kind,
          limiter: openLimiter(shared, {
            name: `tools:${id}:${kind}`,
            points,
            durationSeconds: limits.windowSeconds,
          }),
        }));
      if (charged.length > 0) this.#byCollection.set(id, { limits, charged });
    }
  }

  /**
   * Charges one call by `principal` on its collection; resolves to the refusal when a budget is
   * spent, else undefined. Returns undefined at once (no promise) when the collection has no budget.
   */
  charge(principal: Principal): Promise<CallLimitRefusal | undefined> | undefined {
    const budgets = this.#byCollection.get(principal.collectionId);
    return budgets && chargeAll(budgets, principal);
  }
}

async function chargeAll(
  { limits, charged }: CollectionBudgets,
  principal: Principal,
): Promise<CallLimitRefusal | undefined> {
  for (const { kind, limiter } of charged) {
    const decision = await limiter.consume(keyOf(kind, principal));
    if (decision.allowed) continue;
    return {
      budget: kind,
      collectionId: principal.collectionId,
      limit: limiter.limit.points,
      windowSeconds: limits.windowSeconds,
      retryAfterSeconds: Math.max(1, Math.ceil(decision.retryAfterMs / 1000)),
    };
  }
  return undefined;
}

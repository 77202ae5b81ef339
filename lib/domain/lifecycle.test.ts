import { describe, expect, it } from 'vitest';
import {
  lacksWrittenConfirmation,
  NEGOTIATION_STATUSES,
  parseNegotiationState,
  transition,
  type NegotiationState,
  type NegotiationStatus,
  type WrittenConfirmation,
} from './lifecycle';

const sms: WrittenConfirmation = { channel: 'sms', receivedOn: '2026-11-21', reference: '95188 短信' };
const at = (status: NegotiationStatus): NegotiationState => ({
  status,
  writtenConfirmation: status === 'confirmed' || status === 'repaying' ? sms : null,
});

/** Every move, as the rule decides it: "ok" or the refusal. Rows: from; columns: to. */
const TABLE: Record<NegotiationStatus, Record<NegotiationStatus, string>> = {
  preparing: { preparing: 'unchanged', 'in-talks': 'ok', agreed: 'ok', confirmed: 'ok', repaying: 'nothing-agreed', settled: 'nothing-agreed', broken: 'nothing-agreed' },
  'in-talks': { preparing: 'ok', 'in-talks': 'unchanged', agreed: 'ok', confirmed: 'ok', repaying: 'nothing-agreed', settled: 'nothing-agreed', broken: 'nothing-agreed' },
  agreed: { preparing: 'backwards', 'in-talks': 'ok', agreed: 'unchanged', confirmed: 'ok', repaying: 'ok', settled: 'ok', broken: 'ok' },
  confirmed: { preparing: 'backwards', 'in-talks': 'ok', agreed: 'backwards', confirmed: 'unchanged', repaying: 'ok', settled: 'ok', broken: 'ok' },
  repaying: { preparing: 'backwards', 'in-talks': 'ok', agreed: 'backwards', confirmed: 'backwards', repaying: 'unchanged', settled: 'ok', broken: 'ok' },
  settled: { preparing: 'settled-is-final', 'in-talks': 'settled-is-final', agreed: 'settled-is-final', confirmed: 'settled-is-final', repaying: 'settled-is-final', settled: 'unchanged', broken: 'settled-is-final' },
  broken: { preparing: 'ok', 'in-talks': 'ok', agreed: 'ok', confirmed: 'ok', repaying: 'ok', settled: 'ok', broken: 'unchanged' },
};

describe('transition', () => {
  it.each(NEGOTIATION_STATUSES.flatMap((from) => NEGOTIATION_STATUSES.map((to) => [from, to] as const)))(
    '%s → %s',
    (from, to) => {
      const result = transition(at(from), to, to === 'confirmed' ? sms : undefined);
      expect(result.ok ? 'ok' : result.error).toBe(TABLE[from][to]);
    },
  );

  it('needs the written confirmation itself to move to confirmed, even from broken', () => {
    expect(transition(at('agreed'), 'confirmed')).toEqual({ ok: false, error: 'confirmation-missing' });
    expect(transition({ status: 'broken', writtenConfirmation: sms }, 'confirmed')).toEqual({ ok: false, error: 'confirmation-missing' });
    expect(transition(at('agreed'), 'confirmed', { ...sms, receivedOn: '2026-02-30' })).toEqual({
      ok: false,
      error: 'invalid-confirmation',
    });
    expect(transition(at('agreed'), 'confirmed', sms)).toEqual({ ok: true, value: { status: 'confirmed', writtenConfirmation: sms } });
  });

  it('keeps the confirmation while repaying, drops it when terms are talked over again', () => {
    expect(transition(at('confirmed'), 'repaying')).toEqual({ ok: true, value: { status: 'repaying', writtenConfirmation: sms } });
    expect(transition(at('repaying'), 'in-talks')).toEqual({ ok: true, value: { status: 'in-talks', writtenConfirmation: null } });
    expect(transition({ status: 'broken', writtenConfirmation: sms }, 'agreed')).toEqual({
      ok: true,
      value: { status: 'agreed', writtenConfirmation: null },
    });
    expect(transition({ status: 'broken', writtenConfirmation: sms }, 'repaying')).toEqual({
      ok: true,
      value: { status: 'repaying', writtenConfirmation: sms },
    });
  });

  it('takes a confirmation along with another forward move, not with talks', () => {
    expect(transition(at('agreed'), 'repaying', sms)).toEqual({ ok: true, value: { status: 'repaying', writtenConfirmation: sms } });
    expect(transition(at('agreed'), 'in-talks', sms)).toEqual({ ok: false, error: 'invalid-confirmation' });
  });

  it('refuses a state that is not one', () => {
    expect(transition({ status: 'confirmed', writtenConfirmation: null }, 'repaying')).toEqual({ ok: false, error: 'invalid-state' });
    expect(transition({ status: 'lost' as NegotiationStatus, writtenConfirmation: null }, 'repaying')).toEqual({
      ok: false,
      error: 'invalid-state',
    });
  });
});

describe('lacksWrittenConfirmation', () => {
  it('flags a deal that only the lender’s word backs', () => {
    expect(lacksWrittenConfirmation(at('agreed'))).toBe(true);
    expect(lacksWrittenConfirmation({ status: 'repaying', writtenConfirmation: null })).toBe(true);
    expect(lacksWrittenConfirmation({ status: 'broken', writtenConfirmation: null })).toBe(true);
    expect(lacksWrittenConfirmation(at('repaying'))).toBe(false);
    expect(lacksWrittenConfirmation(at('in-talks'))).toBe(false);
    expect(lacksWrittenConfirmation(at('settled'))).toBe(false);
  });
});

describe('parseNegotiationState', () => {
  it('reads a stored state back and refuses a confirmed one without proof', () => {
    expect(parseNegotiationState({ status: 'repaying', writtenConfirmation: sms })).toEqual({
      ok: true,
      value: { status: 'repaying', writtenConfirmation: sms },
    });
    expect(parseNegotiationState({ status: 'confirmed', writtenConfirmation: null })).toEqual({
      ok: false,
      error: [{ path: 'writtenConfirmation', code: 'confirmed-without-confirmation' }],
    });
  });
});

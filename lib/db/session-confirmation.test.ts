import { describe, expect, it } from 'vitest';
import { agreementsAwaitingConfirmation, confirmationsByAgreement } from './session-confirmation';
import { addNote, createSession, updateSession } from './sessions';

describe('confirmationsByAgreement', () => {
  it('gives the first confirmation received per linked agreement, null while none, nothing for unlinked ones', async () => {
    await createSession({ id: 's1', agreementId: 'waiting', lender: '借呗', startedAt: 1 });
    await createSession({ id: 's2', agreementId: 'got', lender: '花呗', startedAt: 2 });
    await createSession({ id: 's3', agreementId: 'got', lender: '花呗', startedAt: 3 });
    await createSession({ id: 's4', agreementId: 'got', lender: '花呗', startedAt: 4 });
    await createSession({ id: 'g', agreementId: null, lender: '', startedAt: 5 });
    await addNote({ id: 'n1', sessionId: 's1', at: 10, text: '客服同意延期，说会发短信' });
    await updateSession('s3', { confirmationReceivedAt: 900, confirmationChannel: 'sms' });
    await updateSession('s4', { confirmationReceivedAt: 700, confirmationChannel: 'email' });

    expect(await confirmationsByAgreement()).toEqual(
      new Map([
        ['waiting', null],
        ['got', 700],
      ]),
    );
    expect(await agreementsAwaitingConfirmation()).toEqual(new Set(['waiting']));
  });

  it('leaves out a linked session in which nothing was written: opening the panel is not a talk', async () => {
    await createSession({ id: 'opened', agreementId: 'quiet', lender: '借呗', startedAt: 1 });
    await createSession({ id: 'asked', agreementId: 'asked-only', lender: '花呗', startedAt: 2 });
    await updateSession('asked', { confirmationAskedAt: 5 });
    await createSession({ id: 'typed', agreementId: 'typing', lender: '微粒贷', startedAt: 3 });
    await updateSession('typed', { agentName: '工号 8821' });
    expect(await confirmationsByAgreement()).toEqual(
      new Map([
        ['asked-only', null],
        ['typing', null],
      ]),
    );
  });
});

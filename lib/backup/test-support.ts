import { allRows, markFirstReminderShown, putRawRow } from '../db/test-support';
import { encodeBlobs } from './blobs';
import { canonicalJson } from './canonical';

/** Every store's records, Blobs included, as one string: two equal dumps mean byte-identical data. */
export async function dumpDatabase(): Promise<string> {
  return dump(true);
}

/**
 * The records alone, without this profile's bookkeeping (each record's stamp, the clock and device
 * id, tombstones): what a backup round trip must give back.
 */
export async function dumpContent(): Promise<string> {
  return dump(false);
}

async function dump(withBookkeeping: boolean): Promise<string> {
  const { version, stores } = await allRows(withBookkeeping);
  const unstamped = (list: readonly object[]) => list.map((row) => Object.fromEntries(Object.entries(row).filter(([field]) => field !== 'rev')));
  const encoded = await Promise.all(stores.map(async ([name, rows]): Promise<[string, unknown]> => [name, await encodeBlobs(withBookkeeping ? rows : unstamped(rows))]));
  return canonicalJson({ version, stores: Object.fromEntries(encoded) });
}

/**
 * A database with a record in every store and every optional field filled in somewhere: each kind
 * of agreement with its details, a plan, follow-ups and its own reminder choices, a payment with a
 * receipt, a reminder already shown, a v1 note, a chat session with a note, a screenshot and a
 * receipt image. Malformed-file tests damage each of its fields in turn.
 */
export async function seedEveryField(now: number) {
  const { saveAgreement } = await import('../db/save-agreement');
  const { recordPayment } = await import('../db/payment-writes');
  const { addAttachment } = await import('../db/attachments');
  const options = { now, hour: 9, milestones: {}, leadDays: [1] };
  // Made-up dates in the shape of a notice (not the real 2027 one), for the year after the table:
  // first, so the reminders below are planned with it, as they would be after saving it.
  await putRawRow('holidayYears', {
    id: '2027',
    year: 2027,
    holidays: [
      { name: 'new-year', from: '2027-01-01', to: '2027-01-03' },
      { name: 'national-day', from: '2027-10-01', to: '2027-10-07' },
    ],
    workdays: ['2027-09-26', '2027-10-09'],
    savedAt: now,
  });
  const extension = await saveAgreement(
    {
      lender: '借呗',
      kind: 'extension',
      amountFen: 123_456,
      dueDate: '2026-12-15',
      details: { originalDueDate: '2026-11-30', reason: '工资晚发' },
      followUps: [{ date: '2026-12-01', text: '客服回电' }],
      reminders: { off: false, leadDays: [3, 1] },
      escalation: { collection: '2026-11-18', lawyerLetter: '2026-11-19', mediation: '2026-11-20' },
    },
    options,
  );
  const installment = await saveAgreement(
    {
      lender: '网商贷',
      kind: 'installment',
      amountFen: 90_000,
      dueDate: '2027-01-10',
      plan: { method: 'annuity', dayOfMonth: 10, annualRatePercent: 7.2, dues: [{ date: '2027-01-10', amountFen: 30_000 }, { date: '2027-02-10', amountFen: 30_000 }, { date: '2027-03-10', amountFen: 30_000 }] },
    },
    options,
  );
  await saveAgreement({ lender: '花呗', kind: 'waiver', amountFen: 50_000, dueDate: '2026-12-20', details: { waivedFen: 8_000, condition: '月底前还清剩余' } }, options);
  await saveAgreement({ lender: '京东白条', kind: 'deferral', amountFen: 60_000, dueDate: '2027-06-30', details: { startDate: '2026-07-01', scope: 'whole', interest: 'frozen' } }, options);
  await saveAgreement(
    { lender: '微粒贷', kind: 'second-negotiation', amountFen: 70_000, dueDate: '2027-05-01', demo: true, details: { deferralEndDate: '2027-06-30', documents: ['income-proof', 'bank-statements'] } },
    options,
  );
  await saveAgreement(
    { lender: '美团借钱', kind: 'hardship', amountFen: 80_000, dueDate: '2027-01-20', details: { hardshipReason: 'illness', reason: '住院', submittedOn: '2026-11-15', documents: ['medical-records'] } },
    options,
  );
  await saveAgreement({ lender: '度小满', kind: 'restructuring', amountFen: 100_000, dueDate: '2027-02-01', details: { partyName: '某律所', partyType: 'law-firm', licence: '31110000' } }, options);
  await saveAgreement({ lender: '招商银行信用卡', kind: 'settlement', amountFen: 40_000, dueDate: '2026-12-28', details: { debitAccount: '招行 1234' } }, options);
  const bytes = new Uint8Array(600).map((_, i) => (i * 13) % 256);
  const receipt = new Blob([bytes.slice(0, 100)], { type: 'image/jpeg' });
  const payment = await recordPayment({ agreementId: extension.id, amountFen: 20_000, paidOn: '2026-11-20', coverage: 'partial' }, options, receipt);
  await recordPayment({ agreementId: installment.id, amountFen: 30_000, paidOn: '2026-11-20', coverage: 'full' }, options);

  await putRawRow('payments', { ...payment, receiptRef: '流水号 889900' });
  // A reminder already shown: an import keeps it shown.
  await markFirstReminderShown(extension.id, now - 60_000);
  await putRawRow('notes', { id: extension.id, text: '客服工号 A123', updatedAt: now });
  await putRawRow('sessions', {
    id: 's1',
    agreementId: extension.id,
    lender: '借呗',
    channel: 'web-chat',
    startedAt: now - 3_600_000,
    agentName: '小王',
    ticket: 'T-1001',
    confirmationAskedAt: now - 3_000_000,
    confirmationReceivedAt: now - 2_000_000,
    confirmationChannel: 'sms',
    draft: '正在输入',
  });
  await putRawRow('sessionNotes', { id: 'n1', sessionId: 's1', at: now - 3_500_000, text: '同意延期到 12 月 15 日', tags: ['promise', 'date'] });
  await addAttachment({ ownerType: 'session', ownerId: 's1', kind: 'screenshot', blob: new Blob([bytes], { type: 'image/png' }), url: 'https://lender.example/chat', title: '在线客服', capturedAt: now });
  const { updateScriptState } = await import('../db/script-state');
  await updateScriptState(extension.id, { figures: { monthly: '¥1,500', event: '工资晚发' }, ticks: ['stay-calm'] }, now);
  return { extension, installment, payment };
}

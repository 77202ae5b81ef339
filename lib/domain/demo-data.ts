import type { AgreementFields } from './agreement';
import { dayParts } from './calendar';
import { addDaysIso, type IsoDate } from './dates';
import { buildSchedule } from './schedule';

/**
 * A small, varied set of sample agreements for a first-time user to see what the app does: one of
 * each urgency and several kinds. Dates are relative to today so the demo always looks alive. Each
 * is marked `demo`, shown with a tag and removed in one click.
 */
const DEMO = [
  { zh: '借呗', en: 'Jiebei (Alipay)', kind: 'extension', amountFen: 260_000, offsetDays: -3 },
  { zh: '网商贷', en: 'MYbank', kind: 'installment', amountFen: 123_456, offsetDays: 0 },
  { zh: '美团借钱', en: 'Meituan loan', kind: 'settlement', amountFen: 650_050, offsetDays: 5 },
  { zh: '招商银行信用卡', en: 'CMB credit card', kind: 'waiver', amountFen: 1_580_000, offsetDays: 20 },
  { zh: '京东白条', en: 'JD Baitiao', kind: 'deferral', amountFen: 880_000, offsetDays: 45 },
] as const;

/** The demo installment plan: six interest-free monthly periods, the first one due today. */
const DEMO_PERIODS = 6;

export function demoAgreements(today: IsoDate, language: 'zh-CN' | 'en'): AgreementFields[] {
  return DEMO.map((d) => {
    const dueDate = addDaysIso(today, d.offsetDays);
    const fields: AgreementFields = { lender: language === 'zh-CN' ? d.zh : d.en, kind: d.kind, amountFen: d.amountFen, dueDate, demo: true };
    if (d.kind !== 'installment') return fields;
    const dayOfMonth = dayParts(dueDate).day;
    const schedule = buildSchedule({ method: 'interest-free', principalFen: d.amountFen, periods: DEMO_PERIODS }, { firstDueDate: dueDate, dayOfMonth });
    if (!schedule.ok) return fields;
    return {
      ...fields,
      plan: { method: 'interest-free', dayOfMonth, dues: schedule.value.periods.map((p) => ({ date: p.dueDate, amountFen: p.amountFen })) },
    };
  });
}

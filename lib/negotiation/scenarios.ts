/**
 * The negotiation scripts the side panel offers during a live chat with a lender's customer
 * service. Written for this product from the public facts in the domain brief (what lenders
 * accept, what to ask for, what never to say); not legal advice, and the panel says so.
 *
 * Scripts are content, not interface text: each line exists in both languages side by side so a
 * translator sees the pair, and a test checks both use the same slots. Slots ({monthly}, …) are
 * filled from the user's own figures by ./template.
 */
export type Bilingual = { zh: string; en: string };

export interface ScriptStep {
  id: string;
  /** What to say: a template with slots. */
  say: Bilingual;
  /** What the agent may answer, and how to reply. */
  replies?: { ifAgent: Bilingual; answer: Bilingual }[];
}

export const SCENARIO_IDS = [
  'extension',
  'installments',
  'waiver',
  'hardship',
  'second-negotiation',
  'settlement',
  'written-confirmation',
  'abusive-collection',
] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

export interface Scenario {
  id: ScenarioId;
  title: Bilingual;
  /** One line: when this script fits. */
  when: Bilingual;
  steps: ScriptStep[];
}

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'extension',
    title: { zh: '短期展期：工资晚到', en: 'Short extension: income arrives late' },
    when: { zh: '钱会到，只是晚几天到几周。', en: 'The money is coming, just days or weeks late.' },
    steps: [
      {
        id: 'open',
        say: {
          zh: '您好，我是{lender}的借款人。这期{owed}我一直打算按时还，但{event}，钱要到{incomeDate}才能到账。',
          en: 'Hello, I have a loan with {lender}. I fully intend to pay the {owed} due, but {event}, and the money only arrives on {incomeDate}.',
        },
      },
      {
        id: 'ask',
        say: {
          zh: '能否把这期的还款日延到{newDueDate}？到账当天我就还清。',
          en: 'Could this payment move to {newDueDate}? I will pay it in full the day the money arrives.',
        },
        replies: [
          {
            ifAgent: { zh: '系统不支持延期。', en: 'The system does not allow an extension.' },
            answer: {
              zh: '明白。那请问有没有别的办法，比如先还一部分，剩下的{newDueDate}前还清？',
              en: 'I understand. Is there another way, for example paying part now and the rest by {newDueDate}?',
            },
          },
          {
            ifAgent: { zh: '需要收取展期费用。', en: 'There is a fee for the extension.' },
            answer: {
              zh: '请告诉我具体金额和计算方式，我确认后再决定。',
              en: 'Please tell me the exact amount and how it is calculated; I will decide once I have it.',
            },
          },
        ],
      },
      {
        id: 'confirm',
        say: {
          zh: '谢谢。请把新的还款日和金额通过短信或 App 消息发给我确认。',
          en: 'Thank you. Please send the new date and amount to me by SMS or in-app message.',
        },
      },
    ],
  },
  {
    id: 'installments',
    title: { zh: '申请分期（个性化分期）', en: 'Ask for installments' },
    when: { zh: '一次还不上，但每月能还一个固定数。', en: 'You cannot pay at once, but can pay a fixed sum each month.' },
    steps: [
      {
        id: 'open',
        say: {
          zh: '您好，我在{lender}的欠款是{owed}。我很重视这笔还款，但{event}，现在一次性还清做不到。',
          en: 'Hello, I owe {owed} to {lender}. I take this seriously, but {event}, and I cannot pay it all at once now.',
        },
      },
      {
        id: 'proposal',
        say: {
          zh: '我现在每月能稳定还{monthly}。剩余欠款能否分{periods}期，每期{monthly}？',
          en: 'I can reliably pay {monthly} a month. Could the balance be split into {periods} installments of {monthly}?',
        },
        replies: [
          {
            ifAgent: { zh: '最多只能分6期。', en: 'We can only offer 6 installments.' },
            answer: {
              zh: '6期的话每期要多少？如果超过我的能力，我还是会逾期，对双方都不好。能否再申请更长的期数？',
              en: 'How much would each of 6 be? If it is more than I can pay I will fall behind again, which helps nobody. Can a longer plan be requested?',
            },
          },
          {
            ifAgent: { zh: '需要先还一部分。', en: 'You need to pay part first.' },
            answer: {
              zh: '首期我最多能先还{monthly}，请确认付了之后分期马上生效。',
              en: 'I can pay at most {monthly} first; please confirm the plan takes effect once it is paid.',
            },
          },
        ],
      },
      {
        id: 'terms',
        say: {
          zh: '请问分期后利息怎么算？罚息是否停止？每期还款日是几号？',
          en: 'How is interest charged under the plan? Does penalty interest stop? On which day of the month is each payment due?',
        },
      },
      {
        id: 'confirm',
        say: {
          zh: '请把方案（总额、期数、每期金额、还款日）用短信或 App 消息发给我，我收到后确认。',
          en: 'Please send the plan (total, number of installments, amount each, due day) by SMS or in-app message so I can confirm it.',
        },
      },
    ],
  },
  {
    id: 'waiver',
    title: { zh: '申请减免罚息和违约金', en: 'Ask to waive penalty interest and late fees' },
    when: { zh: '本金能还，但罚息、违约金让欠款越滚越多。', en: 'You can repay the principal, but penalties keep the debt growing.' },
    steps: [
      {
        id: 'open',
        say: {
          zh: '您好，逾期是我的责任，我愿意尽快还清{lender}的本金。',
          en: 'Hello, being late is my responsibility, and I want to repay the principal to {lender} quickly.',
        },
      },
      {
        id: 'ask',
        say: {
          zh: '目前罚息和违约金共{penalty}。如果这部分能减免，我可以在{settlementDate}前还清剩余的{settlementAmount}。',
          en: 'The penalty interest and fees come to {penalty}. If they can be waived, I can pay the remaining {settlementAmount} by {settlementDate}.',
        },
        replies: [
          {
            ifAgent: { zh: '只能减免一部分。', en: 'Only part can be waived.' },
            answer: {
              zh: '请告诉我能减免多少，以及减免后我需要还的准确金额和截止日期。',
              en: 'Please tell me how much can be waived, and the exact amount and deadline left to pay after it.',
            },
          },
        ],
      },
      {
        id: 'confirm',
        say: {
          zh: '减免的金额和条件（在哪天前还多少）请书面发给我，我按约定还款。',
          en: 'Please put the waiver and its condition (how much by which date) in writing; I will pay as agreed.',
        },
      },
    ],
  },
  {
    id: 'hardship',
    title: { zh: '特殊困难申请', en: 'Special hardship' },
    when: { zh: '失业、重病或家庭变故，暂时无力还款。', en: 'Job loss, serious illness or a family event leaves you unable to pay for now.' },
    steps: [
      {
        id: 'open',
        say: {
          zh: '您好，我想申请特殊困难协商。{event}，目前收入中断，但我没有放弃还款。',
          en: 'Hello, I would like to apply as a hardship case. {event}; my income has stopped, but I have not given up on repaying.',
        },
      },
      {
        id: 'documents',
        say: {
          zh: '我可以提供相关证明（如离职证明、诊断书、低保证明）。请问需要哪些材料，怎么提交？',
          en: 'I can provide proof (such as a resignation certificate, a diagnosis or a subsistence allowance certificate). Which documents do you need, and how do I send them?',
        },
      },
      {
        id: 'ask',
        say: {
          zh: '在情况好转前，能否暂停催收，并在之后按每月{monthly}分期还款？',
          en: 'Until things improve, could collection be paused, with installments of {monthly} a month afterwards?',
        },
      },
      {
        id: 'confirm',
        say: {
          zh: '请告诉我申请编号和审核时间，结果请书面通知我。',
          en: 'Please give me the application number and how long the review takes, and send the outcome in writing.',
        },
      },
    ],
  },
  {
    id: 'second-negotiation',
    title: { zh: '延期结束前二次协商', en: 'Negotiate again before a deferral ends' },
    when: { zh: '延期快到期，仍然无法一次结清。', en: 'The deferral ends soon and you still cannot settle.' },
    steps: [
      {
        id: 'open',
        say: {
          zh: '您好，我的延期将于{deferralEnd}结束。延期期间我一直在想办法，但到期时仍无法一次结清{owed}。',
          en: 'Hello, my deferral ends on {deferralEnd}. I have been working on it, but I still cannot settle {owed} in one payment by then.',
        },
      },
      {
        id: 'ask',
        say: {
          zh: '我想在到期前申请二次协商：每月还{monthly}，分{periods}期。我可以提供最新的收入和负债证明。',
          en: 'I would like to apply to negotiate again before it ends: {monthly} a month over {periods} installments. I can provide current proof of income and debts.',
        },
        replies: [
          {
            ifAgent: { zh: '二次协商需要额外费用。', en: 'A second negotiation has extra fees.' },
            answer: {
              zh: '请说明费用的名称、金额和依据，我需要书面确认后再决定。',
              en: 'Please state what the fee is, the amount and its basis; I need that in writing before I decide.',
            },
          },
        ],
      },
      {
        id: 'confirm',
        say: {
          zh: '请确认申请已登记，并告诉我审核结果何时通知、通过什么方式。',
          en: 'Please confirm the application is registered, and tell me when and how I will hear the result.',
        },
      },
    ],
  },
  {
    id: 'settlement',
    title: { zh: '确认一次性结清', en: 'Confirm a one-time settlement' },
    when: { zh: '准备好一次还清，先把金额和方式确认清楚。', en: 'You are ready to pay everything; confirm the amount and how first.' },
    steps: [
      {
        id: 'amount',
        say: {
          zh: '您好，我准备在{settlementDate}一次性结清{lender}的欠款。请确认结清的准确金额是{settlementAmount}，包括所有利息和费用。',
          en: 'Hello, I plan to settle my {lender} debt in full on {settlementDate}. Please confirm the exact settlement amount is {settlementAmount}, all interest and fees included.',
        },
      },
      {
        id: 'channel',
        say: {
          zh: '请告诉我还款渠道和账户，以及到账后多久显示结清。',
          en: 'Please tell me how and where to pay, and how soon after it arrives the account shows as settled.',
        },
      },
      {
        id: 'proof',
        say: {
          zh: '结清后请出具结清证明，并确认会向征信报送“已结清”。',
          en: 'After settlement, please issue a settlement certificate and confirm the credit report will show the account as settled.',
        },
      },
    ],
  },
  {
    id: 'written-confirmation',
    title: { zh: '索要书面确认', en: 'Ask for written confirmation' },
    when: { zh: '口头谈好了，但还没有任何书面记录。', en: 'You agreed by voice or chat but have nothing in writing yet.' },
    steps: [
      {
        id: 'ask',
        say: {
          zh: '感谢您的帮助。为了我能按时履约，请把刚才谈好的方案通过短信、邮件或 App 消息发给我。',
          en: 'Thank you for your help. So that I can keep to it, please send what we just agreed by SMS, e-mail or in-app message.',
        },
      },
      {
        id: 'details',
        say: {
          zh: '内容请包括：总金额、每期金额和日期、减免项目，以及您的姓名或工号{agent}。',
          en: 'Please include the total, each payment amount and date, anything waived, and your name or staff number {agent}.',
        },
        replies: [
          {
            ifAgent: { zh: '我们不提供书面确认。', en: 'We do not give written confirmation.' },
            answer: {
              zh: '那请告诉我工单号，我会记录本次通话的时间、您的工号和约定内容。',
              en: 'Then please give me the case number; I will note the time of this call, your staff number and what we agreed.',
            },
          },
        ],
      },
    ],
  },
  {
    id: 'abusive-collection',
    title: { zh: '应对不当催收', en: 'Respond to abusive collection' },
    when: { zh: '催收人员辱骂、威胁或骚扰你的家人朋友。', en: 'A collector insults or threatens you, or harasses your family and friends.' },
    steps: [
      {
        id: 'calm',
        say: {
          zh: '我愿意还款，也在和{lender}协商。请不要辱骂或联系我的家人和同事。',
          en: 'I want to repay and I am negotiating with {lender}. Please do not insult me or contact my family or colleagues.',
        },
      },
      {
        id: 'identify',
        say: {
          zh: '请告诉我您的姓名、工号和所属机构，本次通话我会记录。',
          en: 'Please tell me your name, staff number and company; I am keeping a record of this call.',
        },
      },
      {
        id: 'complain',
        say: {
          zh: '如果继续这样，我会保留证据，向金融监管部门（12378热线）和中国互联网金融协会投诉。',
          en: 'If this continues, I will keep the evidence and complain to the financial regulator (hotline 12378) and the National Internet Finance Association.',
        },
      },
    ],
  },
];

/** Things to keep doing during the talk (ticked off live, saved with the session). */
export const CHECKLIST: readonly { id: string; text: Bilingual; kind: 'do' | 'dont' }[] = [
  { id: 'calm', kind: 'do', text: { zh: '保持冷静、礼貌', en: 'Stay calm and polite' } },
  { id: 'willing', kind: 'do', text: { zh: '明确表达还款意愿', en: 'Say clearly that you want to repay' } },
  { id: 'concrete', kind: 'do', text: { zh: '给出具体方案：每月多少、分几期', en: 'Give a concrete proposal: how much a month, how many months' } },
  { id: 'agent', kind: 'do', text: { zh: '记下客服姓名或工号、工单号', en: 'Note the agent’s name or number and the case number' } },
  { id: 'writing', kind: 'do', text: { zh: '要求书面确认（短信、邮件或 App 消息）', en: 'Ask for written confirmation (SMS, e-mail or in-app)' } },
  { id: 'no-refusal', kind: 'dont', text: { zh: '不说“我不还了”“你去起诉吧”', en: 'Never say “I won’t pay” or “go ahead and sue me”' } },
  { id: 'no-silence', kind: 'dont', text: { zh: '不失联、不拉黑平台电话', en: 'Do not go silent or block the lender’s numbers' } },
];

// The mechanical rules of docs/glossary.md: what a reader notices at once when one string breaks
// them. Each returns the offending fragments, so a failure names them.

const HAN = '\\p{Script=Han}';
const CJK_PUNCT = '，。：；！？、（）“”《》…—';

/** zh: ASCII , . : ; ! ? ( ) next to a Chinese character or a full-width mark. */
export function asciiPunctuationInZh(message: string): string[] {
  const near = new RegExp(`(?:[${HAN}${CJK_PUNCT}](?:[,:;!?()]|\\.(?![A-Za-z0-9])))|(?:[,:;!?()][${HAN}])|(?:[.](?=[${HAN}]))`, 'gu');
  return [...message.matchAll(near)].map((m) => m[0]);
}

/** zh: a space between Chinese text and a substituted name or number ($1) or a bare number. */
export function spacesAroundNamesInZh(message: string): string[] {
  const around = new RegExp(`(?<=[${HAN}${CJK_PUNCT}]) +(?=\\$\\d|\\d)|(?<=\\$\\d|\\d) +(?=[${HAN}${CJK_PUNCT}])`, 'gu');
  return [...message.matchAll(around)].map((m) => message.slice(Math.max(0, m.index - 2), m.index + m[0].length + 2));
}

/** Words that keep their capital in sentence case. */
const PROPER = new Set([
  'I', 'Chrome', 'Chromium', 'Firefox', 'WebDAV', 'CalDAV', 'Nextcloud', 'Synology', 'Radicale', 'Fastmail', 'iCloud', 'iPhone',
  'Alt', 'Shift', 'Ctrl', 'Esc', 'Enter', 'JPEG', 'PNG', 'HEIC', 'JSON', 'ICS', 'URL', 'CNY', 'Repay', 'Companion',
  'Alipay', 'MYbank', 'JD', 'WeBank', 'Meituan', 'Huabei', 'Jiebei', 'NFRA', 'National', 'Internet', 'Finance',
  'Association', 'Financial', 'Regulatory', 'Administration', 'Civil', 'Code', 'Credit', 'Reference', 'Center',
  "People's", 'Bank', 'China', 'Spring', 'Festival', 'Day', 'State', 'Council', 'Settings', 'Camera', 'Formats',
  'Most', 'Compatible', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec',
  'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun', 'OK', 'ID', 'PDF', 'SMS', 'App', 'AES', 'GCM', 'PBKDF2', 'Markdown',
  "Year's", 'Boat', 'Autumn',
]);

/**
 * en: a label (a short text with no full stop, as on a button, heading or field) in sentence
 * case: after the first word, no capitalised word but names.
 */
export function titleCaseInEnLabel(message: string): string[] {
  const text = message.trim();
  if (text.length === 0 || /[.!?]\s|[.!?]$/.test(text) || text.split(/\s+/).length > 8) return [];
  const words = text.split(/[\s/(·:–—+-]+/).filter(Boolean);
  return words.slice(1).filter((word) => (/^[A-Z][a-z]/.test(word) || word === 'A') && !PROPER.has(word.replace(/[^\p{L}']/gu, '')));
}

/** A lower-case first word a label may start with: a name spelt that way, or a placeholder. */
const LOWER_CASE_NAMES = new Set(['iCloud', 'iPhone', 'e-mail']);

/**
 * en: a message its description calls a label, a button or a heading starts with a capital, as
 * sentence case wants ("Amount owed", not "amount owed"). Where such a label runs on inside a line
 * ("Today: pay"), the code lowers its first letter (inSentence in lib/i18n).
 */
export function lowerCaseStartOfEnLabel(message: string, description: string): string[] {
  if (!/\b(label|button|heading)\b/i.test(description)) return [];
  const first = message.trim().split(/\s+/)[0] ?? '';
  return /^[a-z]/.test(first) && !LOWER_CASE_NAMES.has(first) ? [first] : [];
}

import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

/**
 * Arabic and English, switchable at any time. The language sets `<html lang dir>`, so the whole
 * layout mirrors through CSS logical properties; numbers stay Western digits in both (reviewers
 * compare ids and counts across tools that print them so).
 */

export type Lang = 'en' | 'ar';

const EN = {
  appName: 'Rasd',
  signIn: 'Sign in',
  signOut: 'Sign out',
  username: 'User name',
  password: 'Password',
  loginFailed: 'Wrong user name or password.',
  language: 'العربية',
  overview: 'Overview',
  queue: 'Review queue',
  channels: 'Channels',
  referrals: 'Referrals',
  banks: 'Banks',
  audit: 'Audit log',
  takeNext: 'Take next case',
  nothingToReview: 'Nothing to review in this queue right now.',
  case: 'Case',
  status: 'Status',
  priority: 'Priority',
  category: 'Category',
  organisation: 'Organisation',
  lang: 'Language',
  queueName: 'Queue',
  claim: 'Claim',
  claimedBy: 'Claimed by',
  open: 'Open',
  all: 'All',
  message: 'Message',
  media: 'Media',
  reveal: 'Click to reveal',
  hide: 'Hide again',
  noPreview: 'No preview kept for this file',
  graphicWarning: 'Marked graphic: counts towards your daily limit.',
  signals: 'Why it was flagged',
  decision: 'Decision',
  remove: 'Remove',
  keep: 'Keep',
  escalate: 'Escalate',
  policyRef: 'Policy reference',
  note: 'Note',
  keysHint: 'Keys: R remove · K keep · E escalate · V reveal media · N next case',
  decided: 'Decided',
  appeal: 'Appeal',
  appealReason: 'Why this decision should be looked at again',
  requestBank: 'Ask to add to a bank',
  bankName: 'Bank',
  confirmBank: 'Confirm bank add',
  scanned: 'Scanned',
  flagged: 'Flagged',
  removed: 'Removed',
  violating: 'Violating',
  review: 'For review',
  byDay: 'By day',
  byCategory: 'By category',
  byOrg: 'By organisation',
  byLang: 'Cases by language',
  timeToRemoval: 'Time to removal',
  median: 'median',
  p90: '90th percentile',
  noData: 'No data yet.',
  days: 'days',
  openCases: 'Open cases',
  decisions: 'Decisions',
  title: 'Title',
  items: 'Items',
  firstSeen: 'First seen',
  lastSeen: 'Last seen',
  events: 'Channel events',
  batch: 'Batch',
  platform: 'Platform',
  window: 'Window',
  outcomes: 'Outcomes',
  pending: 'Pending',
  refused: 'Refused',
  unknown: 'Unknown',
  enabled: 'Enabled',
  disabled: 'Disabled',
  entries: 'Entries',
  version: 'Version',
  enable: 'Enable',
  disable: 'Disable',
  when: 'When',
  who: 'Who',
  what: 'What',
  target: 'Target',
  why: 'Why',
  more: 'More',
  forbidden: 'Your role cannot open this page.',
  error: 'Something went wrong',
  back: 'Back',
  posted: 'Posted',
  views: 'Views',
  verdict: 'Verdict',
  confidence: 'Confidence',
  removalOrders: 'Removal orders',
  authority: 'Authority',
  reference: 'Reference',
  receivedAt: 'Received',
  receivedAtHint: 'Leave empty for now. The hour runs from receipt.',
  deadline: 'Deadline',
  itemLinks: 'Item links',
  itemLinksHint: 'The URLs the order names, one per line.',
  recordOrder: 'Record order',
  markDone: 'Mark removed',
  clockLeft: 'left',
  clockOverdue: 'Overdue by',
  met: 'Hour met',
  missed: 'Hour missed',
  completed: 'Completed',
  contested: 'Contested',
} as const;

export type MessageKey = keyof typeof EN;

const AR: Record<MessageKey, string> = {
  appName: 'رصد',
  signIn: 'تسجيل الدخول',
  signOut: 'تسجيل الخروج',
  username: 'اسم المستخدم',
  password: 'كلمة المرور',
  loginFailed: 'اسم المستخدم أو كلمة المرور غير صحيحة.',
  language: 'English',
  overview: 'نظرة عامة',
  queue: 'قائمة المراجعة',
  channels: 'القنوات',
  referrals: 'الإحالات',
  banks: 'بنوك البصمات',
  audit: 'سجل التدقيق',
  takeNext: 'خذ الحالة التالية',
  nothingToReview: 'لا شيء للمراجعة في هذه القائمة الآن.',
  case: 'الحالة',
  status: 'الوضع',
  priority: 'الأولوية',
  category: 'الفئة',
  organisation: 'التنظيم',
  lang: 'اللغة',
  queueName: 'القائمة',
  claim: 'استلام',
  claimedBy: 'مستلمة من',
  open: 'فتح',
  all: 'الكل',
  message: 'الرسالة',
  media: 'الوسائط',
  reveal: 'انقر للإظهار',
  hide: 'إخفاء',
  noPreview: 'لا توجد معاينة محفوظة لهذا الملف',
  graphicWarning: 'محتوى صادم: يُحتسب ضمن حدك اليومي.',
  signals: 'سبب الإبلاغ',
  decision: 'القرار',
  remove: 'إزالة',
  keep: 'إبقاء',
  escalate: 'تصعيد',
  policyRef: 'مرجع السياسة',
  note: 'ملاحظة',
  keysHint: 'المفاتيح: R إزالة · K إبقاء · E تصعيد · V إظهار الوسائط · N الحالة التالية',
  decided: 'تم القرار',
  appeal: 'اعتراض',
  appealReason: 'لماذا يجب إعادة النظر في هذا القرار',
  requestBank: 'طلب الإضافة إلى بنك',
  bankName: 'البنك',
  confirmBank: 'تأكيد الإضافة إلى البنك',
  scanned: 'تم فحصه',
  flagged: 'مُبلّغ عنه',
  removed: 'أُزيل',
  violating: 'مخالف',
  review: 'للمراجعة',
  byDay: 'حسب اليوم',
  byCategory: 'حسب الفئة',
  byOrg: 'حسب التنظيم',
  byLang: 'الحالات حسب اللغة',
  timeToRemoval: 'زمن الإزالة',
  median: 'الوسيط',
  p90: 'المئين التسعون',
  noData: 'لا توجد بيانات بعد.',
  days: 'يوماً',
  openCases: 'حالات مفتوحة',
  decisions: 'القرارات',
  title: 'العنوان',
  items: 'الرسائل',
  firstSeen: 'أول ظهور',
  lastSeen: 'آخر ظهور',
  events: 'أحداث القناة',
  batch: 'الدفعة',
  platform: 'المنصة',
  window: 'الفترة',
  outcomes: 'النتائج',
  pending: 'قيد الانتظار',
  refused: 'مرفوض',
  unknown: 'غير معروف',
  enabled: 'مفعّل',
  disabled: 'معطّل',
  entries: 'المدخلات',
  version: 'الإصدار',
  enable: 'تفعيل',
  disable: 'تعطيل',
  when: 'متى',
  who: 'من',
  what: 'ماذا',
  target: 'الهدف',
  why: 'لماذا',
  more: 'المزيد',
  forbidden: 'دورك لا يسمح بفتح هذه الصفحة.',
  error: 'حدث خطأ',
  back: 'رجوع',
  posted: 'نُشر',
  views: 'المشاهدات',
  verdict: 'الحكم',
  confidence: 'الثقة',
  removalOrders: 'أوامر الإزالة',
  authority: 'الجهة المُصدِرة',
  reference: 'المرجع',
  receivedAt: 'وقت الاستلام',
  receivedAtHint: 'اتركه فارغًا للوقت الحالي. تبدأ الساعة من وقت الاستلام.',
  deadline: 'المهلة',
  itemLinks: 'روابط المحتوى',
  itemLinksHint: 'الروابط التي يذكرها الأمر، رابط في كل سطر.',
  recordOrder: 'تسجيل الأمر',
  markDone: 'تمت الإزالة',
  clockLeft: 'متبقٍ',
  clockOverdue: 'متأخر بمقدار',
  met: 'ضمن الساعة',
  missed: 'تجاوز الساعة',
  completed: 'مكتمل',
  contested: 'مُعترَض عليه',
};

const MESSAGES: Record<Lang, Record<MessageKey, string>> = { en: EN, ar: AR };

interface I18n {
  lang: Lang;
  dir: 'ltr' | 'rtl';
  t: (key: MessageKey) => string;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n | undefined>(undefined);
const STORAGE_KEY = 'rasd.lang';

function initialLang(): Lang {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'ar' || saved === 'en') return saved;
  return navigator.language.startsWith('ar') ? 'ar' : 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = dir;
  }, [lang, dir]);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => ({ lang, dir, t: (key) => MESSAGES[lang][key], setLang }), [lang, dir, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (value === undefined) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** Dates in the reader's language, Gregorian, UTC (the time every log and export uses). */
export function formatTime(iso: string | undefined, lang: Lang): string {
  if (iso === undefined) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(lang === 'ar' ? 'ar-u-nu-latn-ca-gregory' : 'en-GB', {
    timeZone: 'UTC',
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

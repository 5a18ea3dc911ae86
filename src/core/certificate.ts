// Service-record certificates (志愿服务记录证明, SPEC 6 and 11.15): the numbering
// `{issuing org code}-{year}-{4-digit sequence}` and the certificate's wording in either language.

import { hoursValue } from './round.js';

/** The number of the n-th certificate an organisation issues in a year: B11-2026-0007. */
export function certificateNumber(issuer: string, year: number, sequence: number): string {
  return `${issuer}-${year}-${String(sequence).padStart(4, '0')}`;
}

/**
 * The next sequence for an issuer and year, given the numbers already stored. An org code may
 * itself contain '-', so a number belongs to the issuer only when it is exactly the prefix
 * `{issuer}-{year}-` followed by digits.
 */
export function nextCertificateSequence(stored: readonly string[], issuer: string, year: number): number {
  const prefix = `${issuer}-${year}-`;
  let max = 0;
  for (const n of stored) {
    if (!n.startsWith(prefix)) continue;
    const rest = n.slice(prefix.length);
    if (/^\d+$/.test(rest)) max = Math.max(max, Number(rest));
  }
  return max + 1;
}

/** A requested period: open ends are '' (from the first record / up to the issue date). */
export interface CertificatePeriod { from: string; to: string }

/** The stored period for a request: an open start stays '' (all time), an open end is the issue date. */
export function certificatePeriod(from: string | undefined, to: string | undefined, issuedOn: string): CertificatePeriod {
  return { from: from ?? '', to: to ?? issuedOn };
}

export interface CertificateRecordLine {
  date: string;
  activity: string | null;
  title: string | null;
  category: string | null;
  role: string;
  minutes: number;
}

/** Everything printed on a certificate; the id number is already masked (or not) by the caller. */
export interface Certificate {
  number: string;
  volunteer_no: string;
  name: string;
  id_type: string;
  id_type_label: string;
  id_number: string | null;
  period: CertificatePeriod;
  /** The first record's date, to say where "all time" began. */
  firstDate: string | null;
  records: CertificateRecordLine[];
  minutes: number;
  issuer: string;
  issuerName: string;
  issuedOn: string;
}

const zhDate = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

/** The dates a certificate covers in words: an open start is the first record's date. */
function periodWords(c: Certificate, lang: 'zh' | 'en'): { from: string; to: string } {
  const from = c.period.from || c.firstDate || c.period.to;
  return lang === 'zh' ? { from: zhDate(from), to: zhDate(c.period.to) } : { from, to: c.period.to };
}

/** The certificate's title and body paragraphs, as printed above the list of records. */
export function certificateText(c: Certificate, lang: 'zh' | 'en'): { title: string; body: string[]; closing: string[] } {
  const hours = hoursValue(c.minutes).toFixed(2);
  const { from, to } = periodWords(c, lang);
  const id = c.id_number ? (lang === 'zh' ? `，${c.id_type_label}号码：${c.id_number}` : `, ${c.id_type_label} ${c.id_number}`) : '';
  if (lang === 'zh') {
    return {
      title: '志愿服务记录证明',
      body: [
        `证明编号：${c.number}`,
        `兹证明 ${c.name}（志愿者编号：${c.volunteer_no}${id}）于 ${from} 至 ${to} 期间参加志愿服务 ${c.records.length} 次，经审核的志愿服务时长累计 ${hours} 小时（不含往返路途时间）。`,
        '服务记录明细如下：',
      ],
      closing: ['特此证明。', `出具单位：${c.issuerName}（${c.issuer}）`, `出具日期：${zhDate(c.issuedOn)}`],
    };
  }
  return {
    title: 'Volunteer Service Record Certificate',
    body: [
      `Certificate no. ${c.number}`,
      `This is to certify that ${c.name} (volunteer no. ${c.volunteer_no}${id}) performed volunteer service from ${from} to ${to}: ${c.records.length} approved service record(s), ${hours} hours in total (travel excluded).`,
      'The records are:',
    ],
    closing: [`Issued by ${c.issuerName} (${c.issuer})`, `Date of issue: ${c.issuedOn}`],
  };
}

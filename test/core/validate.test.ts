// Field parsers of the pure core: each rule with a passing and a failing case.
import { describe, expect, test } from 'vitest';
import {
  FieldError, isRealDate, maskIdNumber, maskPhone, parseDate, parseHours, parsePastDate, parsePhone, parsePoints,
  parseResidentId, parseTime, parseYear, serviceMinutes,
} from '../../src/core/validate.js';

const fails = (fn: () => unknown, pattern: RegExp) => {
  expect(fn).toThrow(FieldError);
  expect(fn).toThrow(pattern);
};

describe('GB 11643 resident id', () => {
  test('a valid id gives its birth date and gender (odd 17th digit = male)', () => {
    expect(parseResidentId('110101199003071233')).toEqual({ idNumber: '110101199003071233', birthDate: '1990-03-07', gender: 'male' });
    expect(parseResidentId('110105198501010020')).toEqual({ idNumber: '110105198501010020', birthDate: '1985-01-01', gender: 'female' });
  });

  test('a check digit X is accepted in either case and stored upper-case', () => {
    expect(parseResidentId('11010519491231002X')).toEqual({ idNumber: '11010519491231002X', birthDate: '1949-12-31', gender: 'female' });
    expect(parseResidentId(' 11010519491231002x ').idNumber).toBe('11010519491231002X');
  });

  test('a wrong check digit is refused, naming the expected one', () => {
    fails(() => parseResidentId('110101199003071234'), /check digit \(expected 3 last\)/);
    fails(() => parseResidentId('110105194912310020'), /expected X last/);
  });

  test('a 15-digit id is refused with a hint to give the 18-digit one', () => {
    fails(() => parseResidentId('110101900307123'), /old 15-digit id; give the 18-digit/);
  });

  test('an id Excel turned into a number is refused with a hint to format the column as text', () => {
    fails(() => parseResidentId('1.10105E+17'), /Excel.*format the id column as text/);
    fails(() => parseResidentId('1.10101199003071E+17'), /Excel/);
  });

  test('wrong length, letters and an impossible birth date are refused', () => {
    fails(() => parseResidentId('11010119900307123'), /not an 18-digit/);
    fails(() => parseResidentId('11010119900307123A'), /not an 18-digit/);
    // 2026-02-29 does not exist; the check digit is right so only the date is wrong
    fails(() => parseResidentId('110101202602290010'), /holds no real birth date/);
  });
});

describe('phones', () => {
  test('mainland mobiles, with +86, spaces and dashes stripped', () => {
    expect(parsePhone('13812341234')).toBe('13812341234');
    expect(parsePhone('+86 138-1234-1234')).toBe('13812341234');
    expect(parsePhone('86 139 1234 5678')).toBe('13912345678');
    expect(parsePhone('+8619912345678')).toBe('19912345678');
  });

  test('landlines with a 3- or 4-digit area code', () => {
    expect(parsePhone('010-12345678')).toBe('010-12345678');
    expect(parsePhone('0755-1234567')).toBe('0755-1234567');
    expect(parsePhone('02012345678')).toBe('020-12345678');
    expect(parsePhone('0755 12345678')).toBe('0755-12345678');
  });

  test('other numbers are refused with what is expected', () => {
    fails(() => parsePhone('12812341234'), /not a mainland mobile .* or a landline like 010-12345678/);
    fails(() => parsePhone('1381234123'), /not a mainland mobile/);
    fails(() => parsePhone('138123412345'), /not a mainland mobile/);
    fails(() => parsePhone('12345'), /not a mainland mobile/);
    fails(() => parsePhone('010-123'), /not a mainland mobile/);
  });

  test('masks keep the first 3 and last 4 digits', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskIdNumber('110101199003071233')).toBe('110101********1233');
  });
});

describe('dates', () => {
  test('the accepted spellings', () => {
    for (const s of ['2026-03-05', '2026/3/5', '2026.3.5', '2026年3月5日', '2026-3-5', ' 2026/03/05 ', '20260305', '2026年3月5']) {
      expect(parseDate(s), s).toBe('2026-03-05');
    }
  });

  test('real calendar dates only: 2026-02-29 is refused, 2024-02-29 accepted', () => {
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    fails(() => parseDate('2026-02-29'), /not a real calendar date/);
    fails(() => parseDate('2026-04-31'), /not a real calendar date/);
    fails(() => parseDate('2026-13-01'), /not a real calendar date/);
    fails(() => parseDate('1900-02-29'), /not a real calendar date/);
    expect(isRealDate(2000, 2, 29)).toBe(true);
  });

  test('what is not a date is refused with the expected form', () => {
    fails(() => parseDate('March 5'), /not a date; write it as 2026-03-05/);
    fails(() => parseDate('05/03/2026'), /not a date/);
    fails(() => parseDate(''), /not a date/);
  });

  test('no future dates: today is fine, tomorrow is refused', () => {
    expect(parsePastDate('2026-11-29', '2026-11-29')).toBe('2026-11-29');
    expect(parsePastDate('2026/11/28', '2026-11-29')).toBe('2026-11-28');
    fails(() => parsePastDate('2026-11-30', '2026-11-29'), /2026-11-30 is in the future \(today is 2026-11-29\)/);
  });

  test('years', () => {
    expect(parseYear('2026')).toBe(2026);
    fails(() => parseYear('26'), /not a year/);
  });
});

describe('times and hours', () => {
  test('H:MM, HH:MM and HH:MM:SS', () => {
    expect(parseTime('9:00')).toBe(540);
    expect(parseTime('09:30')).toBe(570);
    expect(parseTime('09:30:00')).toBe(570);
    expect(parseTime('23:59')).toBe(23 * 60 + 59);
    fails(() => parseTime('24:00'), /not a time of day/);
    fails(() => parseTime('9:60'), /not a time of day/);
    fails(() => parseTime('9h30'), /not a time; write it as 09:00/);
  });

  test('hours are more than 0 and at most 24, rounded to the minute', () => {
    expect(parseHours('2.5')).toBe(150);
    expect(parseHours('24')).toBe(1440);
    expect(parseHours('.5')).toBe(30);
    expect(parseHours('1.999')).toBe(120);
    fails(() => parseHours('0'), /not more than 0/);
    fails(() => parseHours('0.001'), /not more than 0/);
    fails(() => parseHours('24.1'), /more than 24 hours in one record; split it across days/);
    fails(() => parseHours('-1'), /not a number of hours/);
    fails(() => parseHours('two'), /not a number of hours/);
  });

  test('service minutes from hours, from times, or both agreeing within a minute (the times win)', () => {
    expect(serviceMinutes('2.5')).toEqual({ minutes: 150 });
    expect(serviceMinutes(undefined, '9:00', '11:30')).toEqual({ minutes: 150, start: '09:00', end: '11:30' });
    expect(serviceMinutes(undefined, '09:00:00', '10:15:00')).toEqual({ minutes: 75, start: '09:00', end: '10:15' });
    expect(serviceMinutes('2.5', '09:00', '11:31')).toEqual({ minutes: 151, start: '09:00', end: '11:31' });
    expect(serviceMinutes('2.5', '09:00', '11:29').minutes).toBe(149);
    fails(() => serviceMinutes('2.5', '09:00', '11:32'), /do not agree with 09:00–11:32/);
  });

  test('end must be after start; both times or neither; something must be given', () => {
    fails(() => serviceMinutes(undefined, '11:00', '09:00'), /end 09:00 is not after start 11:00; an overnight service is two records/);
    fails(() => serviceMinutes(undefined, '09:00', '09:00'), /not after start/);
    fails(() => serviceMinutes('1', '09:00'), /give both start and end times/);
    fails(() => serviceMinutes(undefined, undefined, '10:00'), /give both start and end times/);
    fails(() => serviceMinutes(), /give the hours, or start and end times/);
  });
});

describe('points', () => {
  test('signed, at most 2 decimals, as hundredths; 0 refused', () => {
    expect(parsePoints('5')).toBe(500);
    expect(parsePoints('-2.5')).toBe(-250);
    expect(parsePoints('+0.05')).toBe(5);
    fails(() => parsePoints('1.234'), /at most 2 decimals/);
    fails(() => parsePoints('0'), /0 points changes nothing/);
  });
});

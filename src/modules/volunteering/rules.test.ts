import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  acceptedWindows, allocateDay, attendancePoints, capped, chinaDay, creditedMinutes, hoursToNextStar, missingSkills, qrWindow, rawPoints, scanOpen, starLevel,
  type PointRuleSpec,
} from './rules.js';

const at = (hhmm: string) => new Date(`2026-12-06T${hhmm}:00+08:00`);
const start = at('09:00');
const end = at('12:00');
const perHour = (pointsPerHour: number, dayCap = 1000): PointRuleSpec => ({ pointRule: 'perHour', pointsPerHour, pointsFixed: 0, dayCap });
const perActivity = (pointsFixed: number, dayCap = 1000): PointRuleSpec => ({ pointRule: 'perActivity', pointsPerHour: 0, pointsFixed, dayCap });

describe('credited time', () => {
  it('is check-out minus check-in, clipped to the activity window, rounded down to the half hour', () => {
    expect(creditedMinutes(at('09:00'), at('12:00'), start, end)).toBe(180);
    expect(creditedMinutes(at('08:00'), at('13:30'), start, end)).toBe(180); // early and late earn nothing extra
    expect(creditedMinutes(at('09:10'), at('10:39'), start, end)).toBe(60); // 89 min → 60
    expect(creditedMinutes(at('09:00'), at('09:29'), start, end)).toBe(0);
    expect(creditedMinutes(at('09:00'), at('09:30'), start, end)).toBe(30);
  });
  it('is zero without a check-out, without a check-in, or outside the window', () => {
    expect(creditedMinutes(at('09:00'), null, start, end)).toBe(0);
    expect(creditedMinutes(null, at('10:00'), start, end)).toBe(0);
    expect(creditedMinutes(at('12:10'), at('13:00'), start, end)).toBe(0);
  });
  it('is always a multiple of 30 and never more than the activity lasts', () => {
    fc.assert(fc.property(fc.integer({ min: -600, max: 900 }), fc.integer({ min: 0, max: 900 }), (inOff, dur) => {
      const i = new Date(start.getTime() + inOff * 60_000);
      const m = creditedMinutes(i, new Date(i.getTime() + dur * 60_000), start, end);
      return m % 30 === 0 && m >= 0 && m <= 180 && m <= dur;
    }));
  });
});

describe('points', () => {
  it('per hour rounds down to whole points', () => {
    expect(rawPoints(perHour(10), 180)).toBe(30);
    expect(rawPoints(perHour(5), 90)).toBe(7); // 7.5 → 7
    expect(rawPoints(perHour(3), 30)).toBe(1); // 1.5 → 1
    expect(rawPoints(perHour(10), 0)).toBe(0);
  });
  it('per activity pays the fixed points once any time is credited', () => {
    expect(rawPoints(perActivity(20), 30)).toBe(20);
    expect(rawPoints(perActivity(20), 300)).toBe(20);
    expect(rawPoints(perActivity(20), 0)).toBe(0);
  });
  it('the day cap takes what was already earned that day into account', () => {
    expect(capped(30, 50, 0)).toBe(30);
    expect(capped(30, 50, 40)).toBe(10);
    expect(capped(30, 50, 60)).toBe(0);
    expect(attendancePoints(perHour(10, 25), 180, 0)).toBe(25);
  });
  it('several activities on one day are capped in confirmation order, each by its own cap', () => {
    expect(allocateDay([
      { rule: perHour(10, 40), minutes: 180 }, // 30
      { rule: perActivity(20, 40), minutes: 60 }, // 10 left under 40
      { rule: perHour(10, 100), minutes: 120 }, // 20: its own cap is higher
      { rule: perActivity(5, 40), minutes: 60 }, // 0: over 40 already
    ])).toEqual([30, 10, 20, 0]);
    expect(allocateDay([{ rule: perHour(10, 40), minutes: 180 }], 35)).toEqual([5]);
  });
  it('a day never pays more than the highest cap among its activities', () => {
    const rule = fc.record({ pointRule: fc.constantFrom('perHour' as const, 'perActivity' as const), pointsPerHour: fc.integer({ min: 0, max: 50 }), pointsFixed: fc.integer({ min: 0, max: 50 }), dayCap: fc.integer({ min: 0, max: 100 }) });
    fc.assert(fc.property(fc.array(fc.record({ rule, minutes: fc.integer({ min: 0, max: 16 }).map((h) => h * 30) }), { maxLength: 8 }), (items) => {
      const paid = allocateDay(items);
      const sum = paid.reduce((a, b) => a + b, 0);
      return paid.every((p) => p >= 0) && sum <= Math.max(0, ...items.map((i) => i.rule.dayCap));
    }));
  });
  it('the day is the China calendar day', () => {
    expect(chinaDay(new Date('2026-12-06T16:30:00Z'))).toBe('2026-12-07');
    expect(chinaDay(new Date('2026-12-06T15:59:00Z'))).toBe('2026-12-06');
  });
});

describe('star levels (全国志愿服务星级)', () => {
  it('follow 100 / 300 / 600 / 1000 / 1500 hours', () => {
    const h = (x: number) => x * 60;
    expect([0, 99.5, 100, 299, 300, 600, 999, 1000, 1500, 5000].map((x) => starLevel(h(x)))).toEqual([0, 0, 1, 1, 2, 3, 3, 4, 5, 5]);
    expect(hoursToNextStar(h(80))).toBe(20);
    expect(hoursToNextStar(h(300))).toBe(300);
    expect(hoursToNextStar(h(1500))).toBeNull();
  });
});

describe('QR check-in', () => {
  it('accepts this minute\'s token and the previous one only', () => {
    const now = Date.parse('2026-12-06T01:00:30Z');
    expect(acceptedWindows(now)).toEqual([qrWindow(now), qrWindow(now) - 1]);
    expect(acceptedWindows(now + 60_000)).not.toContain(qrWindow(now) - 1);
  });
  it('check-in opens an hour early; check-out closes two hours late', () => {
    expect(scanOpen('in', at('08:00'), start, end)).toBe(true);
    expect(scanOpen('in', at('07:59'), start, end)).toBe(false);
    expect(scanOpen('in', at('12:01'), start, end)).toBe(false);
    expect(scanOpen('out', at('14:00'), start, end)).toBe(true);
    expect(scanOpen('out', at('14:01'), start, end)).toBe(false);
    expect(scanOpen('out', at('08:59'), start, end)).toBe(false);
  });
  it('required skills are all needed', () => {
    expect(missingSkills(['medical', 'firstAid'], ['firstAid'])).toEqual(['medical']);
    expect(missingSkills([], [])).toEqual([]);
  });
});

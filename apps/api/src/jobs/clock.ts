import { todayInVietnam, type LocalDate } from '@bao-phu/domain';

/**
 * Where scheduled jobs read the time. Production uses the system clock; tests pass a clock they
 * set, so a day's job runs for a chosen date without waiting for it.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stays where it is set (tests). */
export interface ManualClock extends Clock {
  /** Moves the clock to an instant, or to noon in Vietnam of a `YYYY-MM-DD` date. */
  set(to: Date | LocalDate): void;
}

export function manualClock(start: Date | LocalDate): ManualClock {
  let at = toInstant(start);
  return {
    now: () => new Date(at.getTime()),
    set(to) {
      at = toInstant(to);
    },
  };
}

function toInstant(value: Date | LocalDate): Date {
  // Noon in Asia/Ho_Chi_Minh (UTC+7) is 05:00 UTC: the same calendar day wherever the test runs.
  return typeof value === 'string' ? new Date(`${value}T05:00:00Z`) : new Date(value.getTime());
}

/** Today's date in Asia/Ho_Chi_Minh by this clock. */
export function todayBy(clock: Clock): LocalDate {
  return todayInVietnam(clock.now());
}

/** Settings a render needs from outside the template: the clock and the display time zone. */
export interface RuntimeOptions {
  /** Clock used by `{% now %}` and by `timesince`/`timeuntil` without an argument. */
  now(): Date;
  /** IANA zone used to display aware datetimes (Date objects): Django's TIME_ZONE. */
  timezone: string;
}

/** The real clock and UTC. */
export const defaultRuntimeOptions: RuntimeOptions = {
  now: () => new Date(),
  timezone: 'UTC',
};

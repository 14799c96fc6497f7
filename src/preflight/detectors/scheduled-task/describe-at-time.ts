// at's own increments (parsetime.l): `min`, `minute(s)`, `hour(s)`, `day(s)`, `week(s)`, `month(s)`, `year(s)`.
const INCREMENT = /^(.*?)\s*\+\s*(\d+)\s*(min|minutes?|hours?|days?|weeks?|months?|years?)$/i;
const TIME_OF_DAY = /^(noon|midnight|teatime|\d{1,2}(:\d{2})?(am|pm)?|\d{3,4}(am|pm)?)$/i;

/**
 * Words for an at(1) time: `now` → `once, as soon as the script queues it`, `now + 2 months` → `once, 2 months
 * after the script runs`, `4pm + 3 days` → `once, 3 days after the next 4pm`, anything else `once, at …`.
 */
export function describeAtTime(spec: string): string {
  const increment = INCREMENT.exec(spec);
  if (increment) {
    const [, base = '', count = '', unit = ''] = increment;
    const name = unit.toLowerCase() === 'min' ? 'minute' : unit.toLowerCase().replace(/s$/, '');
    const span = `${count} ${name}${count === '1' ? '' : 's'}`;
    if (base.toLowerCase() === 'now') return `once, ${span} after the script runs`;
    // A bare time of day is the next one to come (today's, or tomorrow's once it has passed); at adds from there.
    return `once, ${span} after ${TIME_OF_DAY.test(base) ? `the next ${base}` : base}`;
  }
  return spec.toLowerCase() === 'now' ? 'once, as soon as the script queues it' : `once, at ${spec}`;
}

export type ExampleState = 'arrived' | 'ready' | 'previous';

/** What differs between the three example packages; every artefact builder reads only this. */
export interface ExampleStory {
  state: ExampleState;
  version: string;
  upgradeFrom: string;
  /** The systemd unit this version runs as. */
  unit: string;
  /** The unit the previous version ran as, when it was renamed. */
  renamedFrom: string | undefined;
  buildDate: Date;
  /** The package as it arrived from the vendor: planted secrets, external endpoints, the old unit name in scripts. */
  planted: boolean;
}

/** One product cycle is about eight months, so three cycles are about two years. */
export const PRODUCT_CYCLE_DAYS = 243;

const DAY_MS = 86_400_000;

export function describeExampleStory(state: ExampleState, now: Date): ExampleStory {
  // Whole seconds, so zip timestamps (1-second precision) equal the manifest buildDate exactly.
  const today = new Date(Math.floor(now.getTime() / 1000) * 1000);
  if (state === 'previous') {
    return {
      state,
      version: '4.1.0',
      upgradeFrom: '>=4.0.0 <4.1.0',
      unit: 'dten.service',
      renamedFrom: undefined,
      buildDate: shiftDays(today, -PRODUCT_CYCLE_DAYS),
      planted: false,
    };
  }
  return {
    state,
    version: '4.2.0',
    upgradeFrom: '>=4.0.0 <4.2.0',
    unit: 'dten-server.service',
    renamedFrom: 'dten.service',
    buildDate: today,
    planted: state === 'arrived',
  };
}

export function shiftDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

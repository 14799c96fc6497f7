/** A maintenance window: `start` inclusive, `end` exclusive. */
export interface TimeWindow {
  start: Date;
  end: Date;
}

/** Which Slack deliveries were handled, shared by every replica of the bot that Slack may deliver to. */
export interface DeliveryLog {
  /** True the first time `id` is seen within the retention; false for a retry or replay of it. May throw. */
  firstTime(id: string): Promise<boolean>;
}

/** What a console user presses by number: enough to build the `block_actions` payload Slack would send. */
export interface PressableButton {
  text: string;
  actionId: string;
  value?: string;
  blockId?: string;
  url?: string;
  /** The dialog Slack would show first; the console asks the same question before pressing. */
  confirm?: { title: string; text: string; confirm: string; deny: string };
}

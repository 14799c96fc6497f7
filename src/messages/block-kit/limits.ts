/**
 * Slack's documented Block Kit limits (api.slack.com/reference/block-kit). A message that breaks one is refused
 * by Slack with `invalid_blocks`, so every builder in `src/messages/` stays inside these and says what it cut.
 */
export const BLOCK_KIT_LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  confirmTitle: 100,
  confirmText: 300,
  /** The confirm and deny button labels of a confirm dialog. */
  confirmButtonText: 30,
  /** Any other text object (a context element, for instance): 1 to 3,000 characters. */
  textObject: 3000,
  buttonUrl: 3000,
  /** The top-level `text` fallback: Slack truncates past 40,000; keep it readable in notifications. */
  messageText: 4000,
} as const;

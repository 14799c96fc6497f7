/** Slack's own Block Kit types (from @slack/types, which @slack/bolt and @slack/web-api bring), so our JSON is Slack's. */
export type {
  ActionsBlock,
  Block,
  Button,
  ConfirmationDialog,
  ContextBlock,
  ContextBlockElement,
  DividerBlock,
  HeaderBlock,
  ImageElement,
  KnownBlock,
  MrkdwnElement,
  PlainTextElement,
  SectionBlock,
  SectionBlockAccessory,
  TextObject,
} from '@slack/types';

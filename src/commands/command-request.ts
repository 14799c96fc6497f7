/** A zip shared into the channel with the command; the transport knows how to download it. */
export interface SharedFile {
  id: string;
  name: string;
}

/** One `/dten …` as typed, from any transport. */
export interface CommandRequest {
  /** What follows `/dten`, e.g. `preflight Full-upgrade-package-dten.zip`. */
  text: string;
  user: string;
  channel: string;
  /** Files shared with the command (Slack: the newest zip shared in the channel by this user). */
  files?: readonly SharedFile[];
}

/** A button pressed on a message the bot posted. */
export interface ButtonPress {
  user: string;
  actionId: string;
  value: string | undefined;
  /** The message that carries the button. */
  message: { channel: string; ts: string };
}

const WELL_KNOWN_ACCOUNTS: Readonly<Record<string, string>> = {
  'S-1-5-18': 'SYSTEM',
  'S-1-5-19': 'LOCAL SERVICE',
  'S-1-5-20': 'NETWORK SERVICE',
};

/** A task's account as a person reads it: a well-known SID (`S-1-5-18`) by its name, any other as written. */
export function nameAccount(account: string): string {
  return WELL_KNOWN_ACCOUNTS[account.toUpperCase()] ?? account;
}

/** What became of a text message: sent by a provider, or not sent (no provider, or it refused). */
export interface SmsResult {
  sent: boolean;
  note: string;
}

/**
 * Sends a text message to a family member, who has neither the app nor WeCom/DingTalk. No provider is wired
 * in (a deployment plugs its own: 阿里云短信, 腾讯云短信 …); until then every attempt is recorded on the alert's
 * timeline as not sent, and the grid worker's "call the family" task is what reaches the family.
 */
export interface SmsProvider {
  send(phone: string, text: string): Promise<SmsResult>;
}

/** The provider in force when none is configured: sends nothing, says so. */
export const NO_SMS_PROVIDER: SmsProvider = {
  async send() {
    return { sent: false, note: 'no SMS provider configured: not sent' };
  },
};

/**
 * Application types the generated modules use, through the type overrides in
 * sqlsure.config.json ("types", "columns") and in SQL (`AS "notifications: NotificationSettings"`),
 * imported as listed in its "imports".
 */

/** `inet` values as pg returns them (text), named for readability. */
export type IpAddress = string;

export interface NotificationSettings {
  email?: boolean;
  sms?: boolean;
}

/** `users.profile` (jsonb): free-form, with a few known keys. */
export interface UserProfile {
  locale?: string;
  theme?: 'light' | 'dark';
  notifications?: NotificationSettings;
  [key: string]: unknown;
}

/** `sessions.data` (jsonb). */
export interface SessionData {
  mfa?: boolean;
  via?: string;
}

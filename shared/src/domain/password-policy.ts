/**
 * The password policy (等保 2.0 level 3): at least 10 characters, at least three of the four classes
 * (lower case, upper case, digits, other), not containing the username, not a common password.
 * The "not one of the last five" rule needs the stored hashes and is checked by the server.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MIN_CLASSES = 3;
/** How many earlier passwords may not be used again. */
export const PASSWORD_HISTORY = 5;

export const PASSWORD_PROBLEMS = ['too_short', 'too_few_classes', 'contains_username', 'common_password'] as const;
export type PasswordProblem = (typeof PASSWORD_PROBLEMS)[number];

/** How many of the four character classes a password uses. */
export function passwordClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
}

/** Lower case without the separators people put between words: `P@ss-w0rd` and `p@ssw0rd` are the same word. */
const normalise = (s: string) => s.toLowerCase().replace(/[\s._-]/g, '');

/**
 * The rules a candidate password breaks, in policy order (empty when it is acceptable).
 * `common` is the list of common passwords (lower case); the server ships it as data.
 */
export function passwordProblems(password: string, username: string, common: ReadonlySet<string>): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (passwordClasses(password) < PASSWORD_MIN_CLASSES) problems.push('too_few_classes');
  const name = normalise(username);
  if (name.length >= 3 && normalise(password).includes(name)) problems.push('contains_username');
  if (common.has(password.toLowerCase()) || common.has(normalise(password))) problems.push('common_password');
  return problems;
}

/** Where the pane keeps the user's choices (the page's localStorage; a map in tests). */
export interface Preferences {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

/** The key the chosen 评分规则 is kept under, in the pane and on the page alike. */
export const PROFILE_KEY = 'jixiao.profile';

/** Whether the desk's marked copies print each form one page wide (the reviewer's choice, remembered). */
export const FIT_WIDTH_KEY = 'jixiao.fitWidth';

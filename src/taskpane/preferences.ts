/** Where the pane keeps the user's choices (the page's localStorage; a map in tests). */
export interface Preferences {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

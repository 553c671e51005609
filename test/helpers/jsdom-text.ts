import { TextDecoder, TextEncoder } from 'util';

// jsdom has no TextDecoder: the zip reader needs it. Imported first, before any module that reads workbooks.
Object.assign(globalThis, { TextDecoder, TextEncoder });

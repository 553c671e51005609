/**
 * The parts of zod/mini the add-in validates with, named one by one so the bundler keeps only these
 * (a whole-module import would bring every locale and schema along).
 */
export {
  array,
  boolean,
  enum,
  instanceof,
  literal,
  maxLength,
  minLength,
  nullable,
  number,
  object,
  optional,
  refine,
  regex,
  strictObject,
  string,
  trim,
  union,
  unknown,
} from 'zod/mini';

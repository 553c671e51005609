/**
 * The words forms are read by (docs/VOCABULARY.md): every header synonym, label and operator spelling seen in
 * real forms, one entry per role. A new synonym is one line here; the recognisers only ask "which role does
 * this label play". Labels are compared after normaliseLabel: no spaces or colons, full-width folded, so
 * `指标值（A）` arrives as `指标值(A)`.
 */

export * from './words';
export * from './table-words';
export * from './value-words';
export * from './form-words';
export * from './other-forms';

import {
  normaliseDecimalInput,
  type QualitativeRule,
  type TargetKind,
  type TargetSpec,
  TargetSpecSchema,
} from '@gz/shared';
import { ApiError } from '../../api/client.ts';

/*
 * What the admin forms hold and what the API takes, kept apart from the forms themselves so that the
 * conversions are plain functions (and unit-tested as such).
 */

/** A target as a form holds it: the kind and its parameters as typed. */
export interface SpecValues {
  kind: TargetKind;
  value?: string | undefined;
  tolerance?: string | undefined;
  rule?: QualitativeRule | undefined;
}

/** A typed decimal ("７．５", "7.5") as a number; NaN when it is not one, for the schema to refuse. */
function decimal(text: string | undefined): number {
  return Number(normaliseDecimalInput(text ?? '') ?? Number.NaN);
}

/** The spec of a form's values, checked by the shared schema (its first issue is shown at the value field). */
export function specOf(values: SpecValues): ReturnType<typeof TargetSpecSchema.safeParse> {
  const { kind } = values;
  const value = decimal(values.value);
  const withTolerance = values.tolerance ? { tolerance: decimal(values.tolerance) } : {};
  switch (kind) {
    case 'annual_rate':
      return TargetSpecSchema.safeParse({ kind, rate: value, ...withTolerance });
    case 'approx':
      return TargetSpecSchema.safeParse({ kind, value, ...withTolerance });
    case 'qualitative':
      return TargetSpecSchema.safeParse({ kind, rule: values.rule });
    case 'assigned':
    case 'none':
      return TargetSpecSchema.safeParse({ kind });
    default:
      return TargetSpecSchema.safeParse({ kind, value });
  }
}

/** A stored spec as form values, to edit it. */
export function specValues(spec: TargetSpec): SpecValues {
  const tolerance = 'tolerance' in spec && spec.tolerance !== undefined ? String(spec.tolerance) : undefined;
  if (spec.kind === 'annual_rate') return { kind: spec.kind, value: String(spec.rate), tolerance };
  if (spec.kind === 'qualitative') return { kind: spec.kind, rule: spec.rule };
  if ('value' in spec) return { kind: spec.kind, value: String(spec.value), tolerance };
  return { kind: spec.kind };
}

/** A refusal's messages at the form fields they concern: what {@link placeFieldErrors} shows. */
export interface PlacedError {
  name: string;
  errors: string[];
}

/**
 * The messages of an API refusal at the form fields they name. `fieldOf` maps an API path below `body.` or
 * `params.` to a field of the form; the longest key the path starts with wins (`baseline.year` before
 * `baseline`), so `body.spec.rate` lands at the field mapped from `spec`. Messages at no mapped field are left
 * out, for the caller to show the refusal whole when none is placed.
 */
export function fieldErrorsOf(error: unknown, fieldOf: Readonly<Record<string, string>>): PlacedError[] {
  if (!(error instanceof ApiError)) return [];
  const keys = Object.keys(fieldOf).sort((a, b) => b.length - a.length);
  return error.errors.flatMap((e) => {
    const path = e.field.replace(/^(body|params)\./, '');
    const key = keys.find((k) => path === k || path.startsWith(`${k}.`));
    return key === undefined ? [] : [{ name: fieldOf[key] as string, errors: [e.message] }];
  });
}

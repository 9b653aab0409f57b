// Pieces of JSON Schema (draft-07) both report schemas are written with: the IKE report
// (schema.ts) and its AnyConnect sessions (anyconnect-schema.ts). A finding has one shape in
// both; only its codes, steps and extra evidence differ.

export const str = { type: 'string' } as const;
export const int = { type: 'integer', minimum: 0 } as const;
export const bool = { type: 'boolean' } as const;
export const ints = { type: 'array', items: int } as const;
export const strs = { type: 'array', items: str } as const;
export const direction = { enum: ['client-to-mx', 'mx-to-client'] } as const;
export const epoch = { type: 'string', pattern: '^-?[0-9]+\\.[0-9]{9}$' } as const;

/** Text in English and Japanese. */
export function localized(item: object) {
  return {
    type: 'object',
    required: ['en', 'ja'],
    additionalProperties: false,
    properties: { en: item, ja: item },
  };
}

/** A finding: its codes and guide steps, and evidence properties beyond frames and details. */
export function findingSchema(codes: readonly string[], steps: readonly string[], evidence: object = {}) {
  return {
    type: 'object',
    required: ['code', 'severity', 'step', 'title', 'explanation', 'checklist', 'evidence', 'filter'],
    additionalProperties: false,
    properties: {
      code: { enum: [...codes] },
      severity: { enum: ['error', 'warning', 'info', 'ok'] },
      step: { enum: [...steps] },
      title: localized(str),
      explanation: localized(str),
      checklist: localized(strs),
      filter: { type: 'string', minLength: 1 },
      evidence: {
        type: 'object',
        required: ['frames'],
        additionalProperties: false,
        properties: {
          frames: ints,
          ...evidence,
          details: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
        },
      },
    },
  };
}

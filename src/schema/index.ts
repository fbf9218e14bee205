// The schemas are the single statement of the request's constraints: the generators walk them,
// the reference implementation validates with them, and ajv uses them as the oracle of the
// generator self-tests. Nothing else restates a bound, a pattern or an enum.
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import stopRequestSchema from '../../schemas/stop-cis-session-request.schema.json';
import startRequestSchema from '../../schemas/start-cis-session-request.schema.json';
import validationException from '../../schemas/errors/ValidationException.schema.json';
import accessDeniedException from '../../schemas/errors/AccessDeniedException.schema.json';
import conflictException from '../../schemas/errors/ConflictException.schema.json';
import throttlingException from '../../schemas/errors/ThrottlingException.schema.json';
import internalServerException from '../../schemas/errors/InternalServerException.schema.json';

export { stopRequestSchema, startRequestSchema };

/** A JSON Schema node as this project writes them (a subset of 2020-12 plus `x-` annotations). */
export interface SchemaNode {
  $ref?: string;
  type?: 'object' | 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'null';
  properties?: Record<string, SchemaNode>;
  required?: string[];
  enum?: string[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: SchemaNode;
  $defs?: Record<string, SchemaNode>;
  title?: string;
  description?: string;
  'x-source'?: string;
  'x-requirement'?: string;
}

export const errorSchemas = {
  ValidationException: validationException,
  AccessDeniedException: accessDeniedException,
  ConflictException: conflictException,
  ThrottlingException: throttlingException,
  InternalServerException: internalServerException,
} as const;
export type ErrorTypeName = keyof typeof errorSchemas;

/** The status code each modelled error is sent with (model `error.httpStatusCode`). */
export const errorStatus: Record<ErrorTypeName, number> = {
  ValidationException: 400,
  AccessDeniedException: 403,
  ConflictException: 409,
  ThrottlingException: 429,
  InternalServerException: 500,
};

export function createAjv(): Ajv2020 {
  // strict mode stays on; the x- keywords are annotations that say where a constraint comes from.
  // `unicode` (default true) makes minLength/maxLength count code points, as Smithy does.
  return new Ajv2020({
    strict: true,
    strictRequired: false, // anyOf [{required:[message]},{required:[Message]}] names members declared one level up
    allErrors: true,
    keywords: ['x-source', 'x-requirement', 'x-status'],
  });
}

let shared: Ajv2020 | undefined;
function ajv(): Ajv2020 {
  if (!shared) {
    shared = createAjv();
    shared.addSchema(stopRequestSchema).addSchema(startRequestSchema);
    for (const schema of Object.values(errorSchemas)) shared.addSchema(schema);
  }
  return shared;
}

function compiled(id: string): ValidateFunction {
  const fn = ajv().getSchema(id);
  if (!fn) throw new Error(`schema ${id} is not loaded`);
  return fn;
}

export interface SchemaVerdict {
  valid: boolean;
  errors: ErrorObject[];
}

function verdict(fn: ValidateFunction, value: unknown): SchemaVerdict {
  const valid = fn(value) as boolean;
  return { valid, errors: valid ? [] : [...(fn.errors ?? [])] };
}

export function validateStopRequest(value: unknown): SchemaVerdict {
  return verdict(compiled(stopRequestSchema.$id), value);
}

export function validateStartRequest(value: unknown): SchemaVerdict {
  return verdict(compiled(startRequestSchema.$id), value);
}

export function validateErrorBody(type: ErrorTypeName, value: unknown): SchemaVerdict {
  return verdict(compiled(errorSchemas[type].$id), value);
}

/** Resolves a local `$ref` (`#/$defs/Name`) against the root schema. */
export function resolveRef(root: SchemaNode, node: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  const match = /^#\/\$defs\/(.+)$/.exec(node.$ref);
  const target = match ? root.$defs?.[match[1]] : undefined;
  if (!target) throw new Error(`unresolvable $ref ${node.$ref}`);
  return { ...target, ...withoutRef(node) };
}

function withoutRef(node: SchemaNode): SchemaNode {
  const { $ref: _ref, ...rest } = node;
  return rest;
}

import type { Shape, ShapeType } from './types.js';

const SIMPLE: [string, ShapeType][] = [
  ['String', 'string'],
  ['Blob', 'blob'],
  ['Boolean', 'boolean'],
  ['Byte', 'byte'],
  ['Short', 'short'],
  ['Integer', 'integer'],
  ['Long', 'long'],
  ['Float', 'float'],
  ['Double', 'double'],
  ['BigInteger', 'bigInteger'],
  ['BigDecimal', 'bigDecimal'],
  ['Timestamp', 'timestamp'],
  ['Document', 'document'],
];
const PRIMITIVE: [string, ShapeType, unknown][] = [
  ['PrimitiveBoolean', 'boolean', false],
  ['PrimitiveByte', 'byte', 0],
  ['PrimitiveShort', 'short', 0],
  ['PrimitiveInteger', 'integer', 0],
  ['PrimitiveLong', 'long', 0],
  ['PrimitiveFloat', 'float', 0],
  ['PrimitiveDouble', 'double', 0],
];

/** The smithy.api prelude shapes a model may target without defining. */
export function preludeShapes(): Map<string, Shape> {
  const m = new Map<string, Shape>();
  for (const [name, type] of SIMPLE) {
    // In IDL 1.0 the prelude's simple number/boolean shapes are boxed (nullable).
    m.set(`smithy.api#${name}`, {
      id: `smithy.api#${name}`,
      type,
      traits: { 'smithy.api#box': {} },
      srcPath: `prelude ${name}`,
    });
  }
  for (const [name, type, def] of PRIMITIVE) {
    m.set(`smithy.api#${name}`, {
      id: `smithy.api#${name}`,
      type,
      traits: { 'smithy.api#default': def },
      srcPath: `prelude ${name}`,
    });
  }
  m.set('smithy.api#Unit', {
    id: 'smithy.api#Unit',
    type: 'structure',
    traits: { 'smithy.api#unitType': {} },
    members: {},
    srcPath: 'prelude Unit',
  });
  return m;
}

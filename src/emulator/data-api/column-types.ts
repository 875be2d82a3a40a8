// MySQL protocol column type codes, named as TiDB reports `data_type`.
const TYPE_NAMES: Record<number, string> = {
  0: "DECIMAL",
  1: "TINYINT",
  2: "SMALLINT",
  3: "INT",
  4: "FLOAT",
  5: "DOUBLE",
  6: "NULL",
  7: "TIMESTAMP",
  8: "BIGINT",
  9: "MEDIUMINT",
  10: "DATE",
  11: "TIME",
  12: "DATETIME",
  13: "YEAR",
  14: "DATE",
  15: "VARCHAR",
  16: "BIT",
  242: "VECTOR",
  245: "JSON",
  246: "DECIMAL",
  247: "ENUM",
  248: "SET",
  249: "TINYBLOB",
  250: "MEDIUMBLOB",
  251: "LONGBLOB",
  252: "BLOB",
  253: "VARCHAR",
  254: "CHAR",
  255: "GEOMETRY",
};

const TEXT_NAMES: Record<number, string> = {
  249: "TINYTEXT",
  250: "MEDIUMTEXT",
  251: "LONGTEXT",
  252: "TEXT",
};

const BINARY_NAMES: Record<number, string> = {
  15: "VARBINARY",
  253: "VARBINARY",
  254: "BINARY",
};

const BINARY_CHARSET = 63;
const NOT_NULL_FLAG = 1;
const ENUM_FLAG = 256;
const SET_FLAG = 2048;

export interface FieldDescription {
  columnType?: number;
  characterSet?: number;
  /** mysql2 types flags as a number or a list of names; at run time it is the number. */
  flags?: number | string[];
}

function flagBits(field: FieldDescription): number {
  return typeof field.flags === "number" ? field.flags : 0;
}

export function columnDataType(field: FieldDescription): string {
  const code = field.columnType ?? 253;
  const flags = flagBits(field);
  // Servers send ENUM and SET columns as strings flagged ENUM / SET.
  if (flags & ENUM_FLAG) return "ENUM";
  if (flags & SET_FLAG) return "SET";
  const binary = field.characterSet === BINARY_CHARSET;
  // Servers send every TEXT size as BLOB (252) told apart only by charset, as Go's MySQL driver reports them.
  if (!binary && TEXT_NAMES[code] !== undefined) return TEXT_NAMES[code];
  if (binary && BINARY_NAMES[code] !== undefined) return BINARY_NAMES[code];
  return TYPE_NAMES[code] ?? "VARCHAR";
}

export function columnNullable(field: FieldDescription): boolean {
  return (flagBits(field) & NOT_NULL_FLAG) === 0;
}

export const BIT_TYPE_CODE = 16;

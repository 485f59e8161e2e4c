/// A statement that changes data or schema: the plan of `db.insert`, `db.update`, `db.delete`, `db.merge`,
/// `df.write.insertInto`, `db.create_table`, `db.drop_table`, `db.create_index` and `db.drop_index`.
///
/// The SQL stage turns one mutation into one or more statements (an insert of many rows is split into
/// batches within the dialect's parameter limit); the executor runs them in one transaction.
public enum MutationPlan: Sendable, Hashable {
    /// `INSERT INTO table (columns) VALUES (…), (…)`.
    case insert(table: TableReference, columns: [String], rows: [[Expression]])
    /// `INSERT INTO table [(columns)] SELECT …`, run inside the database.
    case insertSelect(table: TableReference, columns: [String]?, query: LogicalPlan)
    /// `UPDATE table SET … [WHERE …]`; values may be column expressions of the row being updated.
    case update(table: TableReference, assignments: [Assignment], where: Expression?)
    /// `DELETE FROM table [WHERE …]`.
    case delete(table: TableReference, where: Expression?)
    /// `INSERT … ON CONFLICT (keys) DO UPDATE SET … | DO NOTHING`.
    case upsert(Upsert)
    /// `CREATE [TEMPORARY] TABLE [IF NOT EXISTS] …`.
    case createTable(TableDefinition)
    /// `DROP TABLE [IF EXISTS] …`.
    case dropTable(TableReference, ifExists: Bool)
    /// `CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (columns)`.
    case createIndex(IndexDefinition)
    /// `DROP INDEX [IF EXISTS] name`.
    case dropIndex(name: String, ifExists: Bool)
}

extension MutationPlan {
    /// The inserts of rows given as column → value maps, in their order (see ``rowGroups(columns:rows:)``).
    static func inserts(
        into table: TableReference, columns: [String], rows: [[String: Expression]]
    ) -> [MutationPlan] {
        rowGroups(columns: columns, rows: rows).map { .insert(table: table, columns: $0.columns, rows: $0.rows) }
    }

    /// Rows given as column → value maps, grouped for inserting them in order.
    ///
    /// A key a row lacks is left out of that row's group, so the column's `DEFAULT` applies, as it does when no
    /// row names the column (writing `NULL` instead would break `NOT NULL DEFAULT …` columns). Consecutive rows
    /// with the same keys form one group, which the SQL stage batches as usual; the usual case, every row with
    /// the same keys, is one group. `columns` gives the column order (each key once).
    static func rowGroups(
        columns: [String], rows: [[String: Expression]]
    ) -> [(columns: [String], rows: [[Expression]])] {
        var groups: [(columns: [String], rows: [[Expression]])] = []
        var start = 0
        while start < rows.count {
            let keys = rows[start].keys
            var end = start + 1
            while end < rows.count, rows[end].count == keys.count, rows[end].keys.allSatisfy({ keys.contains($0) }) {
                end += 1
            }
            let present = columns.filter { rows[start][$0] != nil }
            groups.append((present, rows[start..<end].map { row in present.map { row[$0] ?? .literal(.null) } }))
            start = end
        }
        return groups
    }
}

/// `column = value` in an `UPDATE` or an upsert's `DO UPDATE`.
public struct Assignment: Sendable, Hashable {
    /// The column set.
    public var column: String
    /// The new value: a literal, an expression over the row, or in an upsert a reference to the
    /// proposed row as `ColumnReference(name, qualifier: "excluded")`.
    public var value: Expression

    /// Creates an assignment.
    public init(_ column: String, _ value: Expression) {
        self.column = column
        self.value = value
    }
}

/// An insert that updates (or ignores) rows whose conflict keys already exist.
public struct Upsert: Sendable, Hashable {
    /// What happens to a row whose keys exist.
    public enum Action: Sendable, Hashable {
        /// Keep the existing row.
        case doNothing
        /// Update the existing row.
        case update([Assignment])
    }

    /// The target table.
    public var table: TableReference
    /// The inserted columns.
    public var columns: [String]
    /// The rows.
    public var rows: [[Expression]]
    /// The unique key columns that decide a conflict.
    public var conflictColumns: [String]
    /// The action on conflict.
    public var action: Action

    /// Creates an upsert.
    public init(
        table: TableReference, columns: [String], rows: [[Expression]], conflictColumns: [String], action: Action
    ) {
        self.table = table
        self.columns = columns
        self.rows = rows
        self.conflictColumns = conflictColumns
        self.action = action
    }
}

/// A column of `CREATE TABLE`, as `column(name, type_name, nullable, default, primary_key, precision, scale)`
/// describes it.
public struct ColumnDefinition: Sendable, Hashable {
    /// The name.
    public var name: String
    /// The type.
    public var type: SQLType
    /// Decimal precision or text length.
    public var precision: Int?
    /// Decimal scale.
    public var scale: Int?
    /// Whether `NULL` is allowed.
    public var isNullable: Bool
    /// The default value, a literal.
    public var defaultValue: DatabaseValue?
    /// Part of the primary key.
    public var isPrimaryKey: Bool
    /// `UNIQUE`.
    public var isUnique: Bool

    /// Creates a column definition.
    public init(
        _ name: String, _ type: SQLType, precision: Int? = nil, scale: Int? = nil, nullable: Bool = true,
        default defaultValue: DatabaseValue? = nil, primaryKey: Bool = false, unique: Bool = false
    ) {
        self.name = name
        self.type = type
        self.precision = precision
        self.scale = scale
        self.isNullable = nullable
        self.defaultValue = defaultValue
        self.isPrimaryKey = primaryKey
        self.isUnique = unique
    }

    /// A column of a type written as SQL declares it: `DECIMAL(10, 2)` and `VARCHAR(20)` keep their precision,
    /// scale and length, unless `precision` or `scale` is given.
    public init(
        _ name: String, typeName: String, precision: Int? = nil, scale: Int? = nil, nullable: Bool = true,
        default defaultValue: DatabaseValue? = nil, primaryKey: Bool = false, unique: Bool = false
    ) {
        let written = CastTarget(typeName: typeName)
        self.init(
            name, SQLType(declaredTypeName: typeName), precision: precision ?? written?.precision,
            scale: scale ?? written?.scale, nullable: nullable, default: defaultValue, primaryKey: primaryKey,
            unique: unique)
    }
}

/// A table constraint of `CREATE TABLE`.
public enum TableConstraint: Sendable, Hashable {
    /// `UNIQUE (columns)`.
    case unique(name: String?, columns: [String])
    /// `CHECK (condition)`; the condition is an expression over the table's columns.
    case check(name: String?, condition: Expression)
    /// `FOREIGN KEY (columns) REFERENCES table (columns) [ON DELETE action]`.
    case foreignKey(
        name: String?, columns: [String], references: TableReference, referencedColumns: [String], onDelete: String?)
}

/// `CREATE TABLE`.
public struct TableDefinition: Sendable, Hashable {
    /// The table.
    public var table: TableReference
    /// The columns, in order.
    public var columns: [ColumnDefinition]
    /// Table constraints.
    public var constraints: [TableConstraint]
    /// `IF NOT EXISTS`.
    public var ifNotExists: Bool
    /// `TEMPORARY`.
    public var temporary: Bool

    /// Creates a table definition.
    public init(
        _ table: TableReference, columns: [ColumnDefinition], constraints: [TableConstraint] = [],
        ifNotExists: Bool = true, temporary: Bool = false
    ) {
        self.table = table
        self.columns = columns
        self.constraints = constraints
        self.ifNotExists = ifNotExists
        self.temporary = temporary
    }
}

/// `CREATE INDEX`.
public struct IndexDefinition: Sendable, Hashable {
    /// The index's name.
    public var name: String
    /// The indexed table.
    public var table: TableReference
    /// The indexed columns.
    public var columns: [String]
    /// `UNIQUE`.
    public var unique: Bool
    /// `IF NOT EXISTS`.
    public var ifNotExists: Bool

    /// Creates an index definition.
    public init(name: String, table: TableReference, columns: [String], unique: Bool = false, ifNotExists: Bool = true)
    {
        self.name = name
        self.table = table
        self.columns = columns
        self.unique = unique
        self.ifNotExists = ifNotExists
    }
}

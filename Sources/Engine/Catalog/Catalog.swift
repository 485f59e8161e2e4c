import Foundation

/// A database's schema: its tables and views with their columns, keys and indexes.
///
/// The compiler resolves names against a `Catalog`; the drivers fill it by introspection
/// (``DatabaseConnection/loadCatalog()``), and it can be saved to and loaded from a JSON schema file
/// for working offline.
///
/// Lookups are by name: an exact match wins, then a unique case-insensitive match
/// (SQLite compares names case-insensitively, and PostgreSQL folds unquoted names to lower case).
public struct Catalog: Sendable, Hashable {
    /// Everything the catalog holds, in one immutable object: a compilation keeps the catalog in its binder, its
    /// editor facts and its result, and copying the catalog retains this one reference instead of each field's
    /// storage (seven references). Changing a catalog makes a new storage; nothing in one ever changes, so it is
    /// `Sendable` as it is.
    private final class Storage: Sendable {
        let kind: DatabaseKind?
        let defaultSchema: String?
        let searchPath: [String]
        let tables: [TableInfo]
        /// The positions of the tables of each name, found by the name's bytes (FNV-1a, no `Hasher`: a
        /// `db.table(…)` looked up in a dictionary cost about 650 instructions, SipHash for the most part).
        let exactIndex: NameTable<[Int]>
        let foldedIndex: [String: [Int]]
        /// Each table's columns as plan columns qualified by the table's name, in the order of ``tables``.
        let planColumns: [[PlanColumn]]

        init(
            kind: DatabaseKind?, defaultSchema: String?, searchPath: [String], tables: [TableInfo],
            planColumns: [[PlanColumn]]
        ) {
            self.kind = kind
            self.defaultSchema = defaultSchema
            self.searchPath = searchPath
            self.tables = tables
            self.planColumns = planColumns
            (exactIndex, foldedIndex) = Self.index(of: tables)
        }

        /// The same catalog with another kind, default schema or search path (the indexes are shared).
        init(_ other: Storage, kind: DatabaseKind?, defaultSchema: String?, searchPath: [String]) {
            self.kind = kind
            self.defaultSchema = defaultSchema
            self.searchPath = searchPath
            self.tables = other.tables
            self.planColumns = other.planColumns
            self.exactIndex = other.exactIndex
            self.foldedIndex = other.foldedIndex
        }

        private static func index(of tables: [TableInfo]) -> (NameTable<[Int]>, [String: [Int]]) {
            var exact: [String: [Int]] = [:]
            var folded: [String: [Int]] = [:]
            for (position, table) in tables.enumerated() {
                exact[table.name, default: []].append(position)
                folded[table.name.lowercased(), default: []].append(position)
            }
            var exactIndex = NameTable<[Int]>()
            for table in tables {
                if exactIndex[table.name] == nil, let positions = exact[table.name] {
                    exactIndex.set(table.name, positions)
                }
            }
            return (exactIndex, folded)
        }
    }

    private var storage: Storage

    /// The database system the schema was read from, when known.
    public var kind: DatabaseKind? {
        get { storage.kind }
        set { storage = Storage(storage, kind: newValue, defaultSchema: defaultSchema, searchPath: searchPath) }
    }
    /// The schema that unqualified names resolve to first (`main` for SQLite, the head of
    /// `search_path` for PostgreSQL).
    public var defaultSchema: String? {
        get { storage.defaultSchema }
        set { storage = Storage(storage, kind: kind, defaultSchema: newValue, searchPath: searchPath) }
    }
    /// The schemas searched for unqualified names, in order.
    public var searchPath: [String] {
        get { storage.searchPath }
        set { storage = Storage(storage, kind: kind, defaultSchema: defaultSchema, searchPath: newValue) }
    }
    /// Every table and view.
    public var tables: [TableInfo] { storage.tables }
    private var exactIndex: NameTable<[Int]> { storage.exactIndex }
    private var foldedIndex: [String: [Int]] { storage.foldedIndex }
    /// Each table's columns as plan columns qualified by the table's name, in the order of ``tables``: made once
    /// per table, not at every `db.table(…)` of every compilation.
    var planColumns: [[PlanColumn]] { storage.planColumns }

    /// Creates a catalog.
    public init(
        kind: DatabaseKind? = nil, defaultSchema: String? = nil, searchPath: [String] = [], tables: [TableInfo] = []
    ) {
        storage = Storage(
            kind: kind, defaultSchema: defaultSchema,
            searchPath: searchPath.isEmpty ? defaultSchema.map { [$0] } ?? [] : searchPath, tables: tables,
            planColumns: tables.map(Self.planColumns(of:)))
    }

    /// An empty catalog: every table is unknown.
    public static let empty = Catalog()

    /// Adds or replaces a table.
    public mutating func add(_ table: TableInfo) {
        var tables = tables
        var planColumns = planColumns
        if let existing = tables.firstIndex(where: { $0.schema == table.schema && $0.name == table.name }) {
            tables[existing] = table
            planColumns[existing] = Self.planColumns(of: table)
        } else {
            tables.append(table)
            planColumns.append(Self.planColumns(of: table))
        }
        replaceTables(tables, planColumns: planColumns)
    }

    /// Removes the table or view that ``table(named:schema:)`` finds, if any.
    public mutating func remove(named name: String, schema: String? = nil) {
        guard let position = tableIndex(named: name, schema: schema) else { return }
        var tables = tables
        var planColumns = planColumns
        tables.remove(at: position)
        planColumns.remove(at: position)
        replaceTables(tables, planColumns: planColumns)
    }

    private mutating func replaceTables(_ tables: [TableInfo], planColumns: [[PlanColumn]]) {
        storage = Storage(
            kind: kind, defaultSchema: defaultSchema, searchPath: searchPath, tables: tables, planColumns: planColumns)
    }

    /// The columns of `table` as plan columns qualified by its name.
    static func planColumns(of table: TableInfo) -> [PlanColumn] {
        let qualifiers = [table.name]
        return table.columns.map {
            PlanColumn(
                name: $0.name, type: $0.type, isNullable: $0.isNullable, qualifiers: qualifiers, sourceTable: table.name
            )
        }
    }

    /// Finds a table or view by name, optionally `schema.name` qualified.
    ///
    /// Unqualified names search ``searchPath`` in order, then any schema.
    public func table(named name: String) -> TableInfo? { tableIndex(named: name).map { tables[$0] } }

    /// The position in ``tables`` of the table ``table(named:)`` finds.
    func tableIndex(named name: String) -> Int? {
        if name.containsASCII(UInt8(ascii: ".")), let dot = name.lastIndex(of: "."),
            !tables.contains(where: { $0.name == name })
        {
            let schema = String(name[..<dot])
            let bare = String(name[name.index(after: dot)...])
            return tableIndex(named: bare, schema: schema)
        }
        return tableIndex(named: name, schema: nil)
    }

    /// Finds a table or view by name in a schema (`nil`: the search path, then any schema).
    public func table(named name: String, schema: String?) -> TableInfo? {
        tableIndex(named: name, schema: schema).map { tables[$0] }
    }

    /// The position in ``tables`` of the table ``table(named:schema:)`` finds.
    func tableIndex(named name: String, schema: String?) -> Int? {
        func pick(_ positions: [Int]) -> Int? {
            if let schema {
                let inSchema = positions.filter {
                    tables[$0].schema == schema || tables[$0].schema?.lowercased() == schema.lowercased()
                }
                return inSchema.count == 1 ? inSchema[0] : inSchema.first(where: { tables[$0].schema == schema })
            }
            if positions.count == 1 { return positions[0] }
            for schemaName in searchPath {
                if let match = positions.first(where: { tables[$0].schema == schemaName }) { return match }
            }
            return positions.first
        }
        if let positions = exactIndex[name], let found = pick(positions) { return found }
        if let positions = foldedIndex[name.lowercased()] {
            let found = pick(positions)
            // A case-insensitive match must be unique among equally placed candidates.
            return found
        }
        return nil
    }

    /// The names of all tables and views, qualified where the schema is not on the search path.
    public var tableNames: [String] {
        tables.map { table in
            if let schema = table.schema, !searchPath.contains(schema) { return "\(schema).\(table.name)" }
            return table.name
        }
    }

    public static func == (lhs: Catalog, rhs: Catalog) -> Bool {
        if lhs.storage === rhs.storage { return true }
        return lhs.kind == rhs.kind && lhs.defaultSchema == rhs.defaultSchema && lhs.searchPath == rhs.searchPath
            && lhs.tables == rhs.tables
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(defaultSchema)
        hasher.combine(tables)
    }
}

/// A table or a view.
public struct TableInfo: Sendable, Hashable, Codable {
    /// Whether this is a table or a view.
    public enum Kind: String, Sendable, Hashable, Codable {
        case table
        case view
    }

    /// The schema it lives in (`main`, `public`, …), when the database has schemas.
    public var schema: String?
    /// Its name, exactly as stored.
    public var name: String
    /// Table or view.
    public var kind: Kind
    /// The columns, in declaration order.
    public var columns: [ColumnInfo]
    /// The primary key's columns, in key order; empty when there is none.
    public var primaryKey: [String]
    /// Foreign keys from this table.
    public var foreignKeys: [ForeignKeyInfo]
    /// Indexes on this table.
    public var indexes: [IndexInfo]

    /// Creates a table description.
    public init(
        schema: String? = nil, name: String, kind: Kind = .table, columns: [ColumnInfo], primaryKey: [String] = [],
        foreignKeys: [ForeignKeyInfo] = [], indexes: [IndexInfo] = []
    ) {
        self.schema = schema
        self.name = name
        self.kind = kind
        self.columns = columns
        self.primaryKey = primaryKey
        self.foreignKeys = foreignKeys
        self.indexes = indexes
    }

    /// Finds a column: an exact match first, then a case-insensitive one.
    public func column(named name: String) -> ColumnInfo? {
        columns.first(where: { $0.name == name }) ?? columns.first(where: { $0.name.lowercased() == name.lowercased() })
    }
}

/// A column of a table or view.
public struct ColumnInfo: Sendable, Hashable, Codable {
    /// The column's name, exactly as stored.
    public var name: String
    /// The declared type name (`INTEGER`, `varchar(20)`, …); empty when none was declared.
    public var declaredType: String
    /// The declared type mapped to a checker type.
    public var type: SQLType
    /// Whether the column accepts `NULL`.
    public var isNullable: Bool
    /// The default value's SQL expression, as the database reports it.
    public var defaultValue: String?
    /// The column's 1-based position in the primary key, when it is part of it.
    public var primaryKeyPosition: Int?

    /// Creates a column description.
    public init(
        name: String, declaredType: String, type: SQLType? = nil, isNullable: Bool = true, defaultValue: String? = nil,
        primaryKeyPosition: Int? = nil
    ) {
        self.name = name
        self.declaredType = declaredType
        self.type = type ?? SQLType(declaredTypeName: declaredType)
        self.isNullable = isNullable
        self.defaultValue = defaultValue
        self.primaryKeyPosition = primaryKeyPosition
    }
}

/// A foreign key.
public struct ForeignKeyInfo: Sendable, Hashable, Codable {
    /// The constraint's name, when the database names it.
    public var name: String?
    /// The referencing columns of this table.
    public var columns: [String]
    /// The referenced table's schema, when known.
    public var referencedSchema: String?
    /// The referenced table.
    public var referencedTable: String
    /// The referenced columns, in the same order as ``columns``.
    public var referencedColumns: [String]
    /// The `ON UPDATE` action (`NO ACTION`, `CASCADE`, …).
    public var onUpdate: String?
    /// The `ON DELETE` action.
    public var onDelete: String?

    /// Creates a foreign key description.
    public init(
        name: String? = nil, columns: [String], referencedSchema: String? = nil, referencedTable: String,
        referencedColumns: [String], onUpdate: String? = nil, onDelete: String? = nil
    ) {
        self.name = name
        self.columns = columns
        self.referencedSchema = referencedSchema
        self.referencedTable = referencedTable
        self.referencedColumns = referencedColumns
        self.onUpdate = onUpdate
        self.onDelete = onDelete
    }
}

/// An index.
public struct IndexInfo: Sendable, Hashable, Codable {
    /// The index's name.
    public var name: String
    /// The indexed columns (or expressions, as text), in index order.
    public var columns: [String]
    /// Whether the index enforces uniqueness.
    public var isUnique: Bool
    /// Whether the index backs the primary key.
    public var isPrimary: Bool

    /// Creates an index description.
    public init(name: String, columns: [String], isUnique: Bool, isPrimary: Bool = false) {
        self.name = name
        self.columns = columns
        self.isUnique = isUnique
        self.isPrimary = isPrimary
    }
}

// MARK: - Schema files

extension Catalog: Codable {
    private enum CodingKeys: String, CodingKey {
        case format
        case kind
        case defaultSchema
        case searchPath
        case tables
    }

    /// The schema file format this build writes and reads.
    public static let fileFormat = "moltres-catalog/1"

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let format = try container.decodeIfPresent(String.self, forKey: .format) ?? Self.fileFormat
        guard format == Self.fileFormat else {
            throw DecodingError.dataCorruptedError(
                forKey: .format, in: container,
                debugDescription: "unsupported schema file format '\(format)'; expected '\(Self.fileFormat)'")
        }
        self.init(
            kind: try container.decodeIfPresent(DatabaseKind.self, forKey: .kind),
            defaultSchema: try container.decodeIfPresent(String.self, forKey: .defaultSchema),
            searchPath: try container.decodeIfPresent([String].self, forKey: .searchPath) ?? [],
            tables: try container.decode([TableInfo].self, forKey: .tables)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.fileFormat, forKey: .format)
        try container.encodeIfPresent(kind, forKey: .kind)
        try container.encodeIfPresent(defaultSchema, forKey: .defaultSchema)
        try container.encode(searchPath, forKey: .searchPath)
        try container.encode(tables, forKey: .tables)
    }

    /// The catalog as a JSON schema file (pretty-printed, keys sorted, so it diffs well).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads a catalog from a JSON schema file's contents.
    public init(jsonData: Data) throws {
        self = try JSONDecoder().decode(Catalog.self, from: jsonData)
    }
}

extension String {
    /// Whether the text holds the ASCII byte `byte`: one scan of its UTF-8 storage. (`utf8.contains` walks the
    /// generic sequence, about 270 instructions for a table name; every `db.table("…")` asks for a dot twice.)
    func containsASCII(_ byte: UInt8) -> Bool {
        // Read in place (`withUTF8` needed a mutable copy of the string: a retain and a release call).
        utf8.withContiguousStorageIfAvailable { $0.contains(byte) } ?? utf8.contains(byte)
    }
}

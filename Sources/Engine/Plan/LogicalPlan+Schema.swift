extension LogicalPlan {
    /// The plan's output columns, in order, with types, nullability and qualifiers, resolved against `catalog`.
    ///
    /// Throws a ``PlanError`` for an unknown table or column, an ambiguous name or a type error.
    /// A raw SQL source has no known columns (an empty list), and columns read from it are `unknown`.
    public func schema(in catalog: Catalog) throws -> [PlanColumn] {
        var recursiveSchemas: [String: [PlanColumn]] = [:]
        return try schema(in: catalog, recursiveSchemas: &recursiveSchemas)
    }

    private func schema(in catalog: Catalog, recursiveSchemas: inout [String: [PlanColumn]]) throws -> [PlanColumn] {
        switch self {
        case .scan(let table):
            let name = table.schema.map { "\($0).\(table.name)" } ?? table.name
            guard let info = catalog.table(named: name) else { throw PlanError.unknownTable(name) }
            return info.columns.map {
                PlanColumn(
                    name: $0.name, type: $0.type, isNullable: $0.isNullable, qualifiers: [table.name],
                    sourceTable: info.name)
            }
        case .project(let input, let expressions):
            let columns = try input.schema(in: catalog, recursiveSchemas: &recursiveSchemas)
            return try Self.projectedColumns(expressions, over: columns)
        case .withColumns(let input, let additions):
            var columns = try input.schema(in: catalog, recursiveSchemas: &recursiveSchemas)
            let inputColumns = columns
            for addition in additions {
                let type = try addition.expression.inferType(in: inputColumns).get()
                let column = PlanColumn(name: addition.name, type: type.type, isNullable: type.isNullable)
                if let index = columns.firstIndex(where: { $0.name == addition.name }) {
                    columns[index] = column
                } else {
                    columns.append(column)
                }
            }
            return columns
        case .renameColumns(let input, let renames):
            return try input.schema(in: catalog, recursiveSchemas: &recursiveSchemas).map { column in
                var column = column
                if let rename = renames.first(where: { $0.existing == column.name }) { column.name = rename.new }
                return column
            }
        case .dropColumns(let input, let names):
            return try input.schema(in: catalog, recursiveSchemas: &recursiveSchemas).filter {
                !names.contains($0.name)
            }
        case .filter(let input, _), .sort(let input, _), .limit(let input, _, _), .distinct(let input),
            .sample(let input, _, _):
            return try input.schema(in: catalog, recursiveSchemas: &recursiveSchemas)
        case .join(let join):
            let left = try join.left.schema(in: catalog, recursiveSchemas: &recursiveSchemas)
            let right = try join.right.schema(in: catalog, recursiveSchemas: &recursiveSchemas)
            switch join.kind {
            case .semi, .anti: return left
            case .inner, .left, .right, .full, .cross:
                if case .using(let names) = join.condition {
                    return left + right.filter { column in !names.contains(column.name) }
                }
                return left + right
            }
        case .aggregate(let input, let keys, let aggregates):
            let columns = try input.schema(in: catalog, recursiveSchemas: &recursiveSchemas)
            return try Self.projectedColumns(keys + aggregates, over: columns)
        case .setOperation(_, let left, _):
            return try left.schema(in: catalog, recursiveSchemas: &recursiveSchemas).map {
                PlanColumn(name: $0.name, type: $0.type, isNullable: $0.isNullable)
            }
        case .values(let names, let rows):
            return names.enumerated().map { index, name in
                let type = rows.first.flatMap { index < $0.count ? try? $0[index].inferType(in: []).get().type : nil }
                return PlanColumn(name: name, type: type ?? .unknown)
            }
        case .rawSQL: return []
        case .alias(let input, let name):
            return try input.schema(in: catalog, recursiveSchemas: &recursiveSchemas).map {
                var column = $0
                column.qualifiers = [name]
                return column
            }
        case .binding(let name, let input, _):
            return try input.schema(in: catalog, recursiveSchemas: &recursiveSchemas).map {
                var column = $0
                if !column.qualifiers.contains(name) { column.qualifiers.append(name) }
                return column
            }
        case .recursiveCTE(let name, let initial, _, _):
            let columns = try initial.schema(in: catalog, recursiveSchemas: &recursiveSchemas).map {
                PlanColumn(name: $0.name, type: $0.type, isNullable: true, qualifiers: [name])
            }
            recursiveSchemas[name] = columns
            return columns
        case .cteReference(let name):
            guard let columns = recursiveSchemas[name] else { throw PlanError.unknownTable(name) }
            return columns
        case .explode(let input, let array, let alias):
            let columns = try input.schema(in: catalog, recursiveSchemas: &recursiveSchemas)
            _ = try array.inferType(in: columns).get()
            let element = array.explodedElementType { (try? $0.inferType(in: columns).get())?.type ?? .unknown }
            return columns + [PlanColumn(name: alias, type: element)]
        case .unionByName(let left, let right, let allowMissing):
            let leftColumns = try left.schema(in: catalog, recursiveSchemas: &recursiveSchemas)
            let rightColumns = try right.schema(in: catalog, recursiveSchemas: &recursiveSchemas)
            return try Self.unionByNameColumns(leftColumns, rightColumns, allowMissingColumns: allowMissing).map(
                \.column)
        case .rowLock(let input, _):
            return try input.schema(in: catalog, recursiveSchemas: &recursiveSchemas)
        case .pivot(let pivot):
            let columns = try pivot.input.schema(in: catalog, recursiveSchemas: &recursiveSchemas)
            let keys = try Self.projectedColumns(pivot.groupBy, over: columns)
            return try keys
                + pivot.outputs.map { output in
                    PlanColumn(
                        name: output.name,
                        type: try Expression.function(output.aggregate.call).inferType(in: columns).get().type)
                }
        }
    }

    /// The columns a list of projected expressions yields over `columns` (shared by `select` and `agg`).
    static func projectedColumns(_ expressions: [Expression], over columns: [PlanColumn]) throws -> [PlanColumn] {
        var output: [PlanColumn] = []
        for (position, expression) in expressions.enumerated() {
            if case .star(let qualifier) = expression {
                output += columns.filter { column in qualifier.map { column.qualifiers.contains($0) } ?? true }
                continue
            }
            let type = try expression.inferType(in: columns).get()
            var column = PlanColumn(
                name: expression.outputName ?? "_c\(position)", type: type.type, isNullable: type.isNullable)
            if case .column(let reference) = expression {
                let source = columns[try PlanColumn.resolve(reference, in: columns).get()]
                column.qualifiers = source.qualifiers
                column.sourceTable = source.sourceTable
            }
            output.append(column)
        }
        return output
    }
}

/// Where an output column of ``LogicalPlan/unionByName(_:_:allowMissingColumns:)`` comes from on each side.
struct UnionByNameColumn: Sendable, Hashable {
    /// The output column.
    var column: PlanColumn
    /// Its index in the left input, `nil` when only the right has it.
    var left: Int?
    /// Its index in the right input, `nil` when only the left has it.
    var right: Int?
}

extension LogicalPlan {
    /// Matches the columns of the two sides of a union by name (case-insensitively, as SQL names are): the left
    /// side's columns in order, then (with `allowMissingColumns`) the right side's extra ones.
    /// Throws `MOL3007` for a name only one side has (without `allowMissingColumns`) or a name a side has twice.
    static func unionByNameColumns(
        _ left: [PlanColumn], _ right: [PlanColumn], allowMissingColumns: Bool
    ) throws -> [UnionByNameColumn] {
        func index(_ columns: [PlanColumn], side: String) throws -> [String: Int] {
            var result: [String: Int] = [:]
            for (position, column) in columns.enumerated() {
                let key = column.name.lowercased()
                if result[key] != nil {
                    throw PlanError.invalidUse(
                        "unionByName: the \(side) side has two columns named '\(column.name)'; rename one first")
                }
                result[key] = position
            }
            return result
        }
        let leftIndex = try index(left, side: "left")
        let rightIndex = try index(right, side: "right")
        var output: [UnionByNameColumn] = []
        for (position, column) in left.enumerated() {
            let match = rightIndex[column.name.lowercased()]
            if match == nil && !allowMissingColumns {
                throw PlanError.invalidUse(
                    "unionByName: column '\(column.name)' is missing on the right side; "
                        + "pass allowMissingColumns=True to fill it with NULL")
            }
            let nullable = column.isNullable || match.map { right[$0].isNullable } ?? true
            let type = match.map { right[$0].type == column.type ? column.type : .unknown } ?? column.type
            output.append(
                UnionByNameColumn(
                    column: PlanColumn(name: column.name, type: type, isNullable: nullable), left: position,
                    right: match))
        }
        for (position, column) in right.enumerated() where leftIndex[column.name.lowercased()] == nil {
            if !allowMissingColumns {
                throw PlanError.invalidUse(
                    "unionByName: column '\(column.name)' is missing on the left side; "
                        + "pass allowMissingColumns=True to fill it with NULL")
            }
            output.append(
                UnionByNameColumn(
                    column: PlanColumn(name: column.name, type: column.type, isNullable: true), left: nil,
                    right: position))
        }
        return output
    }
}
